"""The pinned JSON forms of a comparison (``newsreader.compare/1``) and of stories
(``newsreader.group/1``).

The keys named in issue 3 never change; extra keys may be added (``url`` on a version,
``edited_from`` / ``moved_from`` on a revision step, ``diff`` on near groups). The store caches
alignments through :func:`comparison_to_json` / :func:`comparison_from_json`, so the two are
exact inverses when the original articles are passed back in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from newsreader.core.model import (
    Article,
    Comparison,
    Conflict,
    Copy,
    MatchGroup,
    Revision,
    Sentence,
    Story,
    Version,
)

COMPARE_SCHEMA = "newsreader.compare/1"
GROUP_SCHEMA = "newsreader.group/1"


def comparison_to_json(comparison: Comparison, *, diffs: bool = False) -> dict[str, Any]:
    """The ``newsreader.compare/1`` document. ``diffs`` adds a word diff to near groups."""
    groups = []
    for group in comparison.groups:
        entry: dict[str, Any] = {
            "id": group.id,
            "members": [[v, i] for v, i in group.members],
            "coverage": group.coverage,
            "independent_coverage": group.independent_coverage,
            "kind": group.kind,
            "conflicts": [
                {"values": [[v, value] for v, value in c.values]} for c in group.conflicts
            ],
        }
        if diffs and group.kind == "near":
            entry["diff"] = _group_diff(comparison, group)
        groups.append(entry)
    return {
        "schema": COMPARE_SCHEMA,
        "versions": [_version_to_json(v) for v in comparison.versions],
        "groups": groups,
        "copies": [{"version": c.version, "of": c.of, "share": c.share} for c in comparison.copies],
        "revisions": [
            {
                "from": r.from_,
                "to": r.to,
                "added": list(r.added),
                "removed": list(r.removed),
                "edited": list(r.edited),
                "moved": list(r.moved),
                "edited_from": list(r.edited_from),
                "moved_from": list(r.moved_from),
            }
            for r in comparison.revisions
        ],
    }


def _version_to_json(version: Version) -> dict[str, Any]:
    article = version.article
    return {
        "id": version.id,
        "input_id": article.input_id,
        "path": article.path,
        "item": article.item,
        "source": article.source,
        "title": article.title,
        "published": article.published,
        "url": article.url,
        "sentences": [
            {
                "index": s.index,
                "text": s.text,
                "start": s.start,
                "end": s.end,
                "group": g,
                "boilerplate": s.boilerplate,
            }
            for s, g in zip(version.sentences, version.groups, strict=True)
        ],
    }


def _group_diff(comparison: Comparison, group: MatchGroup) -> list[dict[str, Any]]:
    """Each member version's wording against the first member's: ``[{"version", "ops"}]``."""
    from newsreader.core.diff import word_diff

    texts: dict[int, str] = {}
    for vid, index in group.members:
        text = comparison.versions[vid].sentences[index].text
        texts[vid] = f"{texts[vid]} {text}" if vid in texts else text
    (base_vid, base), *others = texts.items()
    return [
        {"version": vid, "of": base_vid, "ops": [[op.op, op.a, op.b] for op in word_diff(base, t)]}
        for vid, t in others
    ]


def comparison_from_json(
    data: Mapping[str, Any], articles: Sequence[Article] | None = None
) -> Comparison:
    """Rebuild a :class:`Comparison` from its JSON document.

    Pass the compared ``articles`` to get them back exactly; without them each article's body
    is rebuilt from its sentences at their offsets (gaps become spaces), enough for display.
    """
    if data.get("schema") != COMPARE_SCHEMA:
        raise ValueError(f"not a {COMPARE_SCHEMA} document")
    versions = []
    for k, entry in enumerate(data["versions"]):
        sentences = tuple(
            Sentence(
                index=int(s["index"]),
                text=str(s["text"]),
                start=int(s["start"]),
                end=int(s["end"]),
                boilerplate=bool(s["boilerplate"]),
            )
            for s in entry["sentences"]
        )
        article = articles[k] if articles is not None else _article_from_json(entry, sentences)
        versions.append(
            Version(
                id=int(entry["id"]),
                article=article,
                sentences=sentences,
                groups=tuple(
                    None if s["group"] is None else int(s["group"]) for s in entry["sentences"]
                ),
            )
        )
    groups = tuple(
        MatchGroup(
            id=int(g["id"]),
            members=tuple((int(v), int(i)) for v, i in g["members"]),
            coverage=int(g["coverage"]),
            independent_coverage=int(g["independent_coverage"]),
            kind=g["kind"],
            conflicts=tuple(
                Conflict(tuple((int(v), str(value)) for v, value in c["values"]))
                for c in g["conflicts"]
            ),
        )
        for g in data["groups"]
    )
    copies = tuple(
        Copy(version=int(c["version"]), of=int(c["of"]), share=float(c["share"]))
        for c in data["copies"]
    )
    revisions = tuple(
        Revision(
            from_=int(r["from"]),
            to=int(r["to"]),
            added=tuple(r["added"]),
            removed=tuple(r["removed"]),
            edited=tuple(r["edited"]),
            edited_from=tuple(r.get("edited_from", ())),
            moved=tuple(r["moved"]),
            moved_from=tuple(r.get("moved_from", ())),
        )
        for r in data["revisions"]
    )
    return Comparison(versions=tuple(versions), groups=groups, copies=copies, revisions=revisions)


def _article_from_json(entry: Mapping[str, Any], sentences: Sequence[Sentence]) -> Article:
    size = max((s.end for s in sentences), default=0)
    body = [" "] * size
    for s in sentences:
        body[s.start : s.end] = list(s.text)
    return Article(
        title=entry.get("title") or "",
        body="".join(body),
        source=entry.get("source"),
        url=entry.get("url"),
        published=entry.get("published"),
        path=entry.get("path"),
        item=int(entry.get("item") or 0),
        input_id=entry.get("input_id"),
        boilerplate=tuple((s.start, s.end) for s in sentences if s.boilerplate),
    )


def stories_to_json(stories: Sequence[Story], articles: Sequence[Article]) -> dict[str, Any]:
    """The ``newsreader.group/1`` document; ``Story.articles`` index ``articles``."""
    return {
        "schema": GROUP_SCHEMA,
        "stories": [
            {
                "id": story.id,
                "title": story.title,
                "articles": [
                    {
                        "path": articles[k].path,
                        "item": articles[k].item,
                        "input_id": articles[k].input_id,
                        "title": articles[k].title,
                        "source": articles[k].source,
                    }
                    for k in story.articles
                ],
            }
            for story in stories
        ],
    }
