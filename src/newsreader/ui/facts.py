"""What the reader shows about each sentence of each version, derived once from a Comparison.

The engine's :class:`~newsreader.core.model.Comparison` says which match group each sentence is
in; the screens need, per sentence, its coverage (``3/5``), its kind (shared by all / by some /
unique / boilerplate), whether its group has a number conflict, and where paragraphs break.
:class:`StoryFacts` computes that once per story so that moving the cursor costs nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from newsreader.core.model import Comparison, MatchGroup, Version
from newsreader.ui.text import one_line

Kind = Literal["all", "some", "unique", "boilerplate"]


@dataclass(frozen=True, slots=True)
class SentenceFact:
    """One sentence of one version, as the reader pane shows it."""

    version: int
    index: int
    text: str
    group: int | None
    coverage: int
    total: int
    independent: int
    kind: Kind
    conflict: bool
    paragraph_start: bool


@dataclass(frozen=True, slots=True)
class VersionFact:
    """One row of the versions list: outlet, time, sentence count, share of unique sentences."""

    id: int
    source: str
    title: str
    published: str | None
    url: str | None
    sentences: int
    unique: int
    copy_of: int | None
    revision_of: int | None

    @property
    def unique_share(self) -> float:
        return self.unique / self.sentences if self.sentences else 0.0


def outlet(version: Version) -> str:
    """The outlet name of a version, or a fallback from its URL or headline."""
    article = version.article
    return one_line(article.source or article.url or article.title or f"version {version.id + 1}")


class StoryFacts:
    """Per-sentence and per-version facts of one comparison."""

    def __init__(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self.total = len(comparison.versions)
        self.groups: dict[int, MatchGroup] = {g.id: g for g in comparison.groups}
        copy_of = {c.version: c.of for c in comparison.copies}
        revision_of = {r.to: r.from_ for r in comparison.revisions}
        self.sentences: tuple[tuple[SentenceFact, ...], ...] = tuple(
            self._facts(v) for v in comparison.versions
        )
        self.versions: tuple[VersionFact, ...] = tuple(
            VersionFact(
                id=v.id,
                source=outlet(v),
                title=one_line(v.article.title),
                published=v.article.published,
                url=v.article.url,
                sentences=sum(1 for f in facts if f.kind != "boilerplate"),
                unique=sum(1 for f in facts if f.kind == "unique"),
                copy_of=copy_of.get(v.id),
                revision_of=revision_of.get(v.id),
            )
            for v, facts in zip(comparison.versions, self.sentences, strict=True)
        )

    def _facts(self, version: Version) -> tuple[SentenceFact, ...]:
        body = version.article.body
        out: list[SentenceFact] = []
        previous_end = 0
        for sentence, gid in zip(version.sentences, version.groups, strict=True):
            group = self.groups.get(gid) if gid is not None else None
            if group is None or sentence.boilerplate:
                kind: Kind = "boilerplate"
                coverage = independent = 0
            else:
                coverage, independent = group.coverage, group.independent_coverage
                if self.total > 1 and coverage >= self.total:
                    kind = "all"
                elif coverage <= 1:
                    kind = "unique"
                else:
                    kind = "some"
            out.append(
                SentenceFact(
                    version=version.id,
                    index=sentence.index,
                    text=one_line(sentence.text),
                    group=gid if group is not None else None,
                    coverage=coverage,
                    total=self.total,
                    independent=independent,
                    kind=kind,
                    conflict=bool(group and group.conflicts),
                    paragraph_start=not out or "\n" in body[previous_end : sentence.start],
                )
            )
            previous_end = sentence.end
        return tuple(out)

    def members(self, group: int) -> tuple[tuple[int, int], ...]:
        """The (version, sentence) pairs of a group, in version order."""
        found = self.groups.get(group)
        return tuple(sorted(found.members)) if found else ()

    def sentence_in(self, group: int, version: int) -> SentenceFact | None:
        """The first sentence of ``version`` in ``group``, if it carries the fact."""
        for v, i in self.members(group):
            if v == version:
                return self.sentences[v][i]
        return None

    def texts_in(self, group: int, version: int) -> str:
        """The wording of ``group`` in ``version``: its sentences joined (a split stays one)."""
        return " ".join(self.sentences[v][i].text for v, i in self.members(group) if v == version)
