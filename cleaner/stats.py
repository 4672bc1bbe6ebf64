"""Corpus-level statistics over a run: an aggregator of report dicts.

Feed it the report of every document (``Report.to_dict()``, or the ``cleaner``
field of a line of ``cleaner clean`` output); read the totals as JSON or as a
self-contained HTML page (inline SVG plots, no script, no network)::

    stats = CorpusStats()
    for report in reports:
        stats.add(report)            # text= the clean text, optional
    stats.merge(other_worker_stats)  # partial results of parallel workers add up
    stats.to_dict()                  # JSON-ready, deterministic
    stats.to_html()                  # one HTML page

>>> s = CorpusStats()
>>> s.add({"verdict": {"keep": False, "reasons": [{"code": "Q101", "reason": "too short"}],
...        "quality_score": 0.4}, "language": {"lang": "en"}, "input_chars": 20, "output_chars": 10})
>>> s.to_dict()["documents"]
{'in': 1, 'kept': 0, 'dropped': 1, 'errors': 0}
>>> s.to_dict()["drop_reasons"]
[{'code': 'Q101', 'documents': 1}]
"""

from __future__ import annotations

import html
import json
import math
from collections import Counter
from typing import Any, Iterable, Iterator, Mapping

SCHEMA = "cleaner.stats/1"
SCORE_BINS = 20  # quality_score histogram: [0, 0.05), ..., [0.95, 1]
# output length histogram: bin edges in characters (powers of 2 from 2^4 = 16)
LENGTH_EDGES = tuple(2 ** k for k in range(4, 21))
MAX_REMOVED_LINES = 20000  # distinct removed lines tracked (least frequent pruned first)
_REMOVED_LINE_CHARS = 160


# what CorpusStats counts of one document: keep, input and output characters, language,
# drop reason codes, quality score, (code, chars, count) and (filter, chars) of the
# summary, the removed lines (normalised, cut)
Digest = tuple


def digest(report: Mapping[str, Any] | None, text: str | None = None) -> Digest | None:
    """What :meth:`CorpusStats.add` counts of one report, as a small tuple (None
    for a report without a verdict: an error)."""
    verdict = (report or {}).get("verdict")
    if not isinstance(verdict, Mapping):
        return None
    assert report is not None
    out_chars = report.get("output_chars")
    if not isinstance(out_chars, int):
        out_chars = len(text) if text is not None else 0
    lang = str((report.get("language") or {}).get("lang") or "und")
    keep = bool(verdict.get("keep"))
    reasons = () if keep else tuple(sorted({str(r.get("code")) for r in verdict.get("reasons") or ()}))
    score = verdict.get("quality_score")
    if isinstance(score, (int, float)) and not isinstance(score, bool) and math.isfinite(score):
        score = min(1.0, max(0.0, float(score)))
    else:
        score = None
    summary = report.get("summary") or {}
    by_code = tuple((code, int(entry.get("chars") or 0), int(entry.get("count") or 0))
                    for code, entry in (summary.get("by_code") or {}).items())
    by_filter = tuple((name, int(entry.get("chars") or 0)) for name, entry in (summary.get("by_filter") or {}).items())
    removed = []
    for change in report.get("changes") or ():
        if change.get("action") == "removed":
            line = " ".join(str(change.get("text") or "").split())
            if line:
                removed.append(line[:_REMOVED_LINE_CHARS])
    return (keep, int(report.get("input_chars") or 0), out_chars, lang, reasons, score, by_code, by_filter,
            tuple(removed))


class CorpusStats:
    """Totals over many reports; ``add``, ``merge``, ``to_dict``, ``to_html``.

    Counts per document: in/kept/dropped/errors, drop reasons (codes, ranked),
    languages (all and kept), input/output characters, characters removed or
    replaced per filter and per code (each original character once, as in the
    report summary), the most frequent removed lines, and histograms of
    ``quality_score`` and of the output length.
    """

    def __init__(self) -> None:
        self.docs = 0
        self.kept = 0
        self.dropped = 0
        self.errors = 0
        self.input_chars = 0
        self.output_chars = 0
        self.kept_chars = 0
        self.reasons: Counter[str] = Counter()
        self.languages: Counter[str] = Counter()
        self.kept_languages: Counter[str] = Counter()
        self.removed_by_filter: Counter[str] = Counter()
        self.removed_by_code: Counter[str] = Counter()
        self.changes_by_code: Counter[str] = Counter()
        self.removed_lines: Counter[str] = Counter()
        self.score_hist = [0] * SCORE_BINS
        self.length_hist = [0] * (len(LENGTH_EDGES) + 1)
        self.score_sum = 0.0
        self.scored = 0

    # -- adding ----------------------------------------------------------------------
    def add(self, report: Mapping[str, Any] | None, text: str | None = None) -> None:
        """Count one document's report (a ``Report.to_dict()``). A report without a
        verdict (a record that could not be processed) counts as an error. ``text``
        (the clean text) is used for the output length when the report lacks it."""
        self.add_digest(digest(report, text))

    def add_digest(self, d: "Digest | None") -> None:
        """Count one document from its :func:`digest` (None: an error). The worker
        processes of ``cleaner clean`` send digests instead of whole reports."""
        self.docs += 1
        if d is None:
            self.errors += 1
            return
        keep, input_chars, out_chars, lang, reasons, score, by_code, by_filter, removed = d
        self.input_chars += input_chars
        self.output_chars += out_chars
        self.languages[lang] += 1
        if keep:
            self.kept += 1
            self.kept_chars += out_chars
            self.kept_languages[lang] += 1
        else:
            self.dropped += 1
            for code in reasons:
                self.reasons[code] += 1
        if score is not None:
            self.score_hist[min(SCORE_BINS - 1, int(score * SCORE_BINS))] += 1
            self.score_sum += score
            self.scored += 1
        self.length_hist[_length_bin(out_chars)] += 1
        for code, chars, count in by_code:
            self.removed_by_code[code] += chars
            self.changes_by_code[code] += count
        for name, chars in by_filter:
            self.removed_by_filter[name] += chars
        if removed:
            self.removed_lines.update(removed)  # (one call per document, not one per line)
            self._prune()

    def _count_line(self, line: str) -> None:
        self.removed_lines[line] += 1
        self._prune()

    def _prune(self) -> None:
        if len(self.removed_lines) > MAX_REMOVED_LINES:
            # keep the most frequent half: an approximation for very large runs
            keep = self.removed_lines.most_common(MAX_REMOVED_LINES // 2)
            self.removed_lines = Counter(dict(keep))

    def merge(self, other: "CorpusStats") -> "CorpusStats":
        """Add ``other``'s counts to these (for parallel workers); returns self."""
        for name in ("docs", "kept", "dropped", "errors", "input_chars", "output_chars", "kept_chars",
                     "score_sum", "scored"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in ("reasons", "languages", "kept_languages", "removed_by_filter", "removed_by_code",
                     "changes_by_code"):
            getattr(self, name).update(getattr(other, name))
        for line, n in other.removed_lines.items():
            self.removed_lines[line] += n
        if len(self.removed_lines) > MAX_REMOVED_LINES:
            self.removed_lines = Counter(dict(self.removed_lines.most_common(MAX_REMOVED_LINES // 2)))
        self.score_hist = [a + b for a, b in zip(self.score_hist, other.score_hist)]
        self.length_hist = [a + b for a, b in zip(self.length_hist, other.length_hist)]
        return self

    # -- views -----------------------------------------------------------------------
    def to_dict(self, top: int = 25) -> dict[str, Any]:
        """The statistics as plain JSON (deterministic: ties sorted by name)."""
        return {
            "schema": SCHEMA,
            "documents": {"in": self.docs, "kept": self.kept, "dropped": self.dropped, "errors": self.errors},
            "characters": {"in": self.input_chars, "out": self.output_chars, "kept": self.kept_chars,
                           "removed_share": round(1 - self.output_chars / self.input_chars, 4)
                           if self.input_chars else 0.0},
            "drop_reasons": [{"code": c, "documents": n} for c, n in _ranked(self.reasons)],
            "languages": [{"lang": lang, "documents": n, "kept": self.kept_languages.get(lang, 0)}
                          for lang, n in _ranked(self.languages)],
            "chars_by_filter": dict(_ranked(self.removed_by_filter)),
            "chars_by_code": {c: {"chars": n, "changes": self.changes_by_code[c]}
                                      for c, n in _ranked(self.removed_by_code)},
            "top_removed_lines": [{"line": line, "count": n} for line, n in _ranked(self.removed_lines)[:top]],
            "quality_score": {
                "mean": round(self.score_sum / self.scored, 4) if self.scored else None,
                "histogram": {"bin_width": 1 / SCORE_BINS, "counts": list(self.score_hist)},
            },
            "output_length": {"edges": list(LENGTH_EDGES), "counts": list(self.length_hist)},
        }

    def to_json(self, top: int = 25) -> str:
        return json.dumps(self.to_dict(top), indent=2, ensure_ascii=False) + "\n"

    def summary_lines(self, top: int = 10) -> list[str]:
        """A short text summary (what ``cleaner stats`` and ``cleaner clean`` print)."""
        d = self.to_dict(top)
        docs, chars = d["documents"], d["characters"]
        out = [f"documents: {docs['in']} in, {docs['kept']} kept, {docs['dropped']} dropped, "
               f"{docs['errors']} errors",
               f"characters: {chars['in']} in, {chars['out']} out ({chars['removed_share']:.1%} removed)"]
        if d["drop_reasons"]:
            out.append("drop reasons: " + ", ".join(f"{r['code']} {r['documents']}"
                                                    for r in d["drop_reasons"][:top]))
        if d["languages"]:
            out.append("languages: " + ", ".join(f"{x['lang']} {x['documents']}" for x in d["languages"][:top]))
        if d["chars_by_filter"]:
            out.append("characters removed/replaced by filter: " + ", ".join(
                f"{k} {v}" for k, v in d["chars_by_filter"].items()))
        return out

    def to_html(self, title: str = "cleaner corpus statistics", top: int = 25) -> str:
        """One self-contained HTML page: tables and inline SVG bar charts (no script,
        no external resource), readable offline."""
        d = self.to_dict(top)
        docs, chars = d["documents"], d["characters"]
        score_labels = [f"{i / SCORE_BINS:.2f}" for i in range(SCORE_BINS)]
        length_labels = ["<16"] + [f"≥{_short(e)}" for e in LENGTH_EDGES]
        parts = [
            "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
            f"<title>{_e(title)}</title>", f"<style>{_CSS}</style></head><body>",
            f"<h1>{_e(title)}</h1>",
            '<div class="cards">',
            _card("documents in", docs["in"]), _card("kept", docs["kept"]), _card("dropped", docs["dropped"]),
            _card("errors", docs["errors"]), _card("characters removed", f"{chars['removed_share']:.1%}"),
            _card("mean quality_score", "–" if d["quality_score"]["mean"] is None else d["quality_score"]["mean"]),
            "</div>",
            "<h2>Drop reasons</h2>",
            _hbars([(r["code"], r["documents"]) for r in d["drop_reasons"][:top]], "documents"),
            "<h2>Languages</h2>",
            _hbars([(x["lang"], x["documents"]) for x in d["languages"][:top]], "documents"),
            "<h2>quality_score</h2>",
            _vbars(list(zip(score_labels, d["quality_score"]["histogram"]["counts"])), "documents"),
            "<h2>Output length (characters)</h2>",
            _vbars(list(zip(length_labels, d["output_length"]["counts"])), "documents"),
            "<h2>Characters removed or replaced, by filter</h2>",
            _hbars(list(d["chars_by_filter"].items()), "characters"),
            "<h2>Characters removed or replaced, by code</h2>",
            _table(["code", "characters", "changes"],
                   [(c, v["chars"], v["changes"]) for c, v in d["chars_by_code"].items()]),
            "<h2>Most frequent removed lines</h2>",
            _table(["count", "line"], [(x["count"], x["line"]) for x in d["top_removed_lines"]]),
            "</body></html>",
        ]
        return "\n".join(parts) + "\n"


def read_reports(lines: Iterable[str], report_field: str = "cleaner",
                 text_field: str = "text") -> Iterator[tuple[dict[str, Any] | None, str | None]]:
    """``(report, text)`` of each JSONL line of ``cleaner clean`` output (or of a
    file of bare reports); a line that is not JSON gives ``(None, None)``.

    >>> list(read_reports(['{"text": "a", "cleaner": {"verdict": {"keep": true}}}', 'oops']))
    [({'verdict': {'keep': True}}, 'a'), (None, None)]
    """
    for line in lines:
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except ValueError:
            yield None, None
            continue
        if not isinstance(rec, dict):
            yield None, None
            continue
        report = rec.get(report_field)
        if not isinstance(report, dict) and "verdict" in rec:
            report = rec
        text = rec.get(text_field)
        yield (report if isinstance(report, dict) else None), (text if isinstance(text, str) else None)


# -- helpers -----------------------------------------------------------------------------
def _ranked(counter: Mapping[str, int]) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))


def _length_bin(n: int) -> int:
    """Index of the output-length bin of ``n`` characters.

    >>> _length_bin(0), _length_bin(16), _length_bin(100), _length_bin(10**9)
    (0, 1, 3, 17)
    """
    i = 0
    while i < len(LENGTH_EDGES) and n >= LENGTH_EDGES[i]:
        i += 1
    return i


def _short(n: int) -> str:
    return f"{n // 1024}k" if n >= 1024 else str(n)


def _e(x: Any) -> str:
    return html.escape(str(x), quote=True)


def _card(label: str, value: Any) -> str:
    return f'<div class="card"><div class="v">{_e(value)}</div><div class="l">{_e(label)}</div></div>'


def _table(head: list[str], rows: list[tuple[Any, ...]]) -> str:
    if not rows:
        return "<p>none</p>"
    out = ["<table><tr>" + "".join(f"<th>{_e(h)}</th>" for h in head) + "</tr>"]
    for row in rows:
        out.append("<tr>" + "".join(f"<td>{_e(v)}</td>" for v in row) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def _hbars(items: list[tuple[str, int]], unit: str) -> str:
    """Horizontal bar chart as inline SVG."""
    if not items:
        return "<p>none</p>"
    top = max(v for _, v in items) or 1
    row, label_w, bar_w = 22, 160, 420
    h = row * len(items) + 4
    out = [f'<svg class="chart" width="{label_w + bar_w + 90}" height="{h}" role="img" '
           f'aria-label="bar chart ({_e(unit)})">']
    for i, (label, v) in enumerate(items):
        y = i * row + 2
        w = max(1, round(bar_w * v / top)) if v else 0
        out.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{_e(label)}</text>'
                   f'<rect x="{label_w}" y="{y + 3}" width="{w}" height="{row - 6}"><title>{_e(label)}: '
                   f'{v} {_e(unit)}</title></rect>'
                   f'<text x="{label_w + w + 6}" y="{y + 15}">{v}</text>')
    out.append("</svg>")
    return "".join(out)


def _vbars(items: list[tuple[str, int]], unit: str) -> str:
    """Histogram (vertical bars) as inline SVG."""
    top = max((v for _, v in items), default=0) or 1
    col, plot_h = 34, 160
    w = col * len(items) + 10
    out = [f'<svg class="chart" width="{w}" height="{plot_h + 60}" role="img" '
           f'aria-label="histogram ({_e(unit)})">']
    for i, (label, v) in enumerate(items):
        x = i * col + 5
        bh = round(plot_h * v / top) if v else 0
        out.append(f'<rect x="{x}" y="{plot_h - bh + 14}" width="{col - 6}" height="{bh}"><title>{_e(label)}: '
                   f'{v} {_e(unit)}</title></rect>'
                   f'<text x="{x + (col - 6) / 2}" y="{plot_h - bh + 10}" text-anchor="middle">{v or ""}</text>'
                   f'<text x="{x + (col - 6) / 2}" y="{plot_h + 30}" text-anchor="end" '
                   f'transform="rotate(-45 {x + (col - 6) / 2} {plot_h + 30})">{_e(label)}</text>')
    out.append("</svg>")
    return "".join(out)


_CSS = ("body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:60em}"
        "h2{margin-top:1.6em;border-bottom:1px solid #ddd}"
        ".cards{display:flex;flex-wrap:wrap;gap:1em}.card{border:1px solid #ccc;border-radius:6px;"
        "padding:.6em 1em;min-width:8em}.card .v{font-size:1.6em;font-weight:600}.card .l{color:#666}"
        ".chart{font-size:12px}.chart rect{fill:#4a7fb5}table{border-collapse:collapse}"
        "td,th{border:1px solid #ddd;padding:.2em .5em;text-align:left;vertical-align:top}"
        "td{max-width:50em;overflow-wrap:anywhere}")
