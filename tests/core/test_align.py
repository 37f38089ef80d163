"""Alignment of versions into match groups, copies, revisions and coverage."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsreader.core.align import compare
from newsreader.core.model import Article, Comparison

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "align"
JUNK = ("Share this article", "Read more: the best beaches on the coast this summer")


def load(name: str) -> Article:
    data = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    body = data["body"]
    spans = tuple((body.index(j), body.index(j) + len(j)) for j in JUNK if j in body)
    return Article(
        title=data["title"],
        body=body,
        source=data["source"],
        url=data["url"],
        published=data["published"],
        path=str(FIXTURES / f"{name}.json"),
        boilerplate=spans,
    )


def art(*sentences: str, title: str = "A story", **fields: str) -> Article:
    return Article(title=title, body="\n\n".join(sentences), **fields)  # type: ignore[arg-type]


def group_of(c: Comparison, version: int, needle: str) -> int | None:
    for s, g in zip(c.versions[version].sentences, c.versions[version].groups, strict=True):
        if needle in s.text:
            return g
    raise AssertionError(f"no sentence with {needle!r} in version {version}")


def texts(c: Comparison, gid: int) -> list[tuple[int, str]]:
    return [(v, c.versions[v].sentences[i].text) for v, i in c.groups[gid].members]


def test_identical_sentences_form_an_exact_group() -> None:
    c = compare([load("wire"), load("herald_1")])
    gid = group_of(c, 0, "Nobody was injured")
    assert gid is not None
    assert c.groups[gid].kind == "exact"
    assert c.groups[gid].coverage == 2
    assert group_of(c, 1, "Nobody was injured") == gid


def test_reworded_sentence_is_a_near_group() -> None:
    c = compare([load("wire"), load("herald_1")])
    gid = group_of(c, 0, "A fire destroyed")
    assert gid is not None and gid == group_of(c, 1, "A fire has destroyed")
    assert c.groups[gid].kind == "near"


def test_sentence_in_one_version_only_is_unique() -> None:
    c = compare([load("wire"), load("herald_1")])
    gid = group_of(c, 1, "Residents described flames")
    assert gid is not None
    assert c.groups[gid].kind == "unique"
    assert c.groups[gid].members == ((1, 5),)
    assert c.groups[gid].coverage == 1


def test_split_sentence_joins_one_group_with_both_parts() -> None:
    c = compare([load("wire"), load("herald_1")])
    gid = group_of(c, 0, "The blaze started")
    assert gid is not None
    assert group_of(c, 1, "The blaze started") == gid
    assert group_of(c, 1, "It took crews six hours") == gid
    assert c.groups[gid].coverage == 2


def test_merged_sentence_joins_both_parts_when_the_split_version_comes_first() -> None:
    c = compare([load("herald_1"), load("wire")])
    gid = group_of(c, 0, "The blaze started")
    assert gid is not None and group_of(c, 0, "It took crews") == gid
    assert group_of(c, 1, "The blaze started") == gid


def test_version_gives_one_sentence_to_a_group_when_it_does_not_repeat_itself() -> None:
    a = art(
        "The minister resigned on Friday after a week of pressure from her party.",
        "The minister resigned on Friday after a month of pressure from the press.",
    )
    b = art("The minister resigned on Friday after a week of pressure from the party.")
    c = compare([a, b])
    first, second = c.versions[0].groups
    assert first != second
    assert group_of(c, 1, "minister") == first


def test_sentence_repeated_word_for_word_stays_in_its_group() -> None:
    a = art(
        "Officials urged residents to stay indoors overnight.",
        "Schools will remain closed on Monday.",
        "Officials urged residents to stay indoors overnight.",
    )
    b = art("Officials urged residents to stay indoors overnight.")
    c = compare([a, b])
    gid = c.versions[0].groups[0]
    assert c.versions[0].groups[2] == gid
    assert c.versions[1].groups[0] == gid
    assert c.groups[gid].coverage == 2
    assert c.groups[gid].kind == "exact"


def test_unrelated_sentences_do_not_match() -> None:
    a = art("The central bank raised interest rates by half a point on Thursday.")
    b = art("Heavy rain flooded several villages in the north of the country overnight.")
    c = compare([a, b])
    assert [g.kind for g in c.groups] == ["unique", "unique"]


def test_boilerplate_sentences_are_kept_without_a_group() -> None:
    c = compare([load("wire"), load("repost")])
    repost = c.versions[1]
    junk = [s for s in repost.sentences if s.boilerplate]
    assert [s.text for s in junk] == list(JUNK)
    assert all(repost.groups[s.index] is None for s in junk)
    grouped = [(v, i) for g in c.groups for v, i in g.members]
    assert all((1, s.index) not in grouped for s in junk)


def test_every_sentence_is_in_exactly_one_group() -> None:
    c = compare([load(n) for n in ("wire", "herald_1", "herald_2", "repost")])
    seen = [(v, i) for g in c.groups for v, i in g.members]
    assert len(seen) == len(set(seen))
    expected = {(v.id, s.index) for v in c.versions for s in v.sentences if not s.boilerplate}
    assert set(seen) == expected
    for v in c.versions:
        for s, gid in zip(v.sentences, v.groups, strict=True):
            assert gid is None or (v.id, s.index) in c.groups[gid].members


def test_group_ids_follow_reading_order() -> None:
    c = compare([load("wire"), load("herald_1")])
    assert [g.id for g in c.groups] == list(range(len(c.groups)))
    firsts = [min(g.members) for g in c.groups]
    assert firsts == sorted(firsts)
    assert c.versions[0].groups[:3] == (0, 1, 2)


def test_repost_is_reported_as_a_copy_of_the_earlier_version() -> None:
    c = compare([load("wire"), load("herald_1"), load("repost")])
    assert [(x.version, x.of) for x in c.copies] == [(2, 0)]
    assert c.copies[0].share == 1.0


def test_copy_does_not_add_independent_coverage() -> None:
    c = compare([load("wire"), load("herald_1"), load("repost")])
    gid = group_of(c, 0, "Nobody was injured")
    assert gid is not None
    assert c.groups[gid].coverage == 3
    assert c.groups[gid].independent_coverage == 2


def test_versions_of_one_outlet_count_once() -> None:
    c = compare([load("herald_1"), load("herald_2")])
    gid = group_of(c, 0, "Nobody was injured")
    assert gid is not None
    assert c.groups[gid].coverage == 2
    assert c.groups[gid].independent_coverage == 1


def test_revision_lists_added_removed_edited_and_moved_sentences() -> None:
    c = compare([load("wire"), load("herald_1"), load("herald_2")])
    assert len(c.revisions) == 1
    r = c.revisions[0]
    assert (r.from_, r.to) == (1, 2)
    new, old = c.versions[2].sentences, c.versions[1].sentences
    assert [new[i].text[:6] for i in r.added] == ["Police"]
    assert [old[i].text[:9] for i in r.removed] == ["Residents"]
    edited = zip(r.edited, r.edited_from, strict=True)
    assert [(new[i].text[:6], old[j].text[:6]) for i, j in edited] == [("Nobody", "Nobody")]
    moved = zip(r.moved, r.moved_from, strict=True)
    assert [(new[i].text[:7], old[j].text[:7]) for i, j in moved] == [("The cau", "The cau")]


def test_revisions_follow_published_time_not_input_order() -> None:
    c = compare([load("herald_2"), load("herald_1")])
    assert [(r.from_, r.to) for r in c.revisions] == [(1, 0)]


def test_identical_headlines_link_versions_without_a_known_source() -> None:
    a = art("Storm closes the coast road for a second day.", title="Storm closes road")
    b = art(
        "Storm closes the coast road for a second day.",
        "Engineers will inspect the sea wall on Monday.",
        title="Storm closes road",
    )
    c = compare([a, b])
    assert [(r.from_, r.to, r.added) for r in c.revisions] == [(0, 1, (1,))]


def test_different_named_outlets_with_one_headline_are_not_revisions() -> None:
    a = art("Storm closes the coast road.", title="Storm closes road", source="Wire A")
    b = art("Storm closes the coast road.", title="Storm closes road", source="Paper B")
    assert compare([a, b]).revisions == ()


def test_number_conflict_is_flagged_on_the_group() -> None:
    c = compare([load("wire"), load("herald_1")])
    gid = group_of(c, 0, "evacuated")
    assert gid is not None and gid == group_of(c, 1, "evacuated")
    conflicts = c.groups[gid].conflicts
    assert [x.values for x in conflicts] == [((0, "about 40"), (1, "120"))]


def test_same_numbers_in_both_versions_are_not_a_conflict() -> None:
    c = compare([load("wire"), load("herald_1")])
    gid = group_of(c, 0, "The blaze started")
    assert gid is not None
    assert c.groups[gid].conflicts == ()


def test_comparison_is_deterministic() -> None:
    versions = [load(n) for n in ("wire", "herald_1", "herald_2", "repost")]
    assert compare(versions) == compare(versions)
    assert compare(versions, workers=2) == compare(versions)


def test_single_version_has_only_unique_groups() -> None:
    c = compare([load("wire")])
    assert {g.kind for g in c.groups} == {"unique"}
    assert c.copies == () and c.revisions == ()


def test_no_versions_give_an_empty_comparison() -> None:
    assert compare([]) == Comparison(versions=(), groups=())


def test_matrix_path_and_row_path_give_the_same_alignment(monkeypatch: pytest.MonkeyPatch) -> None:
    import newsreader.core.align as align_module

    versions = [load(n) for n in ("wire", "herald_1", "herald_2", "repost")]
    by_rows = compare(versions)
    monkeypatch.setattr(align_module, "SMALL_INPUT", 0)
    monkeypatch.setattr(align_module, "ROW_BLOCK", 3)
    monkeypatch.setattr(align_module, "SHARED_PY_LIMIT", 0)
    assert compare(versions) == by_rows


def test_split_kept_by_two_versions_joins_the_merged_sentence_of_two_others() -> None:
    c = compare([load(n) for n in ("wire", "herald_1", "herald_2", "repost")])
    gid = group_of(c, 0, "The blaze started")
    assert gid is not None
    assert c.groups[gid].coverage == 4
    assert sorted(v for v, _ in c.groups[gid].members) == [0, 1, 1, 2, 2, 3]


def test_feed_dates_order_revisions() -> None:
    early = art(
        "Storm closes the coast road.", title="Storm", published="Mon, 14 Sep 2020 08:00:00 GMT"
    )
    late = art(
        "Storm closes the coast road.",
        "Engineers will inspect the sea wall.",
        title="Storm",
        published="Mon, 14 Sep 2020 11:30:00 +0000",
    )
    c = compare([late, early])
    assert [(r.from_, r.to, r.added) for r in c.revisions] == [(1, 0, (1,))]


def test_source_taken_from_the_file_name_is_not_an_outlet() -> None:
    a = art("Storm closes the coast road.", title="Storm", source="a1", path="/in/a1.txt")
    b = art("Storm closes the coast road.", title="Storm", source="b2", path="/in/b2.txt")
    c = compare([a, b])
    assert [(r.from_, r.to) for r in c.revisions] == [(0, 1)]
    assert c.groups[0].independent_coverage == 1


def test_short_sentences_sharing_a_few_words_are_different_facts() -> None:
    a = art("Police arrested 12 protesters on Friday.")
    b = art("Police arrested the mayor on Friday.")
    assert [g.kind for g in compare([a, b]).groups] == ["unique", "unique"]
