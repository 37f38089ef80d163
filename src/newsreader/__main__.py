"""``python -m newsreader`` runs the command line."""

from newsreader.cli import main

if __name__ == "__main__":
    main()
