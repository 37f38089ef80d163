"""The versions list beside the reader: outlet, time, sentence count, share unique, copy mark."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from newsreader.ui.facts import VersionFact
from newsreader.ui.text import clip, short_time


def version_label(fact: VersionFact, versions: tuple[VersionFact, ...], width: int = 19) -> Text:
    """Three lines: outlet; time and sentence count; unique share and copy/revision marks."""
    label = Text(clip(fact.source, width), style="bold")
    when = short_time(fact.published) if fact.published else "undated"
    label.append(f"\n{when} · {fact.sentences} sent.", style="dim")
    share = f"{fact.unique_share:.0%} unique" if fact.unique_share else ""
    relation = ""
    if fact.copy_of is not None:
        relation = f"copy of #{fact.copy_of + 1}"
    elif fact.revision_of is not None:
        relation = f"revises #{fact.revision_of + 1}"
    third = " · ".join(part for part in (relation, share) if part) or "nothing unique"
    label.append("\n")
    label.append(third, style="italic" if relation else ("bold" if share else "dim"))
    return label


class VersionList(OptionList):
    """One option per version; highlighting one shows it in the reader."""

    DEFAULT_CSS = """
    VersionList { width: 26; height: 1fr; border: none; border-right: vkey $primary 40%; }
    VersionList:focus { border: none; border-right: vkey $primary; }
    """

    def set_versions(self, versions: tuple[VersionFact, ...], current: int) -> None:
        self.clear_options()
        self.add_options(
            Option(
                Text.assemble((f"#{v.id + 1} ", "bold"), version_label(v, versions)), id=str(v.id)
            )
            for v in versions
        )
        if versions:
            self.highlighted = current
