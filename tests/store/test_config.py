"""Settings from the TOML file: defaults when absent, one-line errors when wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.config import DEFAULT_THEME, load_settings
from newsreader.errors import NewsreaderError
from newsreader.store.library import Library


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    settings = load_settings(tmp_path / "absent.toml")
    assert settings.theme == DEFAULT_THEME
    assert settings.author
    assert settings.workers == 1
    assert dict(settings.keys) == {}


def test_values_are_read(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        'author = "Dana Reyes"\ntheme = "textual-light"\nworkers = 2\nfuture = 1\n'
        '[keys]\nnext_unique = "x"\n'
    )
    settings = load_settings(path)
    assert (settings.author, settings.theme, settings.workers) == ("Dana Reyes", "textual-light", 2)
    assert settings.keys["next_unique"] == "x"


def test_config_path_comes_from_the_environment(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text('author = "Env Author"\n')  # NEWSREADER_CONFIG
    assert load_settings().author == "Env Author"


def test_notes_are_signed_with_the_configured_author(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text('author = "Night Desk"\n')
    with Library.open(":memory:") as lib:
        assert lib.author == "Night Desk"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("author = ", "not valid TOML"),
        ("workers = 'two'", "workers must be a whole number"),
        ("theme = 3", "theme must be text"),
        ("[keys]\nquit = 1", "[keys] must map"),
    ],
)
def test_bad_settings_are_one_line_errors(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text)
    with pytest.raises(NewsreaderError) as error:
        load_settings(path)
    assert message in str(error.value)
    assert "\n" not in str(error.value)
