"""Translation filter benchmark.

On ``shared/mt/dev.jsonl``: ROC AUC of ``translation_score`` (machine- and human-
translated vs original English), precision/recall of TR901 at the default
threshold, the fire rate of each span rule on originals (false positives), and the
time per document. On the English pages of ``shared/pages/dev`` (native pages):
the share over the threshold. The shipped model was fitted on mt/dev, so its
figures here are in-sample (optimistic); the benchmark therefore also runs the
whole filter **cross-fitted**: each of the 5 folds of ``fit_translation`` (grouped
by source document) is scored by a model fitted on the other four, with the
shipped hyper-parameters and calibration. The nested-CV AUCs of the model alone are
printed by ``python -m benchmarks.fit_translation --dry-run``::

    .venv/bin/python -m benchmarks.translation
"""

from __future__ import annotations

import json
from pathlib import Path
import time
from collections import Counter

from benchmarks._scoring import PAGES, SHARED
from benchmarks.fit_translation import auc


def _run(pipe, texts):
    scores, flags, fired = [], [], []
    for t in texts:
        res = pipe(t)
        scores.append(res.report.scores.get("translation_score", 0.0))
        codes = [c.code for c in res.report.changes]
        flags.append("TR901" in codes)
        fired.append({c for c in codes if c.startswith("TR") and c != "TR901"})
    return scores, flags, fired


def _cross_fitted(recs, pipe):
    """Scores of the whole filter, each fold scored by a model fitted without it."""
    import numpy as np

    import cleaner.filters.translation as tr
    from benchmarks import fit_translation as ft

    original = tr.model
    shipped = original()
    feats = [tr.features(r["text"]) for r in recs]
    y = np.array([0 if r["label"] == "original" else 1 for r in recs], float)
    folds = [ft.fold_of(ft.group(r), 5) for r in recs]
    scores, flags = [0.0] * len(recs), [False] * len(recs)
    try:
        for k in range(5):
            tr_idx = [i for i in range(len(recs)) if folds[i] != k]
            te_idx = [i for i in range(len(recs)) if folds[i] == k]
            names, mu, sd, w, b = ft.train(feats, y, tr_idx, shipped["bigrams"], shipped["l2"])
            m = dict(shipped, intercept=b, features={n: [float(a), float(s), float(c)]
                                                     for n, a, s, c in zip(names, mu, sd, w)})
            tr.model = lambda m=m: m
            s, f, _ = _run(pipe, [recs[i]["text"] for i in te_idx])
            for i, si, fi in zip(te_idx, s, f):
                scores[i], flags[i] = si, fi
    finally:
        tr.model = original
    return scores, flags


def _table(recs, scores, flags, title):
    print(f"| comparison | ROC AUC ({title}) | TR901 precision | TR901 recall |")
    print("|---|---|---|---|")
    for lab in ("machine_translation", "human_translation"):
        idx = [i for i, r in enumerate(recs) if r["label"] in ("original", lab)]
        y = [recs[i]["label"] == lab for i in idx]
        a = auc([scores[i] for i in idx], [int(v) for v in y])
        tp = sum(flags[i] and v for i, v in zip(idx, y))
        fp = sum(flags[i] and not v for i, v in zip(idx, y))
        prec = tp / (tp + fp) if tp + fp else float("nan")
        rec = tp / sum(y)
        print(f"| {lab} vs original | {a:.3f} | {prec:.2f} | {rec:.2f} |")
    orig = [i for i, r in enumerate(recs) if r["label"] == "original"]
    print(f"originals over the threshold: {sum(flags[i] for i in orig)} of {len(orig)}\n")


def main() -> None:
    from cleaner import Pipeline, clean
    from cleaner.filters.translation import Translation

    thr = Translation().threshold
    recs = [json.loads(x) for x in (SHARED / "mt" / "dev.jsonl").read_text(encoding="utf-8").splitlines()]
    pipe = Pipeline.from_config({"filters": ["encoding", "language", "translation"]})
    t0 = time.perf_counter()
    scores, flags, fired = _run(pipe, [r["text"] for r in recs])
    per_doc = (time.perf_counter() - t0) / len(recs)
    print(f"{len(recs)} texts of shared/mt/dev.jsonl; threshold {thr}\n")
    cscores, cflags = _cross_fitted(recs, pipe)
    _table(recs, cscores, cflags, "whole filter, cross-fitted: honest")
    _table(recs, scores, flags, "shipped model, fitted on these texts: in-sample")
    orig = [i for i, r in enumerate(recs) if r["label"] == "original"]
    any_span = sum(bool(fired[i]) for i in orig) / len(orig)
    per_rule = Counter(c for i in orig for c in fired[i])
    print(f"\nspan rules firing on originals: {any_span:.3f} of {len(orig)} documents "
          f"({', '.join(f'{c} {n}' for c, n in sorted(per_rule.items())) or 'none'})")
    trans = [i for i, r in enumerate(recs) if r["label"] != "original"]
    per_rule_t = Counter(c for i in trans for c in fired[i])
    print(f"span rules on translations: {sum(bool(fired[i]) for i in trans) / len(trans):.3f} of {len(trans)} "
          f"({', '.join(f'{c} {n}' for c, n in sorted(per_rule_t.items())) or 'none'})")
    print(f"time per document: {per_doc * 1000:.1f} ms (encoding + language + translation)")

    # native English pages: how many go over the threshold?
    labels = [json.loads(x) for x in (PAGES / "labels.jsonl").read_text(encoding="utf-8").splitlines()]
    over = n = 0
    for lab in labels:
        text = (PAGES / "text" / f"{lab['name']}.txt").read_text(encoding="utf-8", errors="replace")
        res = clean(text)
        if res.report.language.get("lang") != "en":
            continue
        n += 1
        over += res.report.scores.get("translation_score", 0.0) >= thr
    print(f"\nEnglish dev pages (native web pages) over the threshold: {over} of {n} ({over / max(n, 1):.2f})")
    seed = next((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))
    res = clean(seed.read_text(encoding="utf-8"))
    print(f"seed: translation_score {res.report.scores.get('translation_score')} "
          f"({res.report.to_dict()['annotations']['translation']['families']})")


if __name__ == "__main__":
    main()
