"""Notes: the annotations of one story (or the whole library); jump, edit, delete.

Orphaned notes (their sentence could no longer be found after a re-import) stay listed, marked.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from newsreader.ui.messages import OpenStory
from newsreader.ui.screens.base import AppScreen
from newsreader.ui.text import clip, one_line
from newsreader.ui.widgets.keybar import KeyBar


def note_label(note: Any) -> Text:
    text = Text()
    where = "story"
    if getattr(note, "fact_group", None) is not None:
        where = "fact"
    elif note.sentence is not None:
        where = f"sentence {note.sentence + 1}"
    elif note.article_id is not None:
        where = "version"
    text.append(f"story {note.story_id} · {where}", style="bold")
    if getattr(note, "orphaned", False):
        text.append("  ORPHANED (anchor not found)", style="bold red")
    author = one_line(getattr(note, "author", "") or "")
    if author:
        text.append(f"  {author}", style="dim")
    quote = one_line(getattr(note, "quote", "") or "")
    if quote:
        text.append("\n  “" + clip(quote, 100) + "”", style="italic dim")
    text.append("\n  " + one_line(note.text))
    return text


class NotesScreen(AppScreen[None]):
    """A list of notes."""

    BINDINGS = [
        Binding("escape,q", "app.pop_screen", "Back"),
        Binding("enter", "jump", "Jump to anchor"),
        Binding("e", "edit", "Edit"),
        Binding("d,delete", "delete", "Delete"),
        Binding("question_mark", "app.help", "Help"),
    ]

    def __init__(self, story_id: int | None) -> None:
        super().__init__()
        self.story_id = story_id
        self.notes: tuple[Any, ...] = ()

    def compose(self) -> ComposeResult:
        scope = "this story" if self.story_id is not None else "the library"
        yield Static(Text(f"Notes in {scope}", style="bold"), id="notes-title")
        yield OptionList(id="notes")
        yield KeyBar()

    def on_mount(self) -> None:
        self.reload()
        self.query_one(OptionList).focus()

    def reload(self) -> None:
        self.notes = tuple(self.app.library.notes(story_id=self.story_id))
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.clear_options()
        if not self.notes:
            options.add_option(
                Option(
                    Text("No notes yet. Press a on a sentence to add one.", style="italic"),
                    disabled=True,
                )
            )
            return
        options.add_options(Option(note_label(n), id=str(n.id)) for n in self.notes)
        options.highlighted = min(highlighted or 0, len(self.notes) - 1)

    def current(self) -> Any | None:
        options = self.query_one(OptionList)
        if not self.notes or options.highlighted is None:
            return None
        return self.notes[options.highlighted]

    def on_option_list_option_selected(self) -> None:
        self.action_jump()

    def action_jump(self) -> None:
        note = self.current()
        if note is None:
            return
        version, sentence = 0, 0
        if note.article_id is not None:
            ids = [a.id for a in self.app.library.articles(note.story_id)]
            if note.article_id in ids:
                version = ids.index(note.article_id)
            sentence = note.sentence or 0
        self.app.pop_screen()
        self.app.post_message(OpenStory(note.story_id, version, sentence))

    def action_edit(self) -> None:
        note = self.current()
        if note is None:
            return
        from newsreader.ui.screens.modals import AnnotateModal

        def done(result: tuple[str, str] | None) -> None:
            if result is not None:
                self.app.library.edit_note(note.id, result[1])
                self.app.library_changed()
                self.reload()

        self.app.push_screen(AnnotateModal(note.quote or "", note.text, targets=False), done)

    def action_delete(self) -> None:
        note = self.current()
        if note is None:
            return
        from newsreader.ui.screens.modals import ConfirmModal

        def done(yes: bool | None) -> None:
            if yes:
                self.app.library.delete_note(note.id)
                self.app.library_changed()
                self.reload()
                self.notify("Note deleted.", timeout=2)

        self.app.push_screen(ConfirmModal("Delete this note?"), done)
