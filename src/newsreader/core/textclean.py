"""Make untrusted article text safe to keep and show.

Article and feed text can carry terminal escape sequences, control characters and invisible
Unicode that would move the cursor, recolour the terminal or reorder what a reader sees. Every
piece of text that enters newsreader passes through :func:`clean_text` once, at ingest.
Markup-looking text such as ``[bold red]`` is *not* touched here: it is plain text, and the UI
shows it literally.
"""

from __future__ import annotations

import re
import unicodedata

# ESC-introduced sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \), DCS/SOS/PM/APC
# strings (ESC P/X/^/_ ... ESC \), then any other two-byte escape. The same with 8-bit C1
# introducers (CSI = U+009B, OSC = U+009D, ...).
_ESCAPES = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]             # CSI
  | \x9b[0-?]*[ -/]*[@-~]               # 8-bit CSI
  | (?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?   # OSC, terminated or not
  | (?:\x1b[PX^_]|[\x90\x98\x9e\x9f])[^\x1b\x9c]*(?:\x1b\\|\x9c)?  # DCS, SOS, PM, APC
  | \x1b[ -/]*[0-~]?                    # any other escape (and a lone ESC)
    """,
    re.VERBOSE,
)

# Invisible characters that carry no text: zero-width space, word joiner, BOM, soft hyphen,
# and the bidirectional overrides and isolates that can reorder what is displayed. Zero-width
# joiner and non-joiner are kept: they are meaningful in emoji and in several scripts.
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069]")

# C0 and C1 control characters except tab and newline (carriage returns become newlines first).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text(s: str) -> str:
    """Return ``s`` without escape sequences, control characters or invisible junk, in NFC.

    Line breaks are normalised to ``\\n`` (``\\r\\n`` and lone ``\\r`` included); tabs are kept.
    """
    if not s:
        return s
    s = s.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    s = _ESCAPES.sub("", s)
    s = _INVISIBLE.sub("", s)
    s = _CONTROL.sub("", s)
    return unicodedata.normalize("NFC", s)
