"""Help: the keys of the screen below, built from its active bindings so it cannot drift."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


def key_table(screen: Screen) -> Table:
    """A two-column table of ``screen``'s active bindings: keys and what they do."""
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0))
    table.add_column("keys", style="bold", no_wrap=True)
    table.add_column("action")
    seen: dict[str, list[str]] = {}
    # The screen's own keys first; the app's generic ones (focus, quit, palette) after them.
    generic = {b.action for b in Screen.BINDINGS if isinstance(b, Binding)}

    def is_generic(active) -> bool:
        return active.node is not screen or active.binding.action in generic

    actives = sorted(screen.active_bindings.values(), key=is_generic)
    for active in actives:
        binding = active.binding
        # Keys of the screen and the app; a focused widget's own scrolling keys are noise here.
        if not binding.description or active.node not in (screen, screen.app):
            continue
        display = screen.app.get_key_display(binding)
        seen.setdefault(binding.description, []).append(display)
    for description, keys in seen.items():
        table.add_row(Text(" ".join(dict.fromkeys(keys))), Text(description))
    return table


class HelpScreen(ModalScreen[None]):
    """Lists every key of the screen it was opened from."""

    BINDINGS = [Binding("escape,q,question_mark", "close", "Close help")]

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.target = screen

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(
                Text(f"Keys: {self.target.__class__.__name__.removesuffix('Screen')}", style="bold")
            )
            yield Static(key_table(self.target))
            yield Static(
                Text("ctrl+p opens the command palette with every action.", style="italic")
            )

    def action_close(self) -> None:
        self.dismiss(None)
