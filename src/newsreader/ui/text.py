"""Untrusted text made safe to show, and small formatting helpers for the screens.

Article and feed text may hold console markup (``[bold red]``) or terminal escape sequences.
Everything the UI shows from an article goes through :func:`safe` and is wrapped in a
``rich.text.Text`` built from the plain string, so markup is never parsed and control codes never
reach the terminal. Ingest already cleans text with ``clean_text``; cleaning again here guards
libraries written by older versions and text from other paths (feeds, notes).
"""

from __future__ import annotations

import re
from datetime import datetime

from rich.text import Text

try:  # the ingest helper; the fallback below does the same for the cases that matter here
    from newsreader.core.textclean import clean_text as _clean
except ImportError:  # pragma: no cover - only before ingest landed
    _ESC = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b.?")
    _CTRL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

    def _clean(s: str) -> str:
        return _CTRL.sub("", _ESC.sub("", s))


def safe(value: object) -> str:
    """``value`` as a string with escape sequences and control characters removed."""
    if value is None:
        return ""
    return _clean(str(value))


def one_line(value: object) -> str:
    """:func:`safe`, with every run of whitespace (newlines included) squeezed to one space."""
    return " ".join(safe(value).split())


def plain(value: object, style: str = "") -> Text:
    """A ``Text`` of untrusted ``value``, shown literally (never parsed as markup)."""
    return Text(one_line(value), style=style)


def short_time(published: str | None) -> str:
    """An ISO timestamp as ``Mar 10 16:50`` (or the raw value if it does not parse)."""
    if not published:
        return "-"
    try:
        moment = datetime.fromisoformat(published.replace("Z", "+00:00"))
    except ValueError:
        return one_line(published)[:16]
    return moment.strftime("%b %d %H:%M")


def clip(value: str, width: int) -> str:
    """``value`` cut to ``width`` cells with an ellipsis."""
    if len(value) <= width:
        return value
    return value[: max(0, width - 1)] + "…"


def count(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` with its noun in the right number: "1 version", "2 versions", "1 story"."""
    if n == 1:
        return f"{n} {noun}"
    if plural is None:
        consonant_y = noun.endswith("y") and noun[-2:-1] not in "aeiou"
        plural = noun[:-1] + "ies" if consonant_y else noun + "s"
    return f"{n} {plural}"
