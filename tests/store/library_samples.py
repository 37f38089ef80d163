"""Articles written for the library tests (a fictional flood and a fictional portrait sale)."""

from __future__ import annotations

from newsreader.core.model import Article
from newsreader.store.library import Library

FLOOD_WIRE = Article(
    title="Floods force 4,000 from their homes in Imley",
    body=(
        "Floods forced 4,000 people from their homes in Imley on Tuesday.\n"
        "The river Tam burst its banks after three days of heavy rain.\n"
        "Mayor Ada Quill said two schools had been opened as shelters.\n"
        "Share this article"
    ),
    source="Northgate Wire",
    url="https://wire.example/imley-floods",
    published="2026-11-17T08:00:00Z",
    boilerplate=((189, 207),),
)
FLOOD_LEDGER = Article(
    title="Thousands leave Imley as the Tam floods",
    body=(
        "Floods forced about 4,000 people from their homes in Imley on Tuesday, officials said.\n"
        "The river Tam burst its banks after three days of rain.\n"
        "Mayor Ada Quill said two schools had been opened as shelters.\n"
        "Residents were told to avoid the lower town."
    ),
    source="Valley Ledger",
    url="https://ledger.example/tam-floods",
    published="2026-11-17T10:30:00Z",
)
FLOOD_WIRE_UPDATE = Article(
    title="Floods force 5,000 from their homes in Imley",
    body=(
        "Floods forced 5,000 people from their homes in Imley on Tuesday.\n"
        "The river Tam burst its banks after three days of heavy rain.\n"
        "A third school opened as a shelter on Tuesday evening.\n"
        "More rain is forecast for Wednesday."
    ),
    source="Northgate Wire",
    url="https://wire.example/imley-floods",
    published="2026-11-17T18:00:00Z",
)
PORTRAIT = Article(
    title="Hallam museum buys a lost Varga portrait",
    body=(
        "The Hallam museum has bought a portrait by Ines Varga that was lost for sixty years.\n"
        "It paid 2.1 million crowns at an auction in Oststadt on Monday.\n"
        "The painting will hang in the east wing from March."
    ),
    source="Valley Ledger",
    url="https://ledger.example/varga",
    published="2026-11-16T12:00:00Z",
)
PORTRAIT_WIRE = Article(
    title="Lost Varga portrait bought by Hallam museum",
    body=(
        "A portrait by Ines Varga, lost for sixty years, has been bought by the Hallam museum.\n"
        "The museum paid 2.1 million crowns at an auction in Oststadt on Monday.\n"
        "Curators said it would hang in the east wing from March."
    ),
    source="Northgate Wire",
    url="https://wire.example/varga",
    published="2026-11-16T15:00:00Z",
)


def story_of(library: Library, article: Article) -> int:
    """The story id of the stored article with ``article``'s content."""
    for summary in library.list_stories(limit=10_000):
        for record in library.articles(summary.id):
            if record.content_hash == article.content_hash:
                return summary.id
    raise AssertionError(f"{article.title!r} is not in the library")


def article_id(library: Library, article: Article) -> int:
    for summary in library.list_stories(limit=10_000):
        for record in library.articles(summary.id):
            if record.content_hash == article.content_hash:
                return record.id
    raise AssertionError(f"{article.title!r} is not in the library")
