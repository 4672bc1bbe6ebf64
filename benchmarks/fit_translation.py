"""Fit the translation model (logistic regression over function-word rates) on
``shared/mt/dev.jsonl`` and write ``cleaner/data/translation/model.json``.

Cross-validated first (5 folds, grouped by source document so that a document's
human and machine translations never sit on both sides), so the printed AUCs are
honest; then fitted on everything. Pure Python, deterministic::

    .venv/bin/python -m benchmarks.fit_translation            # CV report + write model.json
    .venv/bin/python -m benchmarks.fit_translation --dry-run  # CV report only
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
from pathlib import Path

from benchmarks._scoring import SHARED

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "cleaner" / "data" / "translation" / "model.json"
MIN_SENTENCES = 5
L2 = 40.0  # chosen by the cross-validated AUC among 1, 10, 40, 100, 250


def load() -> list[dict]:
    return [json.loads(x) for x in (SHARED / "mt" / "dev.jsonl").read_text(encoding="utf-8").splitlines()]


def group(rec: dict) -> str:
    """Source document: translations of one source share it (id minus the label)."""
    parts = rec["id"].split(":")
    return ":".join(parts[:-1]) if len(parts) > 1 else rec["id"]


def fit(X: list[list[float]], y: list[int], l2: float = L2, iters: int = 3000, lr: float = 0.1):
    """L2-regularised logistic regression by full-batch gradient descent (standardised X)."""
    n, d = len(X), len(X[0])
    w, b = [0.0] * d, 0.0
    for _ in range(iters):
        gw, gb = [0.0] * d, 0.0
        for xi, yi in zip(X, y):
            z = b + sum(wj * xj for wj, xj in zip(w, xi))
            p = 1 / (1 + math.exp(-max(-40, min(40, z))))
            g = p - yi
            gb += g
            for j in range(d):
                gw[j] += g * xi[j]
        b -= lr * gb / n
        for j in range(d):
            w[j] -= lr * (gw[j] / n + l2 * w[j] / n)
    return w, b


def auc(scores: list[float], labels: list[int]) -> float:
    pos = [s for s, l in zip(scores, labels) if l]
    neg = [s for s, l in zip(scores, labels) if not l]
    if not pos or not neg:
        return float("nan")
    wins = sum((p > q) + 0.5 * (p == q) for p in pos for q in neg)
    return wins / (len(pos) * len(neg))


def standardise(rows: list[dict], names: list[str]):
    stats = {}
    for nm in names:
        vals = [r[nm] for r in rows]
        mean = sum(vals) / len(vals)
        std = math.sqrt(sum((v - mean) ** 2 for v in vals) / len(vals)) or 1.0
        stats[nm] = (mean, std)
    return stats


def matrix(rows, names, stats):
    return [[(r[nm] - stats[nm][0]) / stats[nm][1] for nm in names] for r in rows]


def main(argv: list[str] | None = None) -> None:
    from cleaner.filters.translation import features

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dry-run", action="store_true")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--l2", type=float, default=L2)
    args = ap.parse_args(argv)
    recs = load()
    feats = [features(r["text"]) for r in recs]
    names = [k for k in feats[0] if k not in ("n_words", "n_sentences")]
    y = [0 if r["label"] == "original" else 1 for r in recs]
    fold = [int(hashlib.sha1(group(r).encode()).hexdigest(), 16) % args.folds for r in recs]
    cv = [0.0] * len(recs)
    for k in range(args.folds):
        tr = [i for i in range(len(recs)) if fold[i] != k]
        te = [i for i in range(len(recs)) if fold[i] == k]
        stats = standardise([feats[i] for i in tr], names)
        w, b = fit(matrix([feats[i] for i in tr], names, stats), [y[i] for i in tr], l2=args.l2)
        for i, row in zip(te, matrix([feats[i] for i in te], names, stats)):
            cv[i] = b + sum(wj * xj for wj, xj in zip(w, row))
    print(f"{len(recs)} texts; {args.folds}-fold cross-validation grouped by source document\n")
    print("| comparison | unit | n | ROC AUC (cross-validated) |")
    print("|---|---|---|---|")
    for lab in ("machine_translation", "human_translation"):
        for unit in ("doc", "chunk10", "all"):
            idx = [i for i, r in enumerate(recs) if r["label"] in ("original", lab)
                   and (unit == "all" or r["unit"] == unit)]
            a = auc([cv[i] for i in idx], [int(recs[i]["label"] == lab) for i in idx])
            print(f"| {lab} vs original | {unit} | {len(idx)} | {a:.3f} |")
    stats = standardise(feats, names)
    w, b = fit(matrix(feats, names, stats), y, l2=args.l2)
    ranked = sorted(zip(names, w), key=lambda x: -abs(x[1]))
    print("\nlargest weights (fitted on all; positive = more typical of translations):")
    for nm, wj in ranked[:12]:
        print(f"  {nm:20} {wj:+.3f}")
    if args.dry_run:
        return
    model = {
        "_comment": "Logistic regression over standardised features (cleaner.filters.translation.features), "
                    "fitted by benchmarks/fit_translation.py on shared/mt/dev.jsonl (translated = 1). "
                    "features: name -> [mean, std, weight].",
        "min_sentences": MIN_SENTENCES, "intercept": round(b, 6),
        "features": {nm: [round(stats[nm][0], 6), round(stats[nm][1], 6), round(wj, 6)] for nm, wj in zip(names, w)},
    }
    MODEL.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"\nwrote {MODEL.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
