"""Measure HTML main-content extraction and boilerplate marking on trafilatura's gold set.

Data: the evaluation set shipped in trafilatura's repository (github.com/adbar/trafilatura,
``tests/evaldata.json`` with the cached pages of ``tests/eval/`` and ``tests/cache/``): for each
page, text snippets that must be in the extracted text ("with") and must not be ("without").
Copy those three into DATA_DIR (kept outside this repository) and run::

    python bench/eval_extraction.py DATA_DIR [--limit N] [--english] [--variants]

Scoring follows trafilatura's own evaluation (whitespace-normalised substring matching): a
"with" snippet found is a true positive, missed a false negative; a "without" snippet found is a
false positive, absent a true negative. Reported, per method:

* ``trafilatura``      - ``trafilatura.extract`` with the options newsreader uses (reference);
* ``extract_html``     - newsreader's ``extract_html``: headline + body;
* ``+boilerplate``     - the same, minus the lines ``boilerplate_spans`` marks (what alignment
  sees); the difference to ``extract_html`` says whether line marking helps or hurts;
* ``page text``        - every text block of the page as a line (``html_to_text``), the
  no-extraction floor, and ``page+boilerplate``, that floor minus marked lines (rules alone).

Also prints the median extraction time per page, and how many snippets marking removed.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newsreader.core.boilerplate import boilerplate_spans  # noqa: E402
from newsreader.errors import InputError  # noqa: E402
from newsreader.ingest import extract_html  # noqa: E402
from newsreader.ingest.html import html_to_text  # noqa: E402

_LANG = re.compile(rb"<html[^>]*\blang\s*=\s*[\"']?en", re.I)


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    times: list[float] = field(default_factory=list)

    def add(self, item: dict[str, list[str]], text: str | None) -> None:
        found = norm(text) if text else ""
        tp = sum(1 for w in item["with"] if norm(w) in found)
        fp = sum(1 for w in item["without"] if norm(w) in found)
        self.tp += tp
        self.fp += fp
        self.fn += len(item["with"]) - tp
        self.tn += len(item["without"]) - fp

    def row(self, name: str) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        acc = (self.tp + self.tn) / max(1, self.tp + self.tn + self.fp + self.fn)
        ms = f"{statistics.median(self.times) * 1000:8.1f}" if self.times else "       -"
        return f"| {name:<18} | {p:.3f} | {r:.3f} | {f1:.3f} | {acc:.3f} | {ms} |"


def without_boilerplate(text: str, title: str | None = None) -> str:
    spans = boilerplate_spans(text, title=title)
    out, pos = [], 0
    for s, e in spans:
        out.append(text[pos:s])
        pos = e
    out.append(text[pos:])
    return "".join(out)


def page_text(html: bytes) -> str:
    """Every text block of the page, one per line (html2txt would give one long line)."""
    from newsreader.ingest.detect import decode

    try:
        return html_to_text(decode(html, "page"))
    except InputError:
        return ""


def ours(html: bytes, url: str) -> tuple[str, str] | None:
    try:
        a = extract_html(html, url=url)
    except InputError:
        return None
    return a.title, a.body


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data_dir", type=Path, help="folder with evaldata.json, eval/ and cache/")
    ap.add_argument("--limit", type=int, default=0, help="score only the first N pages")
    ap.add_argument("--english", action="store_true", help="only pages declaring lang=en")
    ap.add_argument(
        "--variants",
        action="store_true",
        help="also score trafilatura with favor_precision / favor_recall (why we keep defaults)",
    )
    args = ap.parse_args(argv)

    import trafilatura

    gold = json.loads((args.data_dir / "evaldata.json").read_text(encoding="utf-8"))
    items: list[tuple[str, dict[str, list[str]], bytes]] = []
    for url in sorted(gold):
        item = gold[url]
        candidates = [args.data_dir / d / item["file"] for d in ("cache", "eval")]
        path = next((p for p in candidates if p.is_file()), None)
        if path is None:
            continue
        html = path.read_bytes()
        if args.english and not _LANG.search(html[:5000]):
            continue
        items.append((url, item, html))
    if args.limit:
        items = items[: args.limit]

    names = ["trafilatura", "extract_html", "+boilerplate", "page text", "page+boilerplate"]
    variants = {
        "favor_precision": {"favor_precision": True},
        "favor_recall": {"favor_recall": True},
    }
    if args.variants:
        names[1:1] = list(variants)
    scores = {n: Score() for n in names}
    removed_with = removed_without = 0

    def timed(name: str, fn: Callable[..., object], *args: object, **kw: object) -> object:
        t0 = time.perf_counter()
        result = fn(*args, **kw)
        scores[name].times.append(time.perf_counter() - t0)
        return result

    for url, item, html in items:
        ref = timed(
            "trafilatura",
            trafilatura.extract,
            html,
            url=url,
            include_comments=False,
            include_tables=True,
        )
        scores["trafilatura"].add(item, ref if isinstance(ref, str) else None)
        for variant, options in variants.items() if args.variants else ():
            text = timed(
                variant,
                trafilatura.extract,
                html,
                url=url,
                include_comments=False,
                include_tables=True,
                **options,
            )
            scores[variant].add(item, text if isinstance(text, str) else None)
        got = timed("extract_html", ours, html, url)
        if got is None:
            scores["extract_html"].add(item, None)
            scores["+boilerplate"].add(item, None)
        else:
            title, body = got  # type: ignore[misc]
            full = f"{title}\n{body}"
            kept = f"{title}\n{without_boilerplate(body, title)}"
            scores["extract_html"].add(item, full)
            scores["+boilerplate"].add(item, kept)
            nf, nk = norm(full), norm(kept)
            removed_with += sum(1 for w in item["with"] if norm(w) in nf and norm(w) not in nk)
            removed_without += sum(
                1 for w in item["without"] if norm(w) in nf and norm(w) not in nk
            )
        page = page_text(html)
        scores["page text"].add(item, page)
        scores["page+boilerplate"].add(item, without_boilerplate(page))

    print(f"pages scored: {len(items)} (data: {args.data_dir})")
    print("| method             | prec. | recall|  F1   | acc.  | ms/page  |")
    print("|--------------------|-------|-------|-------|-------|----------|")
    for name in names:
        print(scores[name].row(name))
    print(
        f"boilerplate marking after extract_html removed {removed_without} 'without' snippets "
        f"(good) and {removed_with} 'with' snippets (bad)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
