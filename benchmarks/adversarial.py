"""The default pipeline on adversarial documents: does time grow linearly with size?

Each family of ``tests/hostile/families.py`` (one repeated shape: a long run of one
character, thousands of credit lines, one huge line of mojibake, ...) is cleaned at
scale ``k`` and ``--factor`` x ``k``; the best of ``--reps`` runs is kept. A family is
flagged when the time grows more than ``--flag`` x for the size factor (linear is
about the factor, quadratic its square) and the large run takes over 0.2 s. Each
family runs in a child process with a time limit (``--timeout`` seconds), so a
family that stalls is reported as such and the run goes on::

    .venv/bin/python -m benchmarks.adversarial [--k 1] [--factor 4] [FAMILY ...]

Reads nothing from ``../shared/``.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import sys
import time

from tests.hostile.families import FAMILIES, build


def _measure(name: str, k: float, factor: float, reps: int, out) -> None:
    from cleaner import default_pipeline

    pipe = default_pipeline()
    pipe("warm up: The council approved the budget.")
    rows = []
    for scale in (k, k * factor):
        text = build(name, scale)
        best = float("inf")
        for _ in range(reps):
            t0 = time.perf_counter()
            pipe(text)
            best = min(best, time.perf_counter() - t0)
        rows.append((len(text), best))
    out.put(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("families", nargs="*", help=f"families to run (default: all {len(FAMILIES)})")
    ap.add_argument("--k", type=float, default=1.0, help="scale of the small document (1: 10-110 kB)")
    ap.add_argument("--factor", type=float, default=4.0, help="size factor of the large document")
    ap.add_argument("--reps", type=int, default=2, help="runs per size; the best is kept")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds per family")
    ap.add_argument("--flag", type=float, default=None,
                    help="flag a time ratio above this (default: 1.75 x the size factor)")
    args = ap.parse_args(argv)
    unknown = [f for f in args.families if f not in FAMILIES]
    if unknown:
        ap.error(f"unknown families: {', '.join(unknown)} (known: {', '.join(FAMILIES)})")
    flag = args.flag if args.flag is not None else 1.75 * args.factor
    ctx = mp.get_context("spawn")
    print(f"| family | chars | s | chars x{args.factor:g} | s | time ratio | |")
    print("|---|---|---|---|---|---|---|")
    bad = 0
    for name in args.families or FAMILIES:
        q = ctx.Queue()
        p = ctx.Process(target=_measure, args=(name, args.k, args.factor, args.reps, q))
        p.start()
        p.join(args.timeout)
        if p.is_alive():
            p.kill()
            p.join()
            print(f"| {name} | | | | | | STALLED (over {args.timeout:g} s) |", flush=True)
            bad += 1
            continue
        if p.exitcode != 0 or q.empty():
            print(f"| {name} | | | | | | CRASHED (exit {p.exitcode}) |", flush=True)
            bad += 1
            continue
        (n1, t1), (n2, t2) = q.get()
        ratio = t2 / max(t1, 1e-4)
        mark = "SUPERLINEAR" if ratio > flag and t2 > 0.2 else ""
        bad += bool(mark)
        print(f"| {name} | {n1} | {t1:.3f} | {n2} | {t2:.3f} | {ratio:.1f} | {mark} |", flush=True)
    print(f"\n{bad} of {len(args.families or FAMILIES)} families flagged (ratio over {flag:g} and over 0.2 s, "
          "stalled or crashed)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
