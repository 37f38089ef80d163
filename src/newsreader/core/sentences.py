"""Sentence splitting for news prose, with character offsets into the article body.

``split_sentences(body)`` returns :class:`Sentence` spans such that
``s.text == body[s.start:s.end]``, stripped of surrounding whitespace, in order, never
overlapping, and covering every non-space character of ``body``.

How it decides, in order:

1. **Lines.** A blank line always ends a sentence. A single newline ends one too (article bodies
   are mostly one paragraph per line, and a heading, caption or "Related Topics" line has no final
   punctuation), unless the body is *hard-wrapped*: most lines that run on stop just short of a
   common width. There a newline counts as a space when the next line's first word would not
   have fitted on the line; a short line (end of paragraph, heading) still ends its sentence.
2. **Candidates.** Inside a run of text, a boundary can only follow ``.``, ``?``, ``!`` or an
   ellipsis, with any closing quotes or brackets (``."``, ``.)``) attached, then whitespace.
   Full stops inside tokens (``£772.6``, ``U.S.``'s inner dots, URLs, e-mail addresses) never
   qualify.
3. **Decision** from the word before and the word after:

   * the next word starts in lower case (``"Stop!" he said``, ``Jane and co. at``): no break,
     unless a full stop follows a plain word with a vowel (``it was fine. we left``);
   * a dash after the stop leads an attribution (``..." - Jane Doe``), not a sentence; a
     citation mark (``[12]``) stays with the sentence before it;
   * titles (``Mr.``, ``Dr.``, ``Gen.``) break only before a common sentence opener;
     abbreviations that often end sentences (``Inc.``, ``U.S.``, ``a.m.``, ``Co.``) and
     initials (``George W. Bush``) break only before a common opener or a title
     (``... at 6 p.m. Mr. Smith left``), and not when the text so far is a short
     prepositional phrase (``At 5 a.m. Mr. Smith ...``); number abbreviations (``No.``,
     ``Jan.``, ``p.``) never break before a number;
   * an ellipsis with a space before it (``we were ... I mean``) marks an omission inside a
     sentence; attached to a word (``that... She``) or followed by a full stop it may end one;
   * a numbered or lettered list run inline (``1) ... 2) ...``) breaks before each next marker.

Pure Python with precompiled patterns: a 3,000-character article takes well under a
millisecond.
"""

from __future__ import annotations

import re
from itertools import pairwise

from newsreader.core.model import Sentence

__all__ = ["split_sentences"]

# -- line handling ------------------------------------------------------------------------------

#: Hard-wrapped text is wrapped at a width in this range (in characters).
WRAP_MIN_WIDTH = 40
WRAP_MAX_WIDTH = 100
#: Share of run-on lines (lines followed by another line) that must reach ``WRAP_FILL`` of the
#: width for the body to count as hard-wrapped.
WRAP_FULL_SHARE = 0.5
WRAP_FILL = 0.6
#: Fewest run-on lines that can show a body is hard-wrapped.
WRAP_MIN_RUN_ON = 2
#: Lines longer than the width are tolerated (a URL, a table row) up to this share.
WRAP_OVERLONG_SHARE = 0.05

# -- words --------------------------------------------------------------------------------------

#: Titles before a name: they almost never end a sentence.
_TITLES = frozenset(
    """mr mrs ms messrs mmes dr prof gen sen rep gov lt col capt cpt sgt maj cmdr adm brig
    drs rev fr sr jr hon pres supt det insp st mt ft atty amb sec cpl pvt ens""".split()
)
#: Abbreviations standing before a number (``No. 10``, ``Jan. 5``, ``p. 55``).
_NUMBER_ABBREVIATIONS = frozenset(
    """no nos nr p pp vol vols art arts fig figs ch chap sec secs para op ca approx est tel
    ext n° nº jan feb mar apr jun jul aug sep sept oct nov dec rt rte hwy""".split()
)
#: Number abbreviations that are also words ("No. He said no."): abbreviations before a number only.
_WORDLIKE_NUMBER_ABBREVIATIONS = frozenset("no art op mar".split())
#: Abbreviations that never end a sentence, whatever follows ("e.g. The Times").
_NEVER_FINAL = frozenset("e.g i.e cf viz vs v".split())
#: Abbreviations that end a sentence as often as not (``... Pitt, Briggs & Co. It closed``).
_ABBREVIATIONS = frozenset(
    """inc ltd co corp plc llc bros dept div univ assn assoc intl natl govt admin etc vs v
    al eg ie approx incl excl avg max min misc esp dist ave blvd rd hwy sq km kg lb lbs oz ft
    mi yr yrs mo mos wk hr hrs mins sec secs tbsp tsp pt pts ed eds trans
    ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss
    mo mont neb nev okla ore pa penn tenn tex va vt wash wis wisc wyo""".split()
)
#: Words that commonly open a sentence: after an ambiguous abbreviation they signal a break.
_OPENERS = frozenset(
    """the a an he she it they we i you this that these those there here his her its their
    our my your in on at by for from with to of as if when while after before since although
    though because but and or so yet however meanwhile moreover instead still then now later
    today yesterday what who whom whose which why how where is are was were do does did has
    have had can could will would should may might must no not one two some many most all
    both each every several few such other another more officials police authorities
    according""".split()
)
#: Shortest plain word whose full stop ends a sentence before a lower-case word.
PLAIN_WORD_MIN = 2
#: Longest word looked at around a stop (longer tokens are URLs or junk).
WORD_MAX = 100
#: Most characters (bullet, spaces) before a list number opening a sentence.
LIST_LEAD_MAX = 3
#: Longest inline list item looked through for the next marker.
LIST_ITEM_MAX = 500
#: Prepositions that open an introductory phrase (``At 5 a.m. Mr. Smith went ...``).
_PREPOSITIONS = frozenset(
    "at by in on before after until till from since around about near during".split()
)
#: An introductory phrase is at most this many words long.
INTRO_MAX_WORDS = 4

# -- patterns -----------------------------------------------------------------------------------

_DASHES = "-‐‒–—―"
_OPEN = "\"'“‘«([{"
_CLOSE = "\"'”’»)]}“‘"  # a closing quote typed as an opening one (`decision.“ However`)

#: A citation mark that stays with the sentence before it: "[12]", "[...]".
_CITATION = re.compile(r"\[(?:\d{1,3}|\.\.\.|…)\]")
#: The text of a line, without surrounding spaces (blank lines have none).
_TEXT_LINE = re.compile(r"\S(?:[^\n]*\S)?")
#: Terminal punctuation with attached closers, followed by whitespace or the end.
_END = re.compile(
    # The first mark, then a look back: it must start its run ("!!!!" stays linear), and a
    # pattern opening on a character class is found fast. Then ". . ." or the rest of the run.
    r"(?P<punct>[.?!…‽](?<![.?!…‽][.?!…‽])(?:(?<=\.)(?:[ \u00a0]\.){2,}|[.?!…‽]*))"
    r"(?P<close>[" + re.escape(_CLOSE) + r"]*)(?=\s|$)"
)
_INITIALISM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_TOKEN = re.compile(r"\S+")
_WORD_CHAR = re.compile(r"[^\W\d_]")
_VOWEL = re.compile(r"[aeiouyAEIOUY]")
_NUMBER = re.compile(r"\d{1,3}")
#: A list marker opening a run: ``1.``, ``1)``, ``1.)``, ``a.``, ``a)``, maybe after a bullet.
_MARKER = re.compile(
    r"(?P<bullet>[•⁃▪◦*–-])?[ \t]*(?:(?P<num>\d{1,2})|(?P<let>[a-z]))(?P<delim>\.\)|[.)])\s"
)
_BULLET = re.compile(r"[•⁃▪◦]")


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Split an article body into sentences, each with its offsets into ``text``."""
    out: list[Sentence] = []
    for start, end in _runs(text):
        for a, b in _split_run(text, start, end):
            sentence = text[a:b].rstrip()  # a and every cut sit on a non-space character
            if sentence:
                out.append(Sentence(len(out), sentence, a, a + len(sentence)))
    return tuple(out)


# -- 1. lines -----------------------------------------------------------------------------------


def _runs(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` between hard line breaks (soft, wrapping newlines stay inside).

    Each span starts on a non-space character and ends after one.
    """
    # (where the line starts, where its text starts, where its text ends)
    lines = [
        (text.rfind("\n", 0, m.start()) + 1, m.start(), m.end()) for m in _TEXT_LINE.finditer(text)
    ]
    width = _wrap_width(text, lines)
    if not width:
        return [(a, b) for _, a, b in lines]
    runs: list[tuple[int, int]] = []
    run_start = -1
    for i, (line_start, a, b) in enumerate(lines):
        if run_start < 0:
            run_start = a
        if i + 1 < len(lines) and _runs_on(text, line_start, b, lines[i + 1], width):
            continue
        runs.append((run_start, b))
        run_start = -1
    return runs


def _wrap_width(text: str, lines: list[tuple[int, int, int]]) -> int:
    """The width the body is hard-wrapped at, or 0 when it is not hard-wrapped."""
    if len(lines) <= WRAP_MIN_RUN_ON:
        return 0
    run_on = [
        b - line_start
        for (line_start, _, b), (next_start, _, _) in pairwise(lines)
        if text.count("\n", b, next_start) == 1
    ]
    if len(run_on) < WRAP_MIN_RUN_ON:
        return 0
    width = max(run_on)
    if not WRAP_MIN_WIDTH <= width <= WRAP_MAX_WIDTH:
        return 0
    overlong = sum(1 for line_start, _, b in lines if b - line_start > width)
    if overlong > WRAP_OVERLONG_SHARE * len(lines):
        return 0
    full = sum(1 for n in run_on if n >= WRAP_FILL * width)
    return width if full >= WRAP_FULL_SHARE * len(run_on) else 0


def _runs_on(
    text: str, line_start: int, line_end: int, nxt: tuple[int, int, int], width: int
) -> bool:
    """Whether a hard-wrapped line goes on in the next one: the next line follows at once
    (no blank line between) and its first word would not have fitted on this one."""
    next_start, next_text, next_end = nxt
    if text.count("\n", line_end, next_start) != 1:
        return False
    first_word = _TOKEN.match(text, next_text, next_end)
    word_len = first_word.end() - next_text if first_word else 0
    return (line_end - line_start) + 1 + word_len > width


# -- 2./3. boundaries inside a run ----------------------------------------------------------------


def _split_run(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside one run of text (offsets into ``text``)."""
    cuts: list[int] = []
    sent_start = start
    items = _list_cuts(text, start, end)  # next items of an inline list, if one is open
    for m in _END.finditer(text, start, end):
        after = _skip_space(text, m.end(), end)
        while (cite := _CITATION.match(text, after, end)) is not None:
            after = _skip_space(text, cite.end(), end)
        if after >= end:
            break
        while items and items[0] <= m.start():
            sent_start = items.pop(0)
            cuts.append(sent_start)
        cut = _decide(text, sent_start, m, after, end)
        if cut is not None:
            cuts.append(cut)
            sent_start = cut
            items = sorted({*items, *_list_cuts(text, cut, end)} - {cut})
    cuts.extend(items)
    bounds = [start, *sorted(set(cuts)), end]
    return [(a, b) for a, b in pairwise(bounds) if a < b]


def _skip_space(text: str, i: int, end: int) -> int:
    while i < end and text[i].isspace():
        i += 1
    return i


def _decide(text: str, sent_start: int, m: re.Match[str], after: int, end: int) -> int | None:
    """Where the next sentence starts if this punctuation ends one, else None."""
    punct, close = m.group("punct"), m.group("close")
    if _skip_space(text, sent_start, m.start()) >= m.start():
        return None  # punctuation opening a sentence (". . . The practice") ends nothing
    nxt = _next_word(text, after, end)
    core = nxt.lstrip(_OPEN)
    if not core:
        return after
    first = core[0]
    if first.islower():
        return after if _plain_word_stop(text, sent_start, m, punct, close) else None
    upper = first.isupper()
    word_start = _last_space(text, sent_start, m.start()) + 1
    word = text[word_start : m.start()].lstrip(_OPEN)

    if "…" in punct or punct.startswith("..") or " " in punct:
        if text[m.start() - 1 : m.start()] in ("[", "("):
            # "[...]": an omission; a sentence may start after it, but not a citation "(Smith 55)"
            return after if upper and core == nxt else None
        return _decide_ellipsis(text, m, punct, after, upper)
    if punct[0] in "?!‽" or punct[-1] in "?!‽":
        return after if _may_open_sentence(first) else None
    return _decide_full_stop(text, sent_start, word_start, word, close, core, after)


def _decide_full_stop(
    text: str, sent_start: int, word_start: int, word: str, close: str, core: str, after: int
) -> int | None:
    """A full stop after ``word``, before ``core`` (the next word without its opening quotes)."""
    first = core[0]
    upper = first.isupper()
    starts_sentence = _may_open_sentence(first)
    lower = word.lower()
    if not word:
        return after if starts_sentence else None
    if _is_list_marker(text, sent_start, word_start, word):
        return None
    if close and any(c in ")]}" for c in close) and upper:
        return after
    if lower in _TITLES and not close:
        return after if _opener(core) else None
    if lower in _NUMBER_ABBREVIATIONS and first.isdigit():
        return None
    if lower in _NEVER_FINAL:
        return None
    ambiguous = (
        lower in _ABBREVIATIONS
        or (lower in _NUMBER_ABBREVIATIONS and lower not in _WORDLIKE_NUMBER_ABBREVIATIONS)
        or _INITIALISM.fullmatch(word) is not None
        or (len(word) == 1 and word.isalpha())
    )
    if not ambiguous or close:
        return after if starts_sentence else None
    if len(word) == 1 and word.islower():
        return None
    if not upper:
        return None
    if core[1:2] == "." and len(core.rstrip(".")) == 1:
        return None  # another initial: "J. K. Rowling"
    if not (_opener(core) or _title(core)):
        return None
    if _introductory(text, sent_start, word_start):
        return None
    return after


def _may_open_sentence(first: str) -> bool:
    """A capital, a digit or a symbol; not a lower-case letter nor a dash, which leads an
    attribution ("... a long game." - Jane Doe)."""
    return first.isupper() or first.isdigit() or not (first.isalnum() or first in _DASHES)


def _decide_ellipsis(
    text: str, m: re.Match[str], punct: str, after: int, upper: bool
) -> int | None:
    """Ellipses: spaced before = omission inside a sentence; attached or four dots = may end."""
    if not upper:
        return None
    if " " in punct:
        # ". . ." after a word's own full stop ("compounds. . . . The"): the stop ends the
        # sentence and the ellipsis opens the next one.
        dots = punct.count(".")
        attached = m.start() > 0 and not text[m.start() - 1].isspace()
        if attached and dots >= 4:
            return _skip_space(text, m.start() + 1, m.end())
        return after if dots >= 4 else None
    spaced_before = m.start() > 0 and text[m.start() - 1].isspace()
    if spaced_before and punct.count(".") <= 3 and "…" not in punct[1:]:
        return None
    return after


def _plain_word_stop(text: str, sent_start: int, m: re.Match[str], punct: str, close: str) -> bool:
    """A full stop right after a plain word ends a sentence even if the next one is lower case.

    Informal web text often starts sentences in lower case ("it was fine. we left"); words that
    can be abbreviations (``co.``, ``approx.``, ``a.m.``) and quotes (``"Stop!" he said``) are not
    plain words.
    """
    if punct != "." or close:
        return False
    word = text[_last_space(text, sent_start, m.start()) + 1 : m.start()]
    if len(word) < PLAIN_WORD_MIN or not word.isalpha() or _VOWEL.search(word) is None:
        return False  # "bbl.", "pct.": a word without a vowel is an abbreviation
    lower = word.lower()
    return not (lower in _ABBREVIATIONS or lower in _TITLES or lower in _NUMBER_ABBREVIATIONS)


def _next_word(text: str, i: int, end: int) -> str:
    """The token starting at ``i`` (at most WORD_MAX characters of it)."""
    m = _TOKEN.match(text, i, min(end, i + WORD_MAX))
    return m.group() if m else ""


def _last_space(text: str, lo: int, hi: int) -> int:
    """The last whitespace before ``hi`` (looking back WORD_MAX characters at most)."""
    lo = max(lo, hi - WORD_MAX)
    for k in range(hi - 1, lo - 1, -1):
        if text[k].isspace():
            return k
    return lo - 1


def _opener(core: str) -> bool:
    word = core.rstrip(".,;:!?\"'”’)").lower()
    return word in _OPENERS


def _title(core: str) -> bool:
    return core.endswith(".") and core[:-1].lower() in _TITLES


def _introductory(text: str, sent_start: int, word_start: int) -> bool:
    """Whether the sentence so far is a short phrase opened by a preposition ("At 5 a.m.")."""
    words = text[sent_start : min(word_start, sent_start + INTRO_MAX_WORDS * WORD_MAX)].split()
    if not words or len(words) + 1 > INTRO_MAX_WORDS:
        return False
    return words[0].strip(_OPEN).lower() in _PREPOSITIONS


def _is_list_marker(text: str, sent_start: int, word_start: int, word: str) -> bool:
    """A number or letter opening the sentence, as in "1. The first item"."""
    word = word.lstrip("•⁃▪◦*–-")
    if _NUMBER.fullmatch(word) is None and not (len(word) == 1 and word.islower()):
        return False
    if word_start - sent_start > LIST_LEAD_MAX:
        return False
    before = text[sent_start:word_start].strip()
    return not before or _BULLET.fullmatch(before) is not None or before in "-*–"


# -- inline lists ---------------------------------------------------------------------------------


def _list_cuts(text: str, start: int, end: int) -> list[int]:
    """Where each next item starts when ``text[start:]`` opens a list inline ("1) ... 2) ...")."""
    if start >= end or text[start].isupper():
        return []  # the common case: a sentence opening on a capital
    m = _MARKER.match(text, start, end)
    if m is not None:
        bullet, delim = m.group("bullet") or "", m.group("delim")
        label = m.group("num") or m.group("let")
    else:
        b = _BULLET.match(text, start, end)
        if b is None:
            return []
        bullet, delim, label = b.group(), "", ""
    cuts: list[int] = []
    item_start = start
    pos = m.end() if m is not None else start + 1
    while True:
        if label:
            label = str(int(label) + 1) if label.isdigit() else chr(ord(label) + 1)
            pattern = re.escape(bullet) + r"[ \t]*" + re.escape(label) + re.escape(delim) + r"\s"
        else:
            pattern = re.escape(bullet) + r"\s*\S"
        found = re.compile(r"(?<=\s)" + pattern).search(text, pos, min(end, pos + LIST_ITEM_MAX))
        if found is None or _WORD_CHAR.search(text, item_start, found.start()) is None:
            return cuts  # no next item, or an empty one: not a list
        cuts.append(found.start())
        item_start = found.start()
        pos = found.end()
