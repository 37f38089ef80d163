"""The pinned JSON documents: every key present with the right type, and round trips."""

from __future__ import annotations

import json

from test_align import load

from newsreader.core.align import compare
from newsreader.core.model import Article, Story
from newsreader.core.serialize import comparison_from_json, comparison_to_json, stories_to_json

NULLABLE_STR = (str, type(None))


def sample() -> list[Article]:
    return [load(n) for n in ("wire", "herald_1", "herald_2", "repost")]


def test_compare_document_has_every_pinned_key_with_its_type() -> None:
    doc = json.loads(json.dumps(comparison_to_json(compare(sample()))))
    assert doc["schema"] == "newsreader.compare/1"
    assert {"versions", "groups", "copies", "revisions"} <= doc.keys()
    for k, v in enumerate(doc["versions"]):
        assert v["id"] == k
        assert isinstance(v["input_id"], NULLABLE_STR)
        assert isinstance(v["path"], NULLABLE_STR)
        assert isinstance(v["item"], int)
        for key in ("source", "title", "published"):
            assert isinstance(v[key], NULLABLE_STR)
        for i, s in enumerate(v["sentences"]):
            assert s["index"] == i
            assert isinstance(s["text"], str)
            assert isinstance(s["start"], int) and isinstance(s["end"], int)
            assert isinstance(s["boilerplate"], bool)
            assert (s["group"] is None) == s["boilerplate"]
    for k, g in enumerate(doc["groups"]):
        assert g["id"] == k
        assert all(isinstance(m, list) and len(m) == 2 for m in g["members"])
        assert isinstance(g["coverage"], int) and isinstance(g["independent_coverage"], int)
        assert g["kind"] in ("exact", "near", "unique")
        for c in g["conflicts"]:
            assert all(isinstance(v, int) and isinstance(x, str) for v, x in c["values"])
    assert doc["copies"] == [{"version": 3, "of": 0, "share": 1.0}]
    (step,) = doc["revisions"]
    assert {"from", "to", "added", "removed", "edited", "moved"} <= step.keys()
    assert len(step["edited"]) == len(step["edited_from"])
    assert len(step["moved"]) == len(step["moved_from"])


def test_sentence_offsets_point_into_the_body() -> None:
    articles = sample()
    doc = comparison_to_json(compare(articles))
    for article, v in zip(articles, doc["versions"], strict=True):
        for s in v["sentences"]:
            assert article.body[s["start"] : s["end"]] == s["text"]


def test_near_groups_carry_a_word_diff_when_asked() -> None:
    doc = comparison_to_json(compare(sample()), diffs=True)
    near = [g for g in doc["groups"] if g["kind"] == "near"]
    assert near and all("diff" in g for g in near)
    assert all("diff" not in g for g in doc["groups"] if g["kind"] != "near")
    ops = near[0]["diff"][0]["ops"]
    assert {op for op, _a, _b in ops} <= {"equal", "insert", "delete", "replace"}


def test_comparison_round_trips_through_json_with_its_articles() -> None:
    articles = sample()
    c = compare(articles)
    doc = json.loads(json.dumps(comparison_to_json(c)))
    assert comparison_from_json(doc, articles) == c


def test_comparison_from_json_alone_rebuilds_bodies_at_the_same_offsets() -> None:
    c = compare(sample())
    back = comparison_from_json(json.loads(json.dumps(comparison_to_json(c))))
    assert back.groups == c.groups and back.copies == c.copies
    assert back.revisions == c.revisions
    for v in back.versions:
        assert all(v.article.body[s.start : s.end] == s.text for s in v.sentences)


def test_group_document_lists_every_article_once() -> None:
    articles = sample()
    stories = (Story(0, "Fire", (0, 3)), Story(1, "Blaze", (1, 2)))
    doc = json.loads(json.dumps(stories_to_json(stories, articles)))
    assert doc["schema"] == "newsreader.group/1"
    listed = [a["path"] for s in doc["stories"] for a in s["articles"]]
    assert sorted(listed) == sorted(a.path for a in articles)
    for s in doc["stories"]:
        assert isinstance(s["id"], int) and isinstance(s["title"], str)
        for a in s["articles"]:
            assert {"path", "item", "input_id", "title", "source"} <= a.keys()
