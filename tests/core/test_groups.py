"""Story grouping: versions of one event together, different events apart, deterministic."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.core.groups import (
    SAME_STORY_CUTOFF,
    StoryIndex,
    canonical_order,
    digest,
    digest_article,
    group_stories,
    same_story,
    similarity,
    story_keys,
)
from newsreader.core.model import Article

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "groups"
SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"


def load_fixture() -> tuple[list[Article], list[str], list[str]]:
    rows = json.loads((FIXTURES / "stories.json").read_text(encoding="utf-8"))
    articles = [
        Article(
            title=r["title"],
            body=r["body"],
            source=r["source"],
            published=r["published"],
            input_id=f"{r['story']}/{r['kind']}/{n}",
        )
        for n, r in enumerate(rows)
    ]
    return articles, [r["story"] for r in rows], [r["kind"] for r in rows]


def partition(stories) -> set[frozenset[int]]:
    return {frozenset(s.articles) for s in stories}


def gold_partition(labels: list[str]) -> set[frozenset[int]]:
    out: dict[str, set[int]] = {}
    for i, label in enumerate(labels):
        out.setdefault(label, set()).add(i)
    return {frozenset(v) for v in out.values()}


def test_fixture_stories_are_recovered_exactly() -> None:
    articles, labels, _ = load_fixture()
    assert partition(group_stories(articles)) == gold_partition(labels)


def test_versions_with_different_headlines_are_one_story() -> None:
    articles, labels, kinds = load_fixture()
    wire = next(i for i, k in enumerate(kinds) if k == "wire" and labels[i] == "protest-sunday")
    rewrite = next(i for i, k in enumerate(kinds) if k == "rewrite" and labels[i] == labels[wire])
    assert articles[wire].title != articles[rewrite].title
    assert same_story(digest_article(articles[wire]), digest_article(articles[rewrite]))


def test_two_stories_on_one_topic_stay_apart() -> None:
    articles, labels, _ = load_fixture()
    sunday = [i for i, s in enumerate(labels) if s == "protest-sunday"]
    thursday = [i for i, s in enumerate(labels) if s == "protest-thursday"]
    for i in sunday:
        for j in thursday:
            assert not same_story(digest_article(articles[i]), digest_article(articles[j]))


def test_revision_is_grouped_with_its_original() -> None:
    articles, _, kinds = load_fixture()
    revision = articles[kinds.index("revision")]
    original = articles[0]
    assert similarity(digest_article(original), digest_article(revision)) > 0.8


def test_repost_with_junk_lines_is_grouped() -> None:
    articles, labels, kinds = load_fixture()
    repost = kinds.index("repost")
    stories = group_stories(articles)
    story = next(s for s in stories if repost in s.articles)
    assert {labels[i] for i in story.articles} == {"protest-sunday"}
    assert "Related:" in articles[repost].body  # the junk names other stories' headlines


def test_boilerplate_spans_are_ignored() -> None:
    body = "Corvana Kellin Ostrava Brisk Halvek Sorin Marant Brenner shares strike steel\n" * 3
    real = "Tens of thousands marched through Corvana on Sunday against Ilse Marant."
    text = body + real
    plain = digest("Protest in Corvana", real)
    marked = digest("Protest in Corvana", text, boilerplate=((0, len(body)),))
    assert marked.weights == plain.weights


def test_every_article_is_in_exactly_one_story() -> None:
    articles, _, _ = load_fixture()
    articles += [Article(title="", body=""), Article(title="Untitled", body="")]
    stories = group_stories(articles)
    members = sorted(i for s in stories for i in s.articles)
    assert members == list(range(len(articles)))
    assert [s.id for s in stories] == list(range(len(stories)))


def test_stories_come_in_order_of_first_appearance_with_earliest_headline() -> None:
    articles, _, _ = load_fixture()
    order = [3, 7, 0, 1, 2, 6, 4, 5]
    shuffled = [articles[i] for i in order]
    stories = group_stories(shuffled)
    firsts = [s.articles[0] for s in stories]
    assert firsts == sorted(firsts)
    # The repost (first in input) is not the earliest version: the wire copy's headline wins.
    assert stories[0].title == "Thousands march in Corvana against President Marant"


def test_input_order_does_not_change_the_partition() -> None:
    articles, _, _ = load_fixture()
    expected = partition(group_stories(articles))
    for seed in range(5):
        order = list(range(len(articles)))
        random.Random(seed).shuffle(order)
        got = group_stories([articles[i] for i in order])
        assert {frozenset(order[i] for i in s) for s in partition(got)} == expected


def test_incremental_index_gives_the_batch_partition() -> None:
    articles, _, _ = load_fixture()
    index = StoryIndex()
    for i in canonical_order(articles):
        index.add(f"article-{i}", digest_article(articles[i]))
    index.settle()
    incremental: dict[int, set[int]] = {}
    for i in range(len(articles)):
        incremental.setdefault(index.story_of(f"article-{i}"), set()).add(i)
    assert {frozenset(v) for v in incremental.values()} == partition(group_stories(articles))


def test_settle_moves_an_article_that_came_before_its_versions() -> None:
    articles, labels, _ = load_fixture()
    index = StoryIndex()
    index.add("steel-rewrite", digest_article(articles[7]))
    index.add("protest", digest_article(articles[0]))
    index.add("steel-wire", digest_article(articles[6]))
    assert index.story_of("steel-rewrite") == index.story_of("steel-wire")
    lone = StoryIndex()
    lone.add("protest-rewrite", digest_article(articles[1]), story=0)
    lone.add("steel-wire", digest_article(articles[6]), story=1)
    lone.add("protest-wire", digest_article(articles[0]), story=2)
    assert lone.settle() == {"protest-rewrite": 2}
    assert lone.story_of("protest-rewrite") == lone.story_of("protest-wire")


def test_index_candidates_rank_the_same_story_first() -> None:
    articles, labels, _ = load_fixture()
    index = StoryIndex()
    for i, a in enumerate(articles[1:], start=1):
        index.add(i, digest_article(a))
    best = index.candidates(digest_article(articles[0]))[0]
    assert labels[best.key] == labels[0]
    assert best.similarity >= SAME_STORY_CUTOFF


def test_index_keeps_a_story_given_by_the_caller() -> None:
    articles, _, _ = load_fixture()
    index = StoryIndex()
    assert index.add("a", digest_article(articles[0]), story=41) == 41
    assert index.add("b", digest_article(articles[1])) == 41
    assert index.add("c", digest_article(articles[6])) == 42
    with pytest.raises(ValueError):
        index.add("a", digest_article(articles[0]))


def test_blocking_keys_are_stable_across_processes() -> None:
    articles, _, _ = load_fixture()
    here = story_keys(digest_article(articles[1]))
    code = (
        "import json,sys; from newsreader.core.groups import story_keys, digest;"
        "print(json.dumps(story_keys(digest(sys.argv[1], sys.argv[2]))))"
    )
    src = str(Path(__file__).resolve().parents[2] / "src")
    for seed in ("1", "2"):
        out = subprocess.run(
            [sys.executable, "-c", code, articles[1].title, articles[1].body],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed, "PYTHONPATH": src},
        ).stdout
        assert tuple(json.loads(out)) == here


def test_grouping_is_the_same_in_every_process() -> None:
    code = (
        "import json; from newsreader.core.groups import group_stories;"
        "from newsreader.core.model import Article;"
        f"rows = json.load(open({str(FIXTURES / 'stories.json')!r}));"
        "arts = [Article(title=r['title'], body=r['body'], published=r['published'])"
        " for r in rows];"
        "print(json.dumps([[s.title, list(s.articles)] for s in group_stories(arts)]))"
    )
    src = str(Path(__file__).resolve().parents[2] / "src")
    outs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed, "PYTHONPATH": src},
        ).stdout
        for seed in ("0", "7", "123")
    }
    assert len(outs) == 1


def test_versions_share_a_blocking_key_and_unrelated_stories_do_not() -> None:
    articles, labels, _ = load_fixture()
    keys = [set(story_keys(digest_article(a))) for a in articles]
    for i in range(len(articles)):
        for j in range(i + 1, len(articles)):
            if labels[i] == labels[j]:
                assert keys[i] & keys[j], (i, j)
    assert not keys[0] & keys[6]  # a protest and a steel takeover


def test_headlines_alone_are_grouped() -> None:
    titles = [
        "Kellin Group agrees 410 million takeover of Ostrava Steel",
        "Ostrava Steel sold to Kellin Group in 410 million deal",
        "Storm Adela leaves 40,000 homes without power in Brisk",
    ]
    stories = group_stories([Article(title=t, body="") for t in titles])
    assert partition(stories) == {frozenset({0, 1}), frozenset({2})}


def test_outlet_name_after_a_headline_is_ignored() -> None:
    plain = digest("Kellin Group agrees takeover of Ostrava Steel", "")
    suffixed = digest("Kellin Group agrees takeover of Ostrava Steel - Morning Ledger", "")
    assert suffixed.weights == plain.weights


def test_time_apart_lowers_similarity() -> None:
    title, body = "Kellin Group buys Ostrava Steel", "Kellin Group will buy Ostrava Steel."
    near = similarity(
        digest(title, body, published="2025-03-11"), digest(title, body, published="2025-03-12")
    )
    far = similarity(
        digest(title, body, published="2025-03-11"), digest(title, body, published="2025-05-11")
    )
    assert near == 1.0
    assert far < near


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Corvana", "Marant", "Kellin", "Brisk", "steel", "march", "312"]),
            st.text(max_size=40),
        ),
        max_size=12,
    )
)
def test_any_input_gives_a_partition(pairs: list[tuple[str, str]]) -> None:
    articles = [Article(title=f"{w} {t}", body=t * 3) for w, t in pairs]
    stories = group_stories(articles)
    assert sorted(i for s in stories for i in s.articles) == list(range(len(articles)))


def _read_seed(path: Path) -> Article:
    lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    title = next(ln for ln in lines if len(ln.split()) >= 4)
    body = "\n".join(lines[lines.index(title) + 1 :])
    return Article(title=title, body=body, path=str(path))


def _seed_articles() -> list[Article]:
    return [_read_seed(p) for p in sorted(SEEDS.glob("*.txt"))]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not available")
def test_seed_versions_from_outlets_are_grouped() -> None:
    articles = _seed_articles()
    assert len(articles) == 5
    stories = group_stories(articles)
    assert max(len(s.articles) for s in stories) >= 4
