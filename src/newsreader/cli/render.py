"""Rich text output of the engine commands.

Article text is untrusted: it only ever enters rich as :class:`rich.text.Text` content (never
markup), after control characters and bidi overrides are stripped. Colour is never the only
signal: every sentence carries its coverage count ("3/5") and a shape marker, conflicts a "!".
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.text import Text

from newsreader.cli.engine import clean
from newsreader.core.model import Article, Comparison, Story

STYLE_ALL = "green"
STYLE_SOME = "yellow"
STYLE_UNIQUE = "magenta"
STYLE_BOILERPLATE = "dim"
STYLE_CONFLICT = "bold red"
MARK_ALL = "●"
MARK_SOME = "◐"
MARK_UNIQUE = "○"
MARK_BOILERPLATE = "·"
MARK_CONFLICT = "!"


def _console(console: Console | None) -> Console:
    return console or Console(highlight=False, markup=False, emoji=False)


def legend() -> Text:
    """What the markers and colours mean."""
    text = Text("Legend: ")
    for mark, style, label in (
        (MARK_ALL, STYLE_ALL, "in every version"),
        (MARK_SOME, STYLE_SOME, "in some (k/n)"),
        (MARK_UNIQUE, STYLE_UNIQUE, "unique"),
        (MARK_CONFLICT, STYLE_CONFLICT, "numbers conflict"),
        (MARK_BOILERPLATE, STYLE_BOILERPLATE, "boilerplate (not aligned)"),
    ):
        text.append(f"{mark} {label}", style=style)
        text.append("   ")
    text.rstrip()
    return text


def print_comparison(comparison: Comparison, console: Console | None = None) -> None:
    """Each version with its sentences marked by coverage, then copies and revisions."""
    out = _console(console)
    n = len(comparison.versions)
    width = len(f"{n}/{n}")
    groups = comparison.groups
    out.print(legend())
    for version in comparison.versions:
        article = version.article
        out.print()
        head = Text(f"[{version.id}] ", style="bold")
        head.append(clean(article.title) or "(untitled)", style="bold")
        details = " · ".join(
            clean(x) for x in (article.source, article.published, article.path) if x
        )
        if details:
            head.append(f"  ({details})", style="dim")
        out.print(head)
        for sentence, gid in zip(version.sentences, version.groups, strict=True):
            line = Text("  ")
            if gid is None:
                line.append(f"{'':>{width}} {MARK_BOILERPLATE}  ", style=STYLE_BOILERPLATE)
                line.append(clean(sentence.text), style=STYLE_BOILERPLATE)
                out.print(line)
                continue
            group = groups[gid]
            if group.coverage == n and n > 1:
                mark, style = MARK_ALL, STYLE_ALL
            elif group.coverage > 1:
                mark, style = MARK_SOME, STYLE_SOME
            else:
                mark, style = MARK_UNIQUE, STYLE_UNIQUE
            line.append(f"{group.coverage}/{n}".rjust(width) + f" {mark}", style=style)
            conflict = bool(group.conflicts)
            line.append(MARK_CONFLICT if conflict else " ", style=STYLE_CONFLICT)
            line.append(" ")
            line.append(clean(sentence.text), style=style)
            out.print(line)
            if conflict:
                for c in group.conflicts:
                    note = Text(" " * (width + 6) + "conflict: ", style=STYLE_CONFLICT)
                    note.append("  vs  ".join(_by_value(c.values)))
                    out.print(note)
    if comparison.copies:
        out.print()
        for copy in comparison.copies:
            share = f"{copy.share:.0%}"
            out.print(Text(f"[{copy.version}] copies [{copy.of}]: {share} of its sentences"))
    if comparison.revisions:
        out.print()
        for r in comparison.revisions:
            out.print(
                Text(
                    f"[{r.from_}] -> [{r.to}] revision: {len(r.added)} added, "
                    f"{len(r.removed)} removed, {len(r.edited)} edited, {len(r.moved)} moved"
                )
            )


def _by_value(values: Sequence[tuple[int, str]]) -> list[str]:
    """``120 [0,1]``-style entries: each value as written once, with the versions giving it."""
    versions: dict[str, list[int]] = {}
    for vid, value in values:
        versions.setdefault(clean(value), []).append(vid)
    return [f"{value} [{','.join(map(str, vids))}]" for value, vids in versions.items()]


def print_stories(
    stories: Sequence[Story], articles: Sequence[Article], console: Console | None = None
) -> None:
    """Each story with its articles."""
    out = _console(console)
    for story in stories:
        head = Text(f"[{story.id}] ", style="bold")
        head.append(clean(story.title) or "(untitled)", style="bold")
        head.append(f"  ({len(story.articles)} articles)", style="dim")
        out.print(head)
        for k in story.articles:
            article = articles[k]
            line = Text("    ")
            line.append(clean(article.source) or "?", style="cyan")
            line.append("  ")
            line.append(clean(article.title))
            where = clean(article.path) + (f"#{article.item}" if article.item else "")
            if where:
                line.append(f"  {where}", style="dim")
            out.print(line)
