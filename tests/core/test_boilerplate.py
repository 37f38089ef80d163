"""Boilerplate lines are marked (kept in the body); real sentences never are."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.core.boilerplate import (
    MIN_REPEAT_ARTICLES,
    boilerplate_spans,
    is_boilerplate_line,
    mark_boilerplate,
    normalise_line,
)
from newsreader.core.model import Article

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"


LAST_SENTENCE = "Another real sentence of the story follows here, as they do."


def marked_lines(body: str, **kw: object) -> list[str]:
    return [body[s:e] for s, e in boilerplate_spans(body, **kw)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "line",
    [
        "Share this",
        "Share this article",
        "Leave a Reply",
        "Comments",
        "12 Comments",
        "Read more",
        "Related Topics",
        "image copyrightGetty Images",
        "image captionThe mayor (L) spoke to reporters outside the hall",
        "media captionCrowds gathered in the square",
        "Photo: Jane Doe/Harbour Gazette",
        "The post Harbour reopens appeared first on Coastline Daily.",
        "Let's block ads! (Why?)",
        "Subscribe to our newsletter",
        "Sign up for our daily newsletter to get the news in your inbox",
        "This website uses cookies to improve your experience.",
        "Author: No Comments Share:",
        "By Jane Smith",
        "© 2024 Harbour Gazette. All rights reserved.",
        "Copyright 2024 The Valley Post",
        "Your email address will not be published. Required fields are marked *",
        "Advertisement",
        "example.blogspot.com",
        "https://t.example/abc123",
        "September 14, 2020 at 04:18PM",
        "Powered by Blogger.",
        "Facebook Twitter WhatsApp Email",
    ],
)
def test_rule_marks_boilerplate_line(line: str) -> None:
    body = f"A real first sentence of the story is here.\n\n{line}\n\n{LAST_SENTENCE}"
    assert marked_lines(body) == [line]


@pytest.mark.parametrize(
    "line",
    [
        "Shares in the company fell by 12% after the announcement.",
        "He declined to comment on the report, saying it was a matter for the police.",
        "By noon, more than 2,000 people had gathered outside the town hall.",
        "Read the full statement, the minister told reporters, and you will see the plan.",
        "The photo shows the damage to the bridge, engineers said.",
        "Image rights are a growing business for football clubs, analysts say.",
        "Officials said cookies and sweets would be handed out at the fair.",
        "Comments made by the minister on Friday were condemned by the opposition.",
        "Subscribers to the service will pay more from April, the company said.",
    ],
)
def test_real_sentence_is_not_marked(line: str) -> None:
    body = f"First sentence of the story.\n\n{line}\n\nLast sentence of the story."
    assert marked_lines(body) == []


def test_related_widget_headlines_are_marked_until_prose() -> None:
    body = (
        "The vote was held on Monday.\n\nPrevious Article\n\nBaker wins award for sourdough\n\n"
        "Next Article\n\nSchool fete raises record sum\n\nYou may also like"
    )
    assert marked_lines(body) == [
        "Previous Article",
        "Baker wins award for sourdough",
        "Next Article",
        "School fete raises record sum",
        "You may also like",
    ]


def test_widget_ends_at_a_prose_line() -> None:
    body = "Related Topics\n\nThe council met on Monday and agreed the budget for next year."
    assert marked_lines(body) == ["Related Topics"]


def test_after_feed_footer_only_prose_counts_as_article() -> None:
    body = (
        "The pier will be rebuilt next year, the council said on Monday.\n\n"
        "Let's block ads! (Why?)\n\nWorld - Latest - Google News\n\nBagikan Berita Ini\n\n"
        "Post a Comment"
    )
    assert marked_lines(body)[0] == "Let's block ads! (Why?)"
    assert len(marked_lines(body)) == 4


def test_title_repeated_in_body_is_marked() -> None:
    body = "The pier will be rebuilt.\n\nPier to be rebuilt - Coastline Daily"
    assert marked_lines(body, title="Pier to be rebuilt") == [
        "Pier to be rebuilt - Coastline Daily"
    ]


def test_spans_cover_whole_lines_without_indentation() -> None:
    body = "Real text here.\n  Share this  \nMore real text."
    [(s, e)] = boilerplate_spans(body)
    assert body[s:e] == "Share this"


def test_frequent_lines_are_marked() -> None:
    body = "Real text.\n\nFrom our partners at Harbour Media\n\nMore real text."
    key = normalise_line("From our partners at Harbour Media")
    assert marked_lines(body, frequent=frozenset({key})) == ["From our partners at Harbour Media"]


def test_normalise_line_ignores_case_digits_and_punctuation() -> None:
    assert normalise_line("Posted 14 Sept, 2020!") == normalise_line("posted 3 sept 1999")


def _article(source: str, title: str, body: str) -> Article:
    return Article(title=title, body=body, source=source)


def test_line_repeated_across_unrelated_articles_of_a_source_is_marked() -> None:
    footer = "Tips? Write to the desk at our office on Quay Street"
    leads = ["A fire broke out.", "The mayor resigned.", "Rain closed the fair.", "Tides rose."]
    arts = [
        _article("Gazette", f"Story {i}", f"{lead}\n{footer}")
        for i, lead in enumerate(leads[:MIN_REPEAT_ARTICLES])
    ]
    marked = mark_boilerplate(arts)
    for a in marked:
        assert [a.body[s:e] for s, e in a.boilerplate] == [footer]


def test_repeated_line_under_threshold_or_other_source_not_marked() -> None:
    footer = "Tips? Write to the desk at our office on Quay Street"
    arts = [_article("Gazette", f"S{i}", f"Story {i} text.\n{footer}") for i in range(2)]
    arts.append(_article("Other", "S9", f"Story 9 text.\n{footer}"))
    assert all(a.boilerplate == () for a in mark_boilerplate(arts))


def test_revisions_of_one_article_do_not_make_shared_sentences_boilerplate() -> None:
    shared = ["The bridge closed on Sunday.", "Engineers are inspecting it.", "Buses are diverted."]
    arts = [
        _article("Post", f"Bridge closed (update {i})", "\n".join([*shared, f"Update {i}."]))
        for i in range(MIN_REPEAT_ARTICLES + 1)
    ]
    assert all(a.boilerplate == () for a in mark_boilerplate(arts))


def _seed(prefix: str) -> Article:
    if not SEEDS.is_dir():
        pytest.skip("shared seeds folder is absent")
    files = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not files:
        pytest.skip("seed file absent")
    from newsreader.ingest import read_bytes

    [article] = read_bytes(files[0].read_bytes(), str(files[0]))
    [article] = mark_boilerplate([article])
    return article


def _lines(article: Article) -> tuple[set[str], set[str]]:
    marked = {article.body[s:e] for s, e in article.boilerplate}
    kept = {ln.strip() for ln in article.body.split("\n") if ln.strip()} - marked
    return marked, kept


def test_seed_comment_form_is_boilerplate() -> None:
    marked, kept = _lines(_seed("000"))
    assert "Leave a Reply" in marked
    assert any(m.startswith("image caption") for m in marked)
    assert any(k.startswith("On Sunday, tens of thousands of people marched") for k in kept)
    assert any(k.startswith("Mr Putin recognises Mr Lukashenko") for k in kept)


def test_seed_related_widget_is_boilerplate() -> None:
    marked, kept = _lines(_seed("002"))
    assert "Previous Article" in marked and "Next Article" in marked
    assert "Author: No Comments Share:" in marked
    assert any(k.startswith("The Interior Ministry reported more than 400 arrests") for k in kept)


def test_seed_adblock_plea_and_junk_first_line() -> None:
    article = _seed("004")
    marked, kept = _lines(article)
    assert "Let's block ads! (Why?)" in marked
    assert "Search" in marked
    assert article.title.startswith("Amid protests, Lukashenko arrives")
    assert article.source == "Al Jazeera English"
    assert any(k.startswith("Protests, some featuring violence") for k in kept)
    assert any(k.startswith("Lukashenko's plane landed in the southern Russian city") for k in kept)


def test_seed_real_sentences_never_marked() -> None:
    for prefix in ("000", "001", "002", "003", "004"):
        article = _seed(prefix)
        for s, e in article.boilerplate:
            line = article.body[s:e]
            # a long line ending like a sentence is article prose, never boilerplate,
            # except the comment-form notice
            if len(line.split()) >= 15 and line.endswith("."):
                pytest.fail(f"{prefix}: prose marked as boilerplate: {line[:60]}")


@pytest.mark.parametrize(
    "line",
    ["Home | World | Local | Weather", "News » Europe » Politics", "Sport • Business • Culture"],
)
def test_navigation_bar_is_boilerplate(line: str) -> None:
    assert is_boilerplate_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Prices rose 3% in March | a sharp jump, the bank said.",
        "The vote was 52 / 48 in favour of the plan.",
        "Mr Smith | the mayor",
    ],
)
def test_prose_with_separators_is_not_a_navigation_bar(line: str) -> None:
    assert not is_boilerplate_line(line)
