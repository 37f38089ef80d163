"""The key bar at the foot of every screen: the keys that matter here, and the palette key.

Textual's ``Footer`` mounts a widget per key and recomposes whenever the bindings change (focus
moves, a screen resumes), which costs tens of milliseconds each time a story opens. This bar is a
single widget that renders one line of text from the screen's active bindings and repaints when
they change; a click on a key presses it, as with the stock footer.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

# Space between two keys in the bar.
KEY_GAP = 1


class KeyBar(Widget, can_focus=False):
    """One line: ``key Description`` for each shown binding, the palette key at the right."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"keybar--key", "keybar--description", "keybar--disabled"}

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        .keybar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .keybar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .keybar--disabled { text-style: dim; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._spans: list[tuple[int, int, str]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen:
            self.refresh()

    def _keys(self) -> tuple[list[tuple[str, str, str, bool]], tuple[str, str, str] | None]:
        """(key, shown key, description, enabled) per shown action, and the palette key."""
        active = self.screen.active_bindings
        seen: set[str] = set()
        keys = []
        for _node, binding, enabled, _tooltip in active.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            keys.append(
                (binding.key, self.app.get_key_display(binding), binding.description, enabled)
            )
        palette = None
        if self.app.ENABLE_COMMAND_PALETTE and self.app.COMMAND_PALETTE_BINDING in active:
            _node, binding, _enabled, _tooltip = active[self.app.COMMAND_PALETTE_BINDING]
            palette = (binding.key, self.app.get_key_display(binding), binding.description)
        return keys, palette

    def render(self) -> Text:
        key_style = self.get_component_rich_style("keybar--key")
        description_style = self.get_component_rich_style("keybar--description")
        disabled_style = self.get_component_rich_style("keybar--disabled")
        keys, palette = self._keys()
        width = self.size.width
        tail = Text()
        if palette is not None:
            key, shown, description = palette
            tail.append("▏", style="dim")
            tail.append(f"{shown} ", style=key_style)
            tail.append(description, style=description_style)
        room = width - tail.cell_len - 1 if palette is not None else width
        line = Text(" ", no_wrap=True, overflow="crop")
        spans: list[tuple[int, int, str]] = []
        for key, shown, description, enabled in keys:
            piece = Text.assemble((shown, key_style), " ", (description, description_style))
            if not enabled:
                piece.stylize(disabled_style)
            if line.cell_len + piece.cell_len > room:
                break
            start = line.cell_len
            line.append_text(piece)
            spans.append((start, line.cell_len, key))
            line.append(" " * (KEY_GAP + 1))
        line.truncate(max(0, room), pad=True)
        if palette is not None:
            spans.append((room + 1, width, palette[0]))
            line.append(" ")
            line.append_text(tail)
        self._spans = spans
        return line

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
