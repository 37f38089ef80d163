"""Real processes against one library: an import killed with SIGKILL, two writers at once."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsreader.store.library import BATCH_SIZE, PARALLEL_MIN_ARTICLES, Library

pytestmark = pytest.mark.slow

SRC = Path(__file__).resolve().parents[2] / "src"
WORDS = (
    "harbour council bridge river school tram museum budget strike court storm market "
    "election festival hospital railway airport factory library stadium forest police "
    "mayor minister union farmers teachers nurses drivers judges residents engineers"
).split()
PLACES = "Imley Hallam Oststadt Brenmoor Calder Dunmere Eastmark Fenwick Garrow Holt".split()


def write_articles(folder: Path, count: int, *, seed: int) -> None:
    """``count`` distinct small article files, each about its own invented event."""
    folder.mkdir(parents=True)
    for i in range(count):
        rng = random.Random(seed * 100_000 + i)
        place = rng.choice(PLACES)
        words = rng.sample(WORDS, 6)
        number = rng.randint(10, 99_999)
        title = f"{place} {words[0]} {words[1]} report {seed}-{i}"
        body = "\n".join(
            [
                f"The {words[0]} in {place} reported {number} {words[2]} on case {seed}-{i}.",
                f"Officials said the {words[3]} and the {words[4]} would meet again.",
                f"Nobody from the {words[5]} was available for comment.",
            ]
        )
        (folder / f"{i:05d}.txt").write_text(
            f"Source: Outlet {rng.randint(1, 9)}\nPublished: 2026-11-{1 + i % 28:02d}T10:00:00Z"
            f"\n\n{title}\n\n{body}\n"
        )


def env_for(db: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(SRC) + os.pathsep + env.get("PYTHONPATH", "")
    env["NEWSREADER_DB"] = str(db)
    return env


def count_articles(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return 0
    try:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0
    finally:
        conn.close()


def import_command(*paths: Path) -> list[str]:
    return [sys.executable, "-m", "newsreader", "import", "--quiet", *map(str, paths)]


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(x) for x in path.read_text().split()] if path.exists() else []


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"


def test_killed_import_keeps_committed_batches_and_resumes(tmp_path: Path) -> None:
    total = max(BATCH_SIZE * 3, PARALLEL_MIN_ARTICLES) + 17  # large enough to prepare in parallel
    inputs = tmp_path / "inputs"
    write_articles(inputs, total, seed=1)
    db = tmp_path / "library.sqlite3"
    proc = subprocess.Popen(
        import_command(inputs),
        env=env_for(db),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while count_articles(db) < BATCH_SIZE:
        assert proc.poll() is None, "the import ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.01)
    time.sleep(0.2)  # somewhere inside a later batch
    helpers = children(proc.pid)
    assert helpers, "a large import prepares batches in a helper process"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in helpers):  # the preparation process follows its parent
        assert time.monotonic() < deadline, "a helper process outlived the killed import"
        time.sleep(0.1)

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    kept = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    indexed = conn.execute("SELECT count(*) FROM article_fts").fetchone()[0]
    stories = conn.execute("SELECT coalesce(sum(versions), 0) FROM stories").fetchone()[0]
    conn.close()
    assert 0 < kept < total
    assert kept % BATCH_SIZE == 0  # whole batches only
    assert indexed == kept and stories == kept

    rerun = subprocess.run(
        [*import_command(inputs)[:-2], str(inputs)],
        env=env_for(db),
        capture_output=True,
        text=True,
    )
    assert rerun.returncode == 0, rerun.stderr
    assert f"duplicates skipped {kept}" in rerun.stderr
    with Library.open(db) as lib:
        assert lib.db.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == total
        assert sum(s.versions for s in lib.list_stories(limit=total)) == total


WRITER = """
import sys
from newsreader.store.library import Library
with Library.open(sys.argv[1]) as lib:
    for i in range(60):
        lib.set_state(f"cursor-{i}", str(i))
        lib.tag_story(1, f"tag-{i % 5}")
        lib.set_read(1, i % 2 == 0)
print("done")
"""


def test_two_processes_writing_at_once_both_succeed(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    write_articles(first, BATCH_SIZE * 2, seed=2)
    write_articles(second, BATCH_SIZE * 2, seed=3)
    db = tmp_path / "library.sqlite3"
    seed_article = tmp_path / "seed"
    write_articles(seed_article, 1, seed=4)
    subprocess.run(import_command(seed_article), env=env_for(db), check=True)

    procs = [
        subprocess.Popen(
            cmd, env=env_for(db), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for cmd in (
            import_command(first),
            import_command(second),
            [sys.executable, "-c", WRITER, str(db)],
        )
    ]
    results = [(p.wait(timeout=300), p.stdout.read(), p.stderr.read()) for p in procs]  # type: ignore[union-attr]
    for code, _, err in results:
        assert code == 0, err
    assert results[2][1].strip() == "done"

    with Library.open(db) as lib:
        conn = lib.db.conn
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 1 + 4 * BATCH_SIZE
        assert [lib.get_state(f"cursor-{i}") for i in (0, 59)] == ["0", "59"]
        assert len(lib.tags()) == 5
