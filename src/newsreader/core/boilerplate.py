"""Recognise boilerplate lines in an article body: prompts, credits, widgets, footers.

A body keeps every line of the text it came from; this module only says which lines are not the
article itself, as character spans of whole lines, so that the reader can dim them and the engine
can leave them out of alignment. Nothing is deleted.

Two kinds of evidence:

* **Rules**: whole-line patterns that are general (not keyed to any one site): share and comment
  prompts, image credits and captions, "Read more", related-article widgets and the headlines
  under them, feed footers, ad-block pleas, subscription and cookie notices, empty bylines,
  copyright lines, bare URLs and dates, and everything that is not prose after a feed footer.
  Each rule is anchored to the whole line and most are limited to short lines, so a real sentence
  that merely contains "share" or "comments" is never caught.
* **Frequency**: a line repeated in at least :data:`MIN_REPEAT_ARTICLES` unrelated articles of
  one source in a batch (or listed in ``frequent``, e.g. by the library) is that source's
  template. Articles that are versions of one text (revisions) count once, so the sentences they
  share are not mistaken for a template.

Pure functions, no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from newsreader.core.model import Article

# A line seen in at least this many unrelated articles of one source is boilerplate.
MIN_REPEAT_ARTICLES = 3
# Two articles sharing more than this share of their (normalised) lines are versions of one text
# and count once for the frequency rule.
SAME_TEXT_OVERLAP = 0.5
# Rules for prompts and widgets apply to lines of at most this many words.
SHORT_LINE_WORDS = 12
# A line under a related-articles heading is taken for a linked headline when it is at most this
# long and does not read as a sentence.
WIDGET_HEADLINE_WORDS = 25
# No rule marks a line longer than this: a paragraph is text even if a phrase in it looks like a
# prompt. (Cookie notices, the longest boilerplate, run to about this length.)
MAX_RULE_WORDS = 60
# A feed footer ("The post X appeared first on Y", "Let's block ads!") is a short line.
FOOTER_MAX_WORDS = 30
# After a feed footer, a line counts as article prose only with this many words and an ending.
PROSE_MIN_WORDS = 8

_F = re.IGNORECASE

# Phrases that make up a whole (short) line of boilerplate, matched on the lower-cased line with
# surrounding punctuation removed.
_PROMPT_LINES = re.compile(
    r"""^(?:
      search|menu|main\ menu|close|home|toggle\ navigation|navigation|skip\ to(?:\ main)?\ content
    | back\ to\ top|log\ ?in|sign\ in|sign\ up|register|subscribe(?:\ now)?|follow\ us(?:\ on\ .+)?
    | advertisement|advertising|sponsored(?:\ content)?|ad
    | story\ continues\ below(?:\ advertisement)?
    | share(?:\ this)?(?:\ (?:article|story|post|page))?(?:\ on\ \w+)?|share\ via\ \w+
    | tweet|email|e-mail|print|whatsapp|pin\ it|copy\ link|bagikan(?:\ berita\ ini)?|teilen
    | partager|compartir
    | comments?|\d+\ comments?|no\ comments?(?:\ yet)?|view\ comments|show\ comments
    | (?:leave|post|add|write|submit)\ (?:a\ |your\ )?(?:reply|comment|response)
    | cancel\ reply|reply
    | read\ more(?:\ source)?|continue\ reading|read\ full\ (?:article|story)|full\ story
    | source\ read\ full\ article|click\ here(?:\ to\ read\ more)?|see\ more|show\ more|load\ more
    | watch|listen|video|photo|image|gallery|loading
    )$""",
    re.VERBOSE,
)

# Headings of related-article widgets; the headline-like lines right after them are boilerplate.
_WIDGET_HEADINGS = re.compile(
    r"""^(?:
      related(?:\ (?:topics|articles?|posts?|stories|news|content|coverage|links|reading))?
    | more\ (?:stories|news|on\ this(?:\ story)?|from\ .{1,30}|like\ this|to\ explore)
    | you\ (?:may|might)\ also\ (?:like|enjoy|be\ interested\ in)|also\ read|read\ (?:also|next)
    | recommended(?:\ for\ you|\ stories|\ reading|\ articles)?|see\ also|further\ reading
    | (?:most\ )?(?:popular|read|viewed|shared)(?:\ (?:stories|articles|now))?|most\ read
    | trending(?:\ now|\ stories)?|top\ stories|latest(?:\ news|\ stories)?|editor'?s\ picks
    | don'?t\ miss|previous(?:\ (?:article|post|story))?|next(?:\ (?:article|post|story))?
    | newer\ posts?|older\ posts?|what\ to\ read\ next|in\ other\ news|around\ the\ web
    )$""",
    re.VERBOSE,
)

# Whole-line patterns on the original line (case-insensitive).
_RULE_PATTERNS: tuple[str, ...] = (
    # image / media credits and captions, glued or not: "image copyrightReuters"
    r"^(?:image|media|photo|picture|video|graphic|audio)\s*(?:copyright|caption|credit|source)"
    r"(?:(?-i:[A-Z])|[\s:|©]|$)",
    r"^(?:photo|image|picture|photograph|illustration|credit|caption)s?(?:\s+credit)?\s*[:|]\s*\S",
    r"^\(?(?:photo|image|picture)s?\s*(?:by|via|courtesy(?:\s+of)?)\s+\S.{0,60}$",
    r"^(?:getty\s+images|reuters|afp|ap|epa|pa\s+media|shutterstock)(?:\s*/\s*\S+)*$",
    # copyright lines
    r"^(?:©|\(c\)\s|copyright\s*(?:©|\(c\)|\d{4}))",
    r"\ball rights reserved\.?$",
    # feed footers and syndication notes
    r"^the post .{1,300} appeared first on .{1,120}$",
    r"^(?:this|the) (?:article|story|post|entry) (?:was )?(?:originally |first )?"
    r"(?:published|appeared|posted) (?:on|in|at|first on) .{1,120}$",
    r"^(?:originally )?published (?:on|at|in) .{1,60}$",
    # ad-block pleas
    r"let'?s block ads",
    r"\b(?:disable|turn off|pause|whitelist)\b.{0,40}\bad[\s-]?block",
    r"^(?:we noticed|it looks like) you(?:'re| are) using an ad[\s-]?blocker",
    # comment forms
    r"^your email address will not be published",
    r"required fields are marked",
    r"^\d+\s+(?:comments?|responses?|replies|reactions?)\b(?:\s+(?:to|on)\b.*)?$",
    r"^(?:notify me of|save my name, email)",
    # subscription and newsletter prompts
    r"^(?:::\s*|>+\s*)?subscribe\b.{0,160}$",
    r"^sign up\b.{0,80}\b(?:newsletter|updates|alerts|email|inbox)\b",
    r"\b(?:newsletter|inbox)\b.{0,80}\b(?:sign up|subscribe|delivered)\b",
    r"^(?:get|receive) (?:our|the) .{0,60}(?:newsletter|in your inbox|delivered)",
    r"^(?:follow|like) us on (?:facebook|twitter|instagram|x|telegram|linkedin)\b",
    # cookie notices
    r"\b(?:we|this (?:web)?site|our (?:web)?site)\s+uses?\s+cookies\b",
    r"^(?:accept|reject|manage)(?:\s+all)?\s+cookies\b",
    r"^cookie (?:policy|settings|preferences|notice|consent)\b",
    r"\bby (?:continuing|using) (?:to (?:browse|use) )?(?:this|our) (?:web)?site\b.{0,60}"
    r"\b(?:agree|consent|accept)\b",
    # bylines and credits without content
    r"^(?:author|posted by|written by|words by|by)\s*:?\s*$",
    r"^(?:author|posted by|written by|words by)\s*:?\s+.{0,80}$",
    r"^(?:with\s+)?(?:additional\s+)?reporting by\b.{0,120}$",
    r"^(?:editing|edited|writing|compiled|produced) by\b.{0,80}$",
    r"^source\s*:\s*.{0,60}$",
    r"^(?:tags?|categories|category|filed under|topics)\s*:.*$",
    # widgets, embeds and aggregator lines
    r"^(?:\S+\s+){0,4}powered by\b(?:\s*\S+){0,4}\s*$",
    r"^\d+px\b",
    r"^.{0,60}\s-\sgoogle news$",
    r"^(?:click|tap) (?:here|to) (?:read|see|watch|view|share|expand|enlarge)\b.{0,60}$",
    r"^(?:read|see) (?:more|also|next)\s*[:\-–—|]\s*.{1,160}$",
    r"^(?:read more|more)\s*[:\-–—|]\s*source$",
    r"^follow .{1,40} on (?:twitter|facebook|instagram|x)\b.{0,40}$",
    r"^(?:share|tweet|email|print|facebook|twitter|whatsapp|linkedin|reddit|pinterest"
    r"|telegram|messenger|copy link|flipboard)(?:[\s|:,/·•–-]+(?:share|tweet|email|print"
    r"|facebook|twitter|whatsapp|linkedin|reddit|pinterest|telegram|messenger|copy link"
    r"|flipboard))+[\s|:,/·•–-]*$",
)
# Matched as two alternations, anchored ones only at the line start: one regex pass per line.
_ANCHORED_RULES = re.compile(
    "|".join(f"(?:{p[1:]})" for p in _RULE_PATTERNS if p.startswith("^")), _F
)
# Every unanchored rule contains one of these words; lines without any skip the regex.
_FLOATING_TRIGGERS = ("reserved", "block", "required", "newsletter", "inbox", "cookie", "site")
_FLOATING_RULES = re.compile(
    "|".join(f"(?:{p})" for p in _RULE_PATTERNS if not p.startswith("^")), _F
)

# A bare URL or domain name on its own line ("example.blogspot.com").
_URL_LINE = re.compile(
    r"^(?:https?://\S+|www\.\S+|(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}/?)$", _F
)
# A bare byline: "By Jane Smith", "By gmanstopnewsmix", "By Jane Smith and John Doe, BBC News".
_BYLINE = re.compile(r"^by\s+[^\s.!?,][^.!?]{0,60}$", _F)
_MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()
_DATE_WORDS = frozenset(
    _MONTHS
    + "monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun "
    "at on am pm gmt utc bst est edt cet cest posted published updated last th st nd rd "
    "t z ago hour hours hr hrs minute minutes min mins day days week weeks".split()
)
_NUMERIC_DATE = re.compile(r"\b(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})\b")
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")


def normalise_line(line: str) -> str:
    """The key under which a line is counted: case-, accent-, digit- and punctuation-blind."""
    s = unicodedata.normalize("NFKC", line).casefold()
    s = re.sub(r"\d+", "0", s)
    s = re.sub(r"[^\w\s]", " ", s)
    return " ".join(s.split())


def is_boilerplate_line(line: str) -> bool:
    """Whether one line, on its own and out of context, is boilerplate by the rules.

    Used to skip junk first lines ("Search", "Menu", a bare domain) when looking for a headline.
    """
    key = normalise_line(line)
    return bool(line.strip()) and (
        not key or _is_widget_heading(key) or _is_rule_boilerplate(line.strip(), key)
    )


def _is_rule_boilerplate(line: str, key: str) -> bool:
    words = key.split()
    if not words or len(words) > MAX_RULE_WORDS:
        return False
    if len(words) <= SHORT_LINE_WORDS and _PROMPT_LINES.match(key):
        return True
    if _URL_LINE.match(line):
        return True
    if _is_date_line(line):
        return True
    if _is_menu_line(line):
        return True
    if len(words) <= 8 and _BYLINE.match(line) and not _SENTENCE_END.search(line):
        return True
    if _ANCHORED_RULES.match(line):
        return True
    low = line.lower()
    return any(t in low for t in _FLOATING_TRIGGERS) and bool(_FLOATING_RULES.search(line))


MENU_MIN_ITEMS = 3  # "Home | World | Weather": this many separated items make a navigation bar
MENU_ITEM_WORDS = 3  # ...each item a short label of at most this many words
_MENU_SEPARATOR = re.compile(r"\s+[|·•»>/]\s+|\s*[|·•»]\s*")


def _is_menu_line(line: str) -> bool:
    """A navigation bar or breadcrumb: short labels joined by separators, no sentence."""
    if _SENTENCE_END.search(line):
        return False
    items = [item for item in _MENU_SEPARATOR.split(line) if item.strip()]
    return len(items) >= MENU_MIN_ITEMS and all(
        len(item.split()) <= MENU_ITEM_WORDS for item in items
    )


def _is_date_line(line: str) -> bool:
    """A line that is only a date or time ("September 14, 2020 at 04:18PM")."""
    if len(line) > 60 or not _DIGIT.search(line):
        return False
    if re.search(r"[^\w\s,.:/+\-–()]", line):
        return False
    words = _WORD.findall(line.lower())
    if not all(w in _DATE_WORDS for w in words):
        return False
    # a month name or a numeric date, so that a phone number or a lone figure is not a date
    return any(w in _MONTHS or w == "ago" for w in words) or bool(_NUMERIC_DATE.search(line))


def _is_widget_heading(key: str) -> bool:
    return len(key.split()) <= 6 and bool(_WIDGET_HEADINGS.match(key))


def _is_prose(line: str) -> bool:
    return len(line.split()) >= PROSE_MIN_WORDS and bool(_SENTENCE_END.search(line))


_FEED_FOOTER = re.compile(
    r"let'?s block ads|^the post .+ appeared first on "
    r"|^(?:\S+\s+){0,4}powered by\b(?:\s*\S+){0,4}\s*$"
    r"|^(?:source\s*:\s*)?read (?:full article|more\s*[-–—:|]\s*source)",
    _F,
)


def _is_feed_footer(line: str) -> bool:
    return len(line.split()) <= FOOTER_MAX_WORDS and _FEED_FOOTER.search(line) is not None


def _title_key(title: str | None) -> str:
    return normalise_line(title) if title else ""


def boilerplate_spans(
    body: str,
    *,
    frequent: frozenset[str] = frozenset(),
    title: str | None = None,
) -> tuple[tuple[int, int], ...]:
    """The ``(start, end)`` spans of the lines of ``body`` that are boilerplate, in order.

    A span covers one whole line without its newline or surrounding spaces. ``frequent`` holds
    normalised lines (see :func:`normalise_line`) known to be boilerplate; ``title``, when given,
    marks lines that repeat the headline (aggregators print it again under the text).
    """
    return _spans(_keyed_lines(body), (frequent,), _title_key(title))


_KeyedLine = tuple[int, int, str, str]  # start, end (stripped line), stripped line, key


def _keyed_lines(body: str) -> list[_KeyedLine]:
    """The non-blank lines of ``body`` with their spans and normalised keys."""
    out: list[_KeyedLine] = []
    pos = 0
    for raw in body.split("\n"):
        start = pos
        pos += len(raw) + 1
        line = raw.strip()
        if line:
            lead = len(raw) - len(raw.lstrip())
            out.append((start + lead, start + lead + len(line), line, normalise_line(line)))
    return out


def _spans(
    lines: list[_KeyedLine], frequent: tuple[frozenset[str], ...], title_key: str
) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    in_widget = False  # inside a related-articles widget
    in_footer = False  # after a feed footer: only prose is article text
    for start, end, line, key in lines:
        if not key:
            # punctuation or symbols only ("***", "—"): a separator, not text
            spans.append((start, end))
            continue
        marked = False
        if _is_widget_heading(key):
            in_widget = True
            marked = True
        elif in_widget:
            if len(key.split()) <= WIDGET_HEADLINE_WORDS and not _SENTENCE_END.search(line):
                marked = True
            else:
                in_widget = False
        if not marked:
            marked = (
                any(key in known for known in frequent)
                or _is_rule_boilerplate(line, key)
                or (title_key != "" and _repeats_title(key, title_key))
                or (in_footer and not _is_prose(line))
            )
        if _is_feed_footer(line):
            in_footer = True
            marked = True
        if marked:
            spans.append((start, end))
    return tuple(spans)


def _repeats_title(key: str, title_key: str) -> bool:
    if key == title_key:
        return True
    # the headline again with an outlet suffix ("... - Al Jazeera English")
    return key.startswith(title_key + " ") and len(key[len(title_key) :].split()) <= 5


def mark_boilerplate(
    articles: Sequence[Article], *, frequent: frozenset[str] = frozenset()
) -> list[Article]:
    """Return the articles with ``boilerplate`` set from the rules, ``frequent`` and repetition.

    Repetition: a line found in at least :data:`MIN_REPEAT_ARTICLES` unrelated articles of the
    same source in ``articles`` is boilerplate for that source.
    """
    keyed = [_keyed_lines(article.body) for article in articles]
    repeated = _repeated_lines(articles, keyed)
    out: list[Article] = []
    for article, lines in zip(articles, keyed, strict=True):
        known = (frequent, repeated.get(article.source or "", frozenset()))
        spans = _spans(lines, known, _title_key(article.title))
        out.append(replace(article, boilerplate=spans))
    return out


def _repeated_lines(
    articles: Sequence[Article], keyed: list[list[_KeyedLine]]
) -> dict[str, frozenset[str]]:
    """Per source, the normalised lines that occur in enough unrelated articles of it."""
    by_source: dict[str, list[frozenset[str]]] = defaultdict(list)
    for article, lines in zip(articles, keyed, strict=True):
        if article.source:
            by_source[article.source].append(frozenset(k for *_, k in lines if k))
    result: dict[str, frozenset[str]] = {}
    for source, line_sets in by_source.items():
        if len(line_sets) < MIN_REPEAT_ARTICLES:
            continue
        holders: dict[str, list[int]] = defaultdict(list)
        for i, keys in enumerate(line_sets):
            for key in keys:
                holders[key].append(i)
        found = {
            key
            for key, idx in holders.items()
            if len(idx) >= MIN_REPEAT_ARTICLES and _unrelated_count(idx, line_sets)
        }
        if found:
            result[source] = frozenset(found)
    return result


def _unrelated_count(indexes: list[int], line_sets: list[frozenset[str]]) -> bool:
    """Whether at least MIN_REPEAT_ARTICLES of these articles are not versions of one another."""
    reps: list[frozenset[str]] = []
    for i in indexes:
        keys = line_sets[i]
        if all(_overlap(keys, r) <= SAME_TEXT_OVERLAP for r in reps):
            reps.append(keys)
            if len(reps) >= MIN_REPEAT_ARTICLES:
                return True
    return False


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    small = min(len(a), len(b))
    return len(a & b) / small if small else 0.0
