"""Storage round-trips: what goes in comes back out, for any text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsreader.core.model import Article
from newsreader.store.library import Library

text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=200)
maybe = st.none() | st.text(max_size=40)


@st.composite
def articles(draw: st.DrawFn) -> Article:
    body = draw(text)
    start = draw(st.integers(0, len(body)))
    end = draw(st.integers(start, len(body)))
    return Article(
        title=draw(st.text(max_size=80)),
        body=body,
        source=draw(maybe),
        url=draw(maybe),
        published=draw(maybe),
        path=draw(maybe),
        item=draw(st.integers(0, 1000)),
        input_id=draw(maybe),
        origin=draw(st.sampled_from(("file", "stdin", "feed"))),
        boilerplate=((start, end),) if end > start else (),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article=articles())
def test_stored_article_reads_back_unchanged(article: Article) -> None:
    with Library.open(":memory:", author="t", workers=1) as lib:
        lib.import_articles([article])
        (story,) = lib.list_stories()
        (record,) = lib.articles(story.id)
        assert record.to_article() == article
        assert record.content_hash == article.content_hash
        assert lib.import_articles([article]).duplicates == 1
