"""Small dialogs: tags with completion, a note in a text area, export, picking a story, import.

Each returns its result through ``dismiss`` (None when cancelled with escape).
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.suggester import Suggester
from textual.widgets import Button, Input, Label, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from newsreader.ui.screens.base import AppModal
from newsreader.ui.text import clip, one_line, short_time


def parse_tags(value: str) -> tuple[str, ...]:
    """Comma- or space-separated tag names, trimmed, deduplicated, in the order typed."""
    names = [one_line(part).strip().lstrip("#") for part in value.replace(",", " ").split()]
    return tuple(dict.fromkeys(n for n in names if n))


class TagSuggester(Suggester):
    """Completes the last tag being typed from the library's existing tags."""

    def __init__(self, known: tuple[str, ...]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.known = known

    async def get_suggestion(self, value: str) -> str | None:
        head, _, last = value.rpartition(" ")
        if not last:
            return None
        for name in self.known:
            if name.lower().startswith(last.lower()) and name != last:
                return f"{head} {name}".lstrip() if head else name
        return None


class TagModal(AppModal[tuple[str, ...] | None]):
    """Edit a story's tags; the input completes from existing tags (→ accepts)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, current: tuple[str, ...], known: tuple[str, ...]) -> None:
        super().__init__()
        self.current = current
        self.known = known

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Tags (space separated; → completes, enter saves)")
            yield Input(
                " ".join(self.current),
                suggester=TagSuggester(self.known),
                id="tag-input",
            )
            known = ", ".join(self.known[:20]) if self.known else "no tags yet"
            yield Static(Text("Existing: " + known, style="dim"))

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        self.dismiss(parse_tags(event.value))

    def action_cancel(self) -> None:
        self.dismiss(None)


class AnnotateModal(AppModal[tuple[str, str] | None]):
    """Write a note in a text area; ctrl+s saves. The target is the sentence by default."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save note"),
    ]

    TARGETS = (
        ("This sentence", "sentence"),
        ("This fact, on every version", "fact"),
        ("This version", "article"),
        ("The story", "story"),
    )

    def __init__(
        self, quote: str = "", text: str = "", target: str = "sentence", targets: bool = True
    ) -> None:
        super().__init__()
        self.quote = quote
        self.text = text
        self.target = target
        self.targets = targets

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Note (ctrl+s saves, escape cancels)")
            if self.quote:
                yield Static(Text("“" + clip(one_line(self.quote), 200) + "”", style="italic"))
            if self.targets:
                yield Select(self.TARGETS, value=self.target, allow_blank=False, id="note-target")
            yield TextArea(self.text, id="note-text")
            with Horizontal(classes="buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        text = self.query_one(TextArea).text.strip()
        if not text:
            self.notify("The note is empty.", severity="warning", timeout=2)
            return
        target = self.target
        if self.targets:
            target = str(self.query_one(Select).value)
        self.dismiss((target, text))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmModal(AppModal[bool]):
    """A yes/no question."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self.question))
            yield Static(Text("y: yes   n / escape: no", style="dim"))

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class ExportModal(AppModal[None]):
    """Export the story's desk memo (md, json or csv) to a file, in a worker."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, story_id: int, title: str) -> None:
        super().__init__()
        self.story_id = story_id
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Export the desk memo")
            yield Select(
                (("Markdown memo", "md"), ("JSON", "json"), ("CSV", "csv")),
                value="md",
                allow_blank=False,
                id="export-format",
            )
            yield Input(f"story-{self.story_id}.md", id="export-path")
            yield Static(Text("enter writes the file", style="dim"))

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @on(Select.Changed)
    def _format(self, event: Select.Changed) -> None:
        path = self.query_one("#export-path", Input)
        stem = path.value.rsplit(".", 1)[0] if "." in path.value else path.value
        path.value = f"{stem}.{event.value}"

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        fmt = str(self.query_one(Select).value)
        self.export(fmt, Path(event.value).expanduser())

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def export(self, fmt: str, path: Path) -> None:
        try:
            with self.app.open_library() as library:
                text = library.export_story(self.story_id, fmt)
            path.write_text(text, encoding="utf-8")
        except OSError as error:
            self.app.call_from_thread(
                self.notify, f"Cannot write {path}: {error.strerror}", severity="error"
            )
            return
        self.app.call_from_thread(self._done, path)

    def _done(self, path: Path) -> None:
        self.app.notify(f"Exported to {path}", timeout=4)
        self.app.last_export = path
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class PickStoryModal(AppModal[int | None]):
    """Pick a story by typing part of its headline."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, exclude: int | None = None) -> None:
        super().__init__()
        self.question = question
        self.exclude = exclude

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question)
            yield Input(placeholder="type to search headlines", id="pick-input")
            yield OptionList(id="pick-list")

    def on_mount(self) -> None:
        self._fill("")

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def _fill(self, query: str) -> None:
        stories = self.app.library.list_stories(search=query or None, limit=30)
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(
            Option(
                Text.assemble(
                    (f"{s.id:>5} ", "dim"),
                    clip(one_line(s.title), 60),
                    (f"  {short_time(s.newest)}", "dim"),
                ),
                id=str(s.id),
            )
            for s in stories
            if s.id != self.exclude
        )

    @on(Input.Submitted)
    def _take_first(self) -> None:
        options = self.query_one(OptionList)
        if options.option_count:
            self.dismiss(int(options.get_option_at_index(options.highlighted or 0).id or 0))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))

    def action_cancel(self) -> None:
        self.dismiss(None)


class ImportModal(AppModal[str | None]):
    """Ask for a file or folder to import."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Import files or a folder (text, Markdown, HTML, JSON, RSS/Atom)")
            yield Input(placeholder="path, e.g. ~/Downloads/articles", id="import-path")

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
