"""Checks on the five real seed versions (skipped when ../shared/seeds is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.core.align import compare
from newsreader.core.model import Article, Comparison

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="seed articles not available")


def read_seed(path: Path) -> Article:
    text = path.read_text(encoding="utf-8")
    title, _, body = text.lstrip().partition("\n")
    return Article(title=title.strip(), body=body, path=str(path))


@pytest.fixture(scope="module")
def bbc() -> Comparison:
    files = sorted(SEEDS.iterdir())[:2]
    return compare([read_seed(p) for p in files])


def where(c: Comparison, version: int, needle: str) -> tuple[int, int]:
    for s, g in zip(c.versions[version].sentences, c.versions[version].groups, strict=True):
        if needle in s.text:
            assert g is not None
            return s.index, g
    raise AssertionError(needle)


def test_bbc_versions_share_many_sentences_some_reworded(bbc: Comparison) -> None:
    shared = [g for g in bbc.groups if g.coverage == 2]
    assert len(shared) >= 8
    assert any(g.kind == "near" for g in shared) and any(g.kind == "exact" for g in shared)


def test_bbc_sentence_split_in_two_is_one_group(bbc: Comparison) -> None:
    split = [g for g in bbc.groups if sum(1 for v, _ in g.members if v == 1) == 2]
    assert split
    assert all(sum(1 for v, _ in g.members if v == 0) == 1 for g in split)


def test_march_size_conflict(bbc: Comparison) -> None:
    _, early = where(bbc, 0, "tens of thousands of people marched")
    _, late = where(bbc, 1, "at least 100,000 people marched")
    assert early == late
    values = [dict(c.values) for c in bbc.groups[early].conflicts]
    assert values == [{0: "tens of thousands", 1: "at least 100,000"}]


def test_early_analysis_passage_has_no_match_later(bbc: Comparison) -> None:
    index, gid = where(bbc, 0, "Moscow will back him in public")
    assert bbc.groups[gid].kind == "unique"
    (step,) = bbc.revisions
    assert (step.from_, step.to) == (0, 1)
    assert index in step.removed


def test_all_five_seeds_align_deterministically() -> None:
    articles = [read_seed(p) for p in sorted(SEEDS.iterdir())]
    first = compare(articles)
    assert first == compare(list(articles), workers=2)
    assert len(first.versions) == 5
