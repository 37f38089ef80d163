"""The story screen: the versions list beside the reader pane, the inspector, a legend.

The story is loaded (articles, comparison, notes) in a worker thread with its own library
connection; the screen shows a loading indicator meanwhile. Cursor keys move by sentence; the
jump keys find the next unique sentence, conflict or annotation; triage keys act at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import OptionList, Static

from newsreader.core.model import Comparison
from newsreader.store.records import STATUS_MARKS
from newsreader.ui.bindings import TRIAGE_BINDINGS
from newsreader.ui.facts import SentenceFact, StoryFacts
from newsreader.ui.screens.base import AppScreen
from newsreader.ui.text import clip, count, one_line
from newsreader.ui.widgets.gutter import CONFLICT_MARK, NOTE_MARK
from newsreader.ui.widgets.inspector import Inspector, inspect
from newsreader.ui.widgets.keybar import KeyBar
from newsreader.ui.widgets.reader import Reader
from newsreader.ui.widgets.versions import VersionList


@dataclass(frozen=True, slots=True)
class StoryData:
    """Everything the story screen shows, loaded off the UI thread."""

    story_id: int
    title: str
    article_ids: tuple[int, ...]
    comparison: Comparison
    notes: tuple[Any, ...]
    tags: tuple[str, ...] = ()
    status: str = "new"
    starred: bool = False
    read: bool = False


def load_story(library: Any, story_id: int) -> StoryData:
    """Read one story from ``library`` (a connection owned by the calling thread)."""
    summary = library.story(story_id)
    articles = library.articles(story_id)
    comparison = library.comparison(story_id)
    notes = library.notes(story_id=story_id)
    return StoryData(
        story_id=story_id,
        title=one_line(getattr(summary, "title", "") or (articles[0].title if articles else "")),
        article_ids=tuple(a.id for a in articles),
        comparison=comparison,
        notes=tuple(notes),
        tags=tuple(getattr(summary, "tags", ()) or ()),
        status=getattr(summary, "status", "new") or "new",
        starred=bool(getattr(summary, "starred", False)),
        read=not bool(getattr(summary, "unread", 0)),
    )


def legend(total: int) -> Text:
    """The colour legend, with the gutter signs that carry the same meaning."""
    out = Text()
    out.append(f"{total}/{total} all", style="green")
    out.append("  ")
    out.append("k/n some", style="yellow")
    out.append("  ")
    out.append(f"1/{total} unique", style="magenta bold")
    out.append(f"  {CONFLICT_MARK} conflict  {NOTE_MARK} note  ··· boilerplate")
    return out


class StoryScreen(AppScreen[None]):
    """One story: versions, reader, inspector."""

    BINDINGS = [
        Binding("escape,q", "back", "Back"),
        Binding("j,down", "cursor(1)", "Next sentence", show=False),
        Binding("k,up", "cursor(-1)", "Previous sentence", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("home,g", "first", "First sentence", show=False),
        Binding("end,G", "last", "Last sentence", show=False),
        Binding("enter", "inspect", "Inspect"),
        Binding("right_square_bracket,l", "version(1)", "Next version", show=False),
        Binding("left_square_bracket,h", "version(-1)", "Previous version", show=False),
        Binding("u", "next_unique", "Next unique"),
        Binding("U", "previous_unique", "Previous unique", show=False),
        Binding("c", "next_conflict", "Next conflict"),
        Binding("C", "previous_conflict", "Previous conflict", show=False),
        Binding("n", "next_note", "Next note", show=False),
        Binding("N", "notes", "Notes list", show=False),
        Binding("b", "boilerplate", "Boilerplate", show=False),
        Binding("v", "compare", "Compare"),
        Binding("m", "matrix", "Matrix"),
        Binding("R", "revisions", "Revisions", show=False),
        Binding("a", "annotate", "Annotate"),
        Binding("t", "tag", "Tag", show=False),
        *TRIAGE_BINDINGS,
        Binding("e", "export", "Export"),
        Binding("x", "split_version", "Split version out", show=False),
        Binding("M", "move_version", "Move version", show=False),
        Binding("question_mark", "app.help", "Help"),
    ]

    def __init__(
        self, story_id: int, version: int = 0, sentence: int = 0, data: StoryData | None = None
    ) -> None:
        super().__init__()
        self.story_id = story_id
        self._preloaded = data
        self.data: StoryData | None = None
        self.facts: StoryFacts | None = None
        self.version = version
        self._start_sentence = sentence

    def compose(self) -> ComposeResult:
        yield Static("", id="story-title")
        with Horizontal(id="story-body"):
            yield VersionList(id="versions")
            with Vertical(id="reader-pane"):
                yield Reader(id="reader")
                yield Inspector(id="inspector")
        yield Static("", id="legend")
        yield Static("Loading the story…", id="story-loading")
        yield KeyBar()

    AUTO_FOCUS = "#reader"

    def on_mount(self) -> None:
        if self._preloaded is not None:
            self._loaded(self._preloaded, StoryFacts(self._preloaded.comparison))
        else:
            self.load()

    # -- loading ----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="story-load", exit_on_error=False)
    def load(self) -> None:
        with self.app.open_library() as library:
            data = load_story(library, self.story_id)
            facts = StoryFacts(data.comparison)
        self.app.call_from_thread(self._loaded, data, facts)

    def _loaded(self, data: StoryData, facts: StoryFacts) -> None:
        self.data, self.facts = data, facts
        self.query_one("#story-loading").display = False
        self.version = max(0, min(self.version, len(facts.versions) - 1))
        self.query_one(VersionList).set_versions(facts.versions, self.version)
        self.query_one("#legend", Static).update(legend(facts.total))
        self._update_title()
        self._show_version(self.version, self._start_sentence)
        if not data.read:
            self.action_toggle_read(notify=False)

    def reload(self) -> None:
        """Reload after a change to the story's articles (split, move, merge)."""
        reader = self.query_one(Reader)
        self._start_sentence = reader.cursor
        self.load()

    def refresh_notes(self) -> None:
        self._reload_notes()

    @work(thread=True, group="story-notes", exit_on_error=False)
    def _reload_notes(self) -> None:
        with self.app.open_library() as library:
            notes = tuple(library.notes(story_id=self.story_id))
        self.app.call_from_thread(self._notes_loaded, notes)

    def _notes_loaded(self, notes: tuple[Any, ...]) -> None:
        if self.data is None:
            return
        from dataclasses import replace

        self.data = replace(self.data, notes=notes)
        reader = self.query_one(Reader)
        reader.set_noted(self._noted(self.version))
        self._update_inspector(reader.cursor)

    def _update_title(self) -> None:
        if self.data is None or self.facts is None:
            return
        d = self.data
        title = Text()
        title.append(f"{STATUS_MARKS.get(d.status, '?')} {d.status}  ", style="bold")
        if d.starred:
            title.append("★ ", style="bold yellow")
        title.append(clip(d.title, 200), style="bold")
        title.append(f"  ({count(self.facts.total, 'version')})")
        if d.tags:
            title.append("  " + " ".join(f"#{one_line(t)}" for t in d.tags), style="italic")
        self.query_one("#story-title", Static).update(title)

    # -- notes per sentence -----------------------------------------------------------------

    def _article_id(self, version: int) -> int | None:
        if self.data and 0 <= version < len(self.data.article_ids):
            return self.data.article_ids[version]
        return None

    def _notes_for(self, version: int, fact: SentenceFact) -> list[Any]:
        if self.data is None:
            return []
        article_id = self._article_id(version)
        found = []
        for note in self.data.notes:
            if getattr(note, "orphaned", False):
                continue
            on_sentence = note.article_id == article_id and note.sentence == fact.index
            on_fact = (
                getattr(note, "fact_group", None) is not None
                and fact.group is not None
                and note.fact_group == fact.group
            )
            if on_sentence or on_fact:
                found.append(note)
        return found

    def _noted(self, version: int) -> frozenset[int]:
        if self.facts is None:
            return frozenset()
        return frozenset(
            i for i, f in enumerate(self.facts.sentences[version]) if self._notes_for(version, f)
        )

    # -- showing ----------------------------------------------------------------------------

    def _show_version(self, version: int, sentence: int = 0) -> None:
        if self.facts is None:
            return
        self.version = version
        self.query_one(Reader).show(self.facts.sentences[version], self._noted(version), sentence)

    @on(OptionList.OptionHighlighted, "#versions")
    def _version_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if self.facts is None or event.option_index == self.version:
            return
        self._show_version(event.option_index, self._same_fact_in(event.option_index))

    def _same_fact_in(self, version: int) -> int:
        """The sentence of ``version`` carrying the fact under the cursor (or its start)."""
        fact = self.current_fact()
        if fact is not None and fact.group is not None and self.facts is not None:
            found = self.facts.sentence_in(fact.group, version)
            if found is not None:
                return found.index
        return 0

    @on(Reader.CursorMoved)
    def _cursor_moved(self, event: Reader.CursorMoved) -> None:
        self._update_inspector(event.index)
        self.app.remember_position(self.story_id, self.version, event.index)

    def _update_inspector(self, index: int) -> None:
        inspector = self.query_one(Inspector)
        if not inspector.display or self.facts is None:
            return
        facts = self.facts.sentences[self.version]
        if not facts:
            inspector.update("This version has no sentences.")
            return
        fact = facts[index]
        notes = [
            (one_line(n.author or "note"), n.text) for n in self._notes_for(self.version, fact)
        ]
        inspector.update(inspect(self.facts, fact, notes))

    def current_fact(self) -> SentenceFact | None:
        if self.facts is None:
            return None
        facts = self.facts.sentences[self.version]
        reader = self.query_one(Reader)
        return facts[reader.cursor] if facts else None

    # -- actions: movement ------------------------------------------------------------------

    def action_back(self) -> None:
        inspector = self.query_one(Inspector)
        if inspector.display:
            self.action_inspect()
            return
        self.app.remember_position(None, 0, 0)
        self.dismiss()

    def action_cursor(self, delta: int) -> None:
        self.query_one(Reader).step(delta)

    def action_page(self, delta: int) -> None:
        reader = self.query_one(Reader)
        for _ in range(max(1, reader.size.height // 3)):
            reader.step(delta)

    def action_first(self) -> None:
        self.query_one(Reader).move_to(0)

    def action_last(self) -> None:
        self.query_one(Reader).move_to(len(self.query_one(Reader).facts) - 1)

    def action_version(self, delta: int) -> None:
        if self.facts is None:
            return
        target = self.version + delta
        if 0 <= target < len(self.facts.versions):
            self.query_one(VersionList).highlighted = target

    def _jump(self, delta: int, what: str, want) -> None:
        if not self.query_one(Reader).find(delta, want):
            direction = "after" if delta > 0 else "before"
            self.notify(f"No {what} {direction} the cursor in this version.", timeout=2)

    def action_next_unique(self) -> None:
        self._jump(1, "unique sentence", lambda f, i: f.kind == "unique")

    def action_previous_unique(self) -> None:
        self._jump(-1, "unique sentence", lambda f, i: f.kind == "unique")

    def action_next_conflict(self) -> None:
        self._jump(1, "conflict", lambda f, i: f.conflict)

    def action_previous_conflict(self) -> None:
        self._jump(-1, "conflict", lambda f, i: f.conflict)

    def action_next_note(self) -> None:
        noted = self.query_one(Reader).noted
        self._jump(1, "annotation", lambda f, i: i in noted)

    def action_boilerplate(self) -> None:
        reader = self.query_one(Reader)
        reader.show_boilerplate = not reader.show_boilerplate
        state = "shown (dimmed)" if reader.show_boilerplate else "hidden"
        self.notify(f"Boilerplate {state}.", timeout=2)

    def action_inspect(self) -> None:
        inspector = self.query_one(Inspector)
        inspector.display = not inspector.display
        reader = self.query_one(Reader)
        self._update_inspector(reader.cursor)
        self.call_after_refresh(reader.keep_cursor_visible)

    def jump_to(self, version: int, sentence: int) -> None:
        """Show ``version`` with the cursor on ``sentence`` (from the matrix or notes list)."""
        if self.facts is None:
            return
        self.query_one(Reader).show_boilerplate = self.query_one(Reader).show_boilerplate
        self.version = version
        self.query_one(VersionList).highlighted = version
        self._show_version(version, sentence)

    # -- actions: other screens -------------------------------------------------------------

    def action_compare(self) -> None:
        if self.facts is None or self.facts.total < 2:
            self.notify("This story has one version: nothing to compare.", timeout=2)
            return
        from newsreader.ui.screens.compare import CompareScreen

        right = 1 if self.version == 0 else 0
        self.app.push_screen(CompareScreen(self.facts, self.version, right))

    def action_matrix(self) -> None:
        if self.facts is None:
            return
        from newsreader.ui.screens.matrix import MatrixScreen

        def jump(target: tuple[int, int] | None) -> None:
            if target is not None:
                self.jump_to(*target)

        self.app.push_screen(MatrixScreen(self.facts), jump)

    def action_revisions(self) -> None:
        if self.facts is None:
            return
        from newsreader.ui.screens.revisions import RevisionsScreen

        self.app.push_screen(RevisionsScreen(self.facts))

    def action_notes(self) -> None:
        from newsreader.ui.screens.notes import NotesScreen

        self.app.push_screen(NotesScreen(story_id=self.story_id))

    # -- actions: triage, tags, notes -------------------------------------------------------

    def action_toggle_read(self, notify: bool = True) -> None:
        if self.data is None:
            return
        from dataclasses import replace

        read = not self.data.read
        self.app.library.set_read(self.story_id, read)
        self.data = replace(self.data, read=read)
        if notify:
            self.notify("Marked read." if read else "Marked unread.", timeout=2)
        self.app.library_changed()

    def action_toggle_star(self) -> None:
        if self.data is None:
            return
        from dataclasses import replace

        starred = not self.data.starred
        self.app.library.set_starred(self.story_id, starred)
        self.data = replace(self.data, starred=starred)
        self._update_title()
        self.notify("Starred." if starred else "Star removed.", timeout=2)
        self.app.library_changed()

    def action_status(self, status: str) -> None:
        if self.data is None:
            return
        from dataclasses import replace

        self.app.library.set_status(self.story_id, status)
        self.data = replace(self.data, status=status)
        self._update_title()
        self.notify(f"Status: {status}.", timeout=2)
        self.app.library_changed()

    def action_tag(self) -> None:
        if self.data is None:
            return
        from newsreader.ui.screens.modals import TagModal

        def done(tags: tuple[str, ...] | None) -> None:
            if tags is None or self.data is None:
                return
            from dataclasses import replace

            self.app.apply_tags((self.story_id,), self.data.tags, tags)
            self.data = replace(self.data, tags=tags)
            self._update_title()

        self.app.push_screen(TagModal(self.data.tags, self.app.known_tags()), done)

    def action_annotate(self) -> None:
        fact = self.current_fact()
        if fact is None or self.data is None:
            return
        from newsreader.ui.screens.modals import AnnotateModal

        def done(result: tuple[str, str] | None) -> None:
            if result is None:
                return
            target, text = result
            kwargs: dict[str, Any] = {"story_id": self.story_id}
            if target in ("sentence", "fact", "article"):
                kwargs["article_id"] = self._article_id(self.version)
            if target == "sentence":
                kwargs["sentence"] = fact.index
            if target == "fact" and fact.group is not None:
                kwargs["sentence"] = fact.index
                kwargs["fact"] = True
            self.app.library.add_note(text, **kwargs)
            self.notify(f"Note added to the {target}.", timeout=2)
            self.refresh_notes()
            self.app.library_changed()

        quote = fact.text
        self.app.push_screen(AnnotateModal(quote=quote), done)

    def action_export(self) -> None:
        from newsreader.ui.screens.modals import ExportModal

        self.app.push_screen(ExportModal(self.story_id, self.data.title if self.data else ""))

    def action_split_version(self) -> None:
        if self.facts is None or self.data is None or self.facts.total < 2:
            self.notify("A story with one version cannot be split.", timeout=2)
            return
        article_id = self._article_id(self.version)
        new_id = self.app.library.split_article(article_id)
        self.notify(f"Version #{self.version + 1} is now its own story ({new_id}).", timeout=3)
        self.version = 0
        self.app.library_changed()
        self.reload()

    def action_move_version(self) -> None:
        if self.data is None:
            return
        from newsreader.ui.screens.modals import PickStoryModal

        article_id = self._article_id(self.version)

        def done(target: int | None) -> None:
            if target is None or target == self.story_id:
                return
            self.app.library.move_article(article_id, target)
            self.notify(f"Version moved to story {target}.", timeout=3)
            self.version = 0
            self.app.library_changed()
            if self.facts is not None and self.facts.total <= 1:
                self.dismiss()
            else:
                self.reload()

        self.app.push_screen(
            PickStoryModal("Move this version to which story?", self.story_id), done
        )
