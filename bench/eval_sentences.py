"""Measure sentence splitters: our ``split_sentences`` against the libraries that are installed.

Gold data is read from paths given on the command line (it is never kept in the repository):

* ``--golden``: pySBD's English "golden rules", the file ``benchmarks/english_golden_rules.py``
  of github.com/nipunsadvilkar/pySBD (MIT). It is parsed with ``ast`` (never executed); a case
  counts when the sentences equal the expected ones exactly.
* ``--ud LABEL FILE...``: Universal Dependencies CoNLL-U files (e.g. UD_English-GUM, whose
  ``not-to-release/sources/GUM_news_*.conllu`` are Wikinews articles; UD_English-EWT). Each
  ``# newdoc`` is rebuilt as an article body: sentences of a ``# newpar`` paragraph joined by a
  space (none after a token with ``SpaceAfter=No``), one line per paragraph. Scores are boundary
  precision / recall / F1, where a boundary is the offset where a sentence starts (the first one
  of each text excluded).

Four renderings are scored (the last three on the first UD set only):

* ``para``: every candidate splits each paragraph alone (paragraph ends are given); this is
  the splitting skill proper.
* ``lines``: the whole body, one paragraph per line, separated by single newlines; paragraphs
  without final punctuation (headings, datelines) must end at their line.
* ``wrapped``: the whole body hard-wrapped at 72 columns, paragraphs separated by blank lines;
  a wrapped line must not end a sentence.
* ``tight``: hard-wrapped at 72 columns, paragraphs separated by a single newline (no blank
  lines): only the line lengths tell a paragraph's end from a wrap.

Speed is the median over ``--repeat`` runs of splitting every ``lines`` body of the first UD
set, per 1,000 gold sentences, and per 3,000 characters of text.

Usage::

    python bench/eval_sentences.py --golden DATA/english_golden_rules.py \\
        --ud "GUM news" DATA/gum_sources/GUM_news_*.conllu \\
        --ud "EWT test" DATA/en_ewt-ud-test.conllu
"""

from __future__ import annotations

import argparse
import ast
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

Splitter = Callable[[str], list[int]]  # text -> start offsets of its sentences

WRAP_WIDTH = 72


# -- candidates ---------------------------------------------------------------------------------


def _first_non_space(text: str, starts: Iterable[int]) -> list[int]:
    """Move each start to the first non-space character after it; drop empty sentences."""
    out: list[int] = []
    n = len(text)
    for s in starts:
        while s < n and text[s].isspace():
            s += 1
        if s < n and (not out or s > out[-1]):
            out.append(s)
    return out


def _ours() -> Splitter:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from newsreader.core.sentences import split_sentences

    return lambda text: [s.start for s in split_sentences(text)]


def _pysbd() -> Splitter:
    import pysbd

    seg = pysbd.Segmenter(language="en", clean=False, char_span=True)
    return lambda text: _first_non_space(text, (span.start for span in seg.segment(text)))


def _syntok() -> Splitter:
    import syntok.segmenter as segmenter

    def split(text: str) -> list[int]:
        return _first_non_space(
            text, (sent[0].offset for para in segmenter.analyze(text) for sent in para if sent)
        )

    return split


def _blingfire() -> Splitter:
    import blingfire

    def split(text: str) -> list[int]:
        if not text.strip():
            return []
        return _first_non_space(
            text, (a for a, _ in blingfire.text_to_sentences_and_offsets(text)[1])
        )

    return split


def _spacy() -> Splitter:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return lambda text: _first_non_space(text, (s.start_char for s in nlp(text).sents))


def _punkt() -> Splitter:
    import nltk.data
    from nltk.tokenize import PunktTokenizer

    try:
        nltk.data.find("tokenizers/punkt_tab/english/")
    except LookupError:
        raise LookupError("the punkt_tab model is not installed") from None
    tok = PunktTokenizer("english")
    return lambda text: _first_non_space(text, (a for a, _ in tok.span_tokenize(text)))


CANDIDATES: dict[str, Callable[[], Splitter]] = {
    "newsreader": _ours,
    "pySBD": _pysbd,
    "syntok": _syntok,
    "blingfire": _blingfire,
    "spaCy sentencizer": _spacy,
    "NLTK punkt": _punkt,
}


# -- gold data ----------------------------------------------------------------------------------


def load_golden(path: Path) -> list[tuple[str, list[str]]]:
    """The ``GOLDEN_EN_RULES`` list literal of pySBD's benchmark file, read without running it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "GOLDEN_EN_RULES" for t in node.targets
        ):
            return [(text, list(expected)) for text, expected in ast.literal_eval(node.value)]
    raise SystemExit(f"{path}: no GOLDEN_EN_RULES list")


@dataclass(frozen=True)
class Doc:
    """A rebuilt document: paragraphs, each a tuple of gold sentences with their spacing."""

    paragraphs: tuple[tuple[tuple[str, bool], ...], ...]  # (sentence text, space after)


def load_conllu(paths: Sequence[Path]) -> list[Doc]:
    docs: list[Doc] = []
    paras: list[list[tuple[str, bool]]] = []
    text: str | None = None
    space_after = True

    def close_doc() -> None:
        kept = tuple(tuple(p) for p in paras if p)
        if kept:
            docs.append(Doc(kept))
        paras.clear()

    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# newdoc"):
                close_doc()
            elif line.startswith("# newpar") and not line.startswith("# newpar_block"):
                paras.append([])
            elif line.startswith("# text = "):
                text = line[len("# text = ") :].strip()
            elif line and line[0].isdigit():
                cols = line.split("\t")
                if "-" in cols[0] or "." not in cols[0]:
                    space_after = "SpaceAfter=No" not in cols[-1]
            elif not line and text is not None:
                if not paras:
                    paras.append([])
                paras[-1].append((text, space_after))
                text, space_after = None, True
        close_doc()
    return docs


def render(doc: Doc, mode: str) -> tuple[list[str], list[set[int]]]:
    """Texts to split and, for each, the gold sentence starts (the first one excluded)."""
    para_texts: list[str] = []
    para_starts: list[list[int]] = []
    for para in doc.paragraphs:
        buf = ""
        starts: list[int] = []
        for i, (sent, space) in enumerate(para):
            starts.append(len(buf))
            buf += sent
            if i < len(para) - 1 and space:
                buf += " "
        para_texts.append(buf)
        para_starts.append(starts)
    if mode == "para":
        return para_texts, [set(s[1:]) for s in para_starts]
    if mode in ("wrapped", "tight"):
        wrapped = [_wrap(t) for t in para_texts]
        sep = "\n\n" if mode == "wrapped" else "\n"
    else:
        wrapped = para_texts
        sep = "\n"
    body = ""
    gold: list[int] = []
    for text, starts in zip(wrapped, para_starts, strict=True):
        gold.extend(len(body) + s for s in starts)
        body += text + sep
    return [body], [set(gold[1:])]


def _wrap(text: str) -> str:
    """Hard-wrap ``text`` at WRAP_WIDTH, keeping every offset (a wrapping space becomes \\n)."""
    out = list(text)
    for line_start in _wrap_points(text):
        out[line_start - 1] = "\n"
    return "".join(out)


def _wrap_points(text: str) -> list[int]:
    points: list[int] = []
    line_start = 0
    last_space = -1
    for i, ch in enumerate(text):
        if ch == " ":
            if i - line_start > WRAP_WIDTH and last_space > line_start:
                points.append(last_space + 1)
                line_start = last_space + 1
            last_space = i
    if len(text) - line_start > WRAP_WIDTH and last_space > line_start:
        points.append(last_space + 1)
    return points


# -- scoring ------------------------------------------------------------------------------------


def golden_accuracy(split: Splitter, cases: list[tuple[str, list[str]]]) -> tuple[int, list[int]]:
    right = 0
    wrong: list[int] = []
    for n, (text, expected) in enumerate(cases, 1):
        starts = split(text)
        bounds = [*starts, len(text)]
        got = [text[a:b].strip() for a, b in pairwise(bounds)]
        if got == [e.strip() for e in expected]:
            right += 1
        else:
            wrong.append(n)
    return right, wrong


def boundary_scores(split: Splitter, docs: list[Doc], mode: str) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for doc in docs:
        texts, golds = render(doc, mode)
        for text, gold in zip(texts, golds, strict=True):
            starts = split(text)
            first = len(text) - len(text.lstrip())  # the text's start is no boundary
            pred = set(starts) - {first}
            tp += len(pred & gold)
            fp += len(pred - gold)
            fn += len(gold - pred)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def speed(split: Splitter, docs: list[Doc], repeat: int) -> tuple[float, float]:
    """Median ms per 1,000 gold sentences and per 3,000 characters."""
    bodies = [render(d, "lines")[0][0] for d in docs]
    n_sent = sum(len(p) for d in docs for p in d.paragraphs)
    n_char = sum(len(b) for b in bodies)
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for body in bodies:
            split(body)
        runs.append(time.perf_counter() - t0)
    med = statistics.median(runs) * 1000
    return med / n_sent * 1000, med / n_char * 3000


# -- main ---------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--golden", type=Path, help="pySBD benchmarks/english_golden_rules.py")
    ap.add_argument(
        "--ud",
        nargs="+",
        action="append",
        default=[],
        metavar=("LABEL", "FILE"),
        help="a label, then CoNLL-U files (repeatable)",
    )
    ap.add_argument("--repeat", type=int, default=5, help="timing runs (median reported)")
    ap.add_argument("--only", nargs="*", help="candidates to run (default: all installed)")
    ap.add_argument("--errors", action="store_true", help="list wrong golden-rule cases")
    args = ap.parse_args(argv)

    golden = load_golden(args.golden) if args.golden else []
    sets = [(spec[0], load_conllu([Path(p) for p in spec[1:]])) for spec in args.ud]
    for label, docs in sets:
        n = sum(len(p) for d in docs for p in d.paragraphs)
        print(f"{label}: {len(docs)} documents, {n} sentences", file=sys.stderr)

    header = ["splitter"]
    if golden:
        header.append(f"golden rules ({len(golden)})")
    for label, _ in sets:
        header.append(f"{label} P / R / F1")
    if sets:
        first = sets[0][0]
        header += [f"{first} F1, {how}" for how in ("one line per paragraph", "wrapped", "tight")]
        header += ["ms / 1k sentences", "ms / 3,000 chars"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for name, make in CANDIDATES.items():
        if args.only and name not in args.only:
            continue
        try:
            split = make()
        except (ImportError, LookupError, OSError) as exc:
            print(f"skipped {name}: {type(exc).__name__}: {exc}".splitlines()[0], file=sys.stderr)
            continue
        row = [name]
        if golden:
            right, wrong = golden_accuracy(split, golden)
            row.append(f"{right}/{len(golden)} ({100 * right / len(golden):.1f}%)")
            if args.errors:
                print(f"{name} wrong golden cases: {wrong}", file=sys.stderr)
        for _, docs in sets:
            p, r, f = boundary_scores(split, docs, "para")
            row.append(f"{100 * p:.1f} / {100 * r:.1f} / {100 * f:.1f}")
        if sets:
            docs = sets[0][1]
            row.append(f"{100 * boundary_scores(split, docs, 'lines')[2]:.1f}")
            row.append(f"{100 * boundary_scores(split, docs, 'wrapped')[2]:.1f}")
            row.append(f"{100 * boundary_scores(split, docs, 'tight')[2]:.1f}")
            per_k, per_3k = speed(split, docs, args.repeat)
            row += [f"{per_k:.1f}", f"{per_3k:.2f}"]
        print("| " + " | ".join(row) + " |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
