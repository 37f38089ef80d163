"""Key bindings shared by screens, so the same key does the same thing everywhere."""

from __future__ import annotations

from textual.binding import Binding

# Triage acts at once on the story under the cursor (library) or on screen (story).
TRIAGE_BINDINGS = [
    Binding("r", "toggle_read", "Read/unread", show=False),
    Binding("s", "toggle_star", "Star", show=False),
    Binding("1", "status('new')", "Status: new", show=False),
    Binding("2", "status('review')", "Status: in review", show=False),
    Binding("3", "status('checked')", "Status: checked", show=False),
    Binding("4", "status('spiked')", "Status: spiked", show=False),
]
