"""The desk memo of a story, as Markdown, JSON (``newsreader.memo/1``) or CSV.

What a desk editor hands on: the versions and outlets with their times, the facts carried by
several independent outlets, the claims only one outlet makes, the conflicts with each side's
value, what changed between revisions of one outlet's article, the tags and the notes (orphaned
notes listed apart, with the sentence they were about).

Built from the story's cached alignment; deterministic (no export time in the output).
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsreader.errors import NewsreaderError

if TYPE_CHECKING:
    from newsreader.core.model import Comparison, MatchGroup
    from newsreader.store.library import Library
    from newsreader.store.records import ArticleRecord, Note, StorySummary

MEMO_SCHEMA = "newsreader.memo/1"
_C1 = re.compile("[\u007f-\u009f\u2028\u2029]")
# Control characters and bidi overrides never reach a memo (it may be printed to a terminal).
_UNSAFE = re.compile(
    "[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
FORMATS = ("md", "json", "csv")
# A fact is corroborated when this many independent outlets carry it.
CORROBORATED_OUTLETS = 2


@dataclass(frozen=True, slots=True)
class Memo:
    story: StorySummary
    versions: tuple[dict[str, Any], ...]
    corroborated: tuple[dict[str, Any], ...]
    single_source: tuple[dict[str, Any], ...]
    conflicts: tuple[dict[str, Any], ...]
    revisions: tuple[dict[str, Any], ...]
    notes: tuple[dict[str, Any], ...]
    orphaned: tuple[dict[str, Any], ...]


def export_story(library: Library, story_id: int, fmt: str) -> str:
    if fmt not in FORMATS:
        raise NewsreaderError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")
    memo = build_memo(
        library.story(story_id),
        library.articles(story_id),
        library.comparison(story_id),
        library.notes(story_id),
    )
    if fmt == "json":
        text = json.dumps(memo_to_json(memo), ensure_ascii=False, indent=2)
        # JSON escapes C0 controls itself; C1 controls and line separators are escaped here.
        return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"
    if fmt == "csv":
        return memo_to_csv(memo)
    return memo_to_markdown(memo)


def _label(record: ArticleRecord) -> str:
    return record.source or record.path or f"article {record.id}"


def build_memo(
    story: StorySummary,
    records: tuple[ArticleRecord, ...],
    comparison: Comparison,
    notes: tuple[Note, ...],
) -> Memo:
    versions = []
    copy_of = {c.version: (c.of, c.share) for c in comparison.copies}
    by_id = {r.id: i for i, r in enumerate(records)}
    for v, record in enumerate(records):
        entry: dict[str, Any] = {
            "version": v,
            "article_id": record.id,
            "source": record.source,
            "title": record.title,
            "published": record.published,
            "url": record.url,
            "sentences": len(comparison.versions[v].sentences),
            "revision_of": by_id.get(record.revision_of) if record.revision_of else None,
            "copy_of": copy_of[v][0] if v in copy_of else None,
        }
        versions.append(entry)

    corroborated: list[dict[str, Any]] = []
    single: list[dict[str, Any]] = []
    conflicts: list[dict[str, Any]] = []
    for group in comparison.groups:
        text = _group_text(comparison, group)
        carriers = sorted({v for v, _ in group.members})
        sources = sorted({_label(records[v]) for v in carriers}, key=str.casefold)
        fact = {
            "group": group.id,
            "text": text,
            "coverage": group.coverage,
            "independent_coverage": group.independent_coverage,
            "versions": carriers,
            "sources": sources,
        }
        if group.independent_coverage >= CORROBORATED_OUTLETS:
            corroborated.append(fact)
        elif len(records) > 1:
            single.append(fact)
        for conflict in group.conflicts:
            conflicts.append(
                {
                    "group": group.id,
                    "text": text,
                    "values": [
                        {"version": v, "source": _label(records[v]), "value": value}
                        for v, value in conflict.values
                    ],
                }
            )
    corroborated.sort(key=lambda f: (-f["independent_coverage"], -f["coverage"], f["group"]))

    revisions = []
    for r in comparison.revisions:
        old = comparison.versions[r.from_].sentences
        new = comparison.versions[r.to].sentences
        revisions.append(
            {
                "from": r.from_,
                "to": r.to,
                "source": _label(records[r.to]),
                "published": records[r.to].published,
                "added": [new[i].text for i in r.added],
                "removed": [old[i].text for i in r.removed],
                "edited": [
                    {"before": old[a].text, "after": new[b].text}
                    for b, a in zip(r.edited, r.edited_from, strict=False)
                ],
            }
        )

    note_entries: list[dict[str, Any]] = []
    orphaned: list[dict[str, Any]] = []
    for note in notes:
        entry = {
            "id": note.id,
            "target": note.target,
            "version": by_id.get(note.article_id) if note.article_id is not None else None,
            "sentence": note.sentence,
            "quote": note.quote,
            "text": note.text,
            "author": note.author,
            "created": note.created,
            "updated": note.updated,
        }
        (orphaned if note.orphaned else note_entries).append(entry)
    return Memo(
        story=story,
        versions=tuple(versions),
        corroborated=tuple(corroborated),
        single_source=tuple(single),
        conflicts=tuple(conflicts),
        revisions=tuple(revisions),
        notes=tuple(note_entries),
        orphaned=tuple(orphaned),
    )


def _group_text(comparison: Comparison, group: MatchGroup) -> str:
    """The fact in the words of its first version (sentences of one version joined)."""
    first = group.members[0][0]
    parts = [comparison.versions[v].sentences[i].text for v, i in group.members if v == first]
    return " ".join(parts)


def memo_to_json(memo: Memo) -> dict[str, Any]:
    s = memo.story
    return {
        "schema": MEMO_SCHEMA,
        "story": {
            "id": s.id,
            "title": s.title,
            "status": s.status,
            "starred": s.starred,
            "tags": list(s.tags),
            "newest": s.newest,
            "sources": list(s.sources),
        },
        "versions": list(memo.versions),
        "corroborated": list(memo.corroborated),
        "single_source": list(memo.single_source),
        "conflicts": list(memo.conflicts),
        "revisions": list(memo.revisions),
        "notes": list(memo.notes),
        "orphaned_notes": list(memo.orphaned),
    }


def _md(text: str | None) -> str:
    """Untrusted text in a Markdown list item: one line, markup characters escaped."""
    if not text:
        return ""
    line = " ".join(_UNSAFE.sub("", text).split())
    return "".join("\\" + c if c in "\\`*_[]<>#|" else c for c in line)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def memo_to_markdown(memo: Memo) -> str:
    s = memo.story
    out = [f"# {_md(s.title) or f'Story {s.id}'}", ""]
    out.append(
        f"Story {s.id} · status: {s.status} · {_count(len(memo.versions), 'version')} from "
        f"{_count(len(s.sources), 'outlet')}"
        + (f" · tags: {', '.join(_md(t) for t in s.tags)}" if s.tags else "")
    )
    out += ["", "## Versions", ""]
    for v in memo.versions:
        extra = []
        if v["revision_of"] is not None:
            extra.append(f"revision of #{v['revision_of'] + 1}")
        if v["copy_of"] is not None:
            extra.append(f"copy of #{v['copy_of'] + 1}")
        out.append(
            f"- #{v['version'] + 1} **{_md(v['source']) or 'unknown outlet'}**, "
            f"{_md(v['published']) or 'undated'}: {_md(v['title'])}"
            + (f" ({'; '.join(extra)})" if extra else "")
            + (f" <{_md(v['url'])}>" if v["url"] else "")
        )
    sections = (
        ("Corroborated by independent outlets", memo.corroborated),
        ("Single-source claims", memo.single_source),
    )
    for heading, facts in sections:
        out += ["", f"## {heading}", ""]
        if not facts:
            out.append("- none")
        for f in facts:
            out.append(f"- {_md(f['text'])} — {_coverage(f)}")
    out += ["", "## Conflicts", ""]
    if not memo.conflicts:
        out.append("- none")
    for c in memo.conflicts:
        values = "; ".join(f"{_md(v['source'])}: {_md(v['value'])}" for v in c["values"])
        out.append(f"- {_md(c['text'])} — {values}")
    out += ["", "## Revisions", ""]
    if not memo.revisions:
        out.append("- none")
    for r in memo.revisions:
        out.append(
            f"- #{r['from'] + 1} → #{r['to'] + 1} ({_md(r['source'])}, {_md(r['published'])})"
        )
        out += [f"  - added: {_md(t)}" for t in r["added"]]
        out += [f"  - removed: {_md(t)}" for t in r["removed"]]
        out += [f"  - edited: {_md(e['before'])} → {_md(e['after'])}" for e in r["edited"]]
    out += ["", "## Notes", ""]
    if not memo.notes:
        out.append("- none")
    for n in memo.notes:
        out.append(_note_line(n))
    if memo.orphaned:
        out += ["", "## Orphaned notes", ""]
        out += [_note_line(n) for n in memo.orphaned]
    return "\n".join(out) + "\n"


def _coverage(fact: dict[str, Any]) -> str:
    """Who carries a fact, in words: "in 4 versions, 3 independent (...)", "only in X", or
    "in 3 versions, one independent source (...)" (copies and revisions of one report)."""
    sources = ", ".join(_md(x) for x in fact["sources"])
    versions, independent = fact["coverage"], fact["independent_coverage"]
    if versions == 1:
        return f"only in {sources}"
    if independent == 1:
        return f"in {versions} versions, one independent source ({sources})"
    return f"in {versions} versions, {independent} independent ({sources})"


def _note_line(n: dict[str, Any]) -> str:
    where = n["target"]
    if n["version"] is not None:
        where += f" #{n['version'] + 1}"
    if n["sentence"] is not None:
        where += f" sentence {n['sentence']}"
    quote = f" on “{_md(n['quote'])}”" if n["quote"] else ""
    return f"- [{where}]{quote}: {_md(n['text'])} — {_md(n['author'])}, {n['updated']}"


CSV_COLUMNS = (
    "section",
    "version",
    "source",
    "published",
    "coverage",
    "independent_coverage",
    "text",
    "detail",
)


def memo_to_csv(memo: Memo) -> str:
    buffer = io.StringIO()
    raw = csv.writer(buffer, lineterminator="\n")
    raw.writerow(CSV_COLUMNS)

    class _Writer:
        @staticmethod
        def writerow(row: list[Any]) -> None:
            raw.writerow([_cell(v) for v in row])

    writer = _Writer()
    for v in memo.versions:
        writer.writerow(
            ["version", v["version"], v["source"], v["published"], "", "", v["title"], v["url"]]
        )
    for section, facts in (("corroborated", memo.corroborated), ("single", memo.single_source)):
        for f in facts:
            writer.writerow(
                [
                    section,
                    " ".join(f"v{v}" for v in f["versions"]),
                    "; ".join(f["sources"]),
                    "",
                    f["coverage"],
                    f["independent_coverage"],
                    f["text"],
                    "",
                ]
            )
    for c in memo.conflicts:
        for v in c["values"]:
            writer.writerow(
                ["conflict", v["version"], v["source"], "", "", "", c["text"], v["value"]]
            )
    for r in memo.revisions:
        for kind in ("added", "removed"):
            for t in r[kind]:
                writer.writerow(
                    [f"revision {kind}", r["to"], r["source"], r["published"], "", "", t, ""]
                )
        for e in r["edited"]:
            writer.writerow(
                [
                    "revision edited",
                    r["to"],
                    r["source"],
                    r["published"],
                    "",
                    "",
                    e["after"],
                    e["before"],
                ]
            )
    for section, notes in (("note", memo.notes), ("orphaned note", memo.orphaned)):
        for n in notes:
            writer.writerow(
                [
                    section,
                    n["version"] if n["version"] is not None else "",
                    n["author"],
                    n["updated"],
                    "",
                    "",
                    n["text"],
                    n["quote"] or "",
                ]
            )
    for tag in memo.story.tags:
        writer.writerow(["tag", "", "", "", "", "", tag, ""])
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    """A CSV cell a spreadsheet will not run: no control characters, no leading formula sign."""
    if not isinstance(value, str):
        return value
    value = _UNSAFE.sub("", value)
    if value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value
