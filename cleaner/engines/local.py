"""The local engine: map the pipeline over records, serially or in worker
processes, with outcomes in input order (so ``--jobs N`` writes the same bytes
as ``--jobs 1``).
"""

from __future__ import annotations

import multiprocessing as mp
import os
from typing import Iterable, Iterator

from cleaner.io.process import Outcome, Wire, prepare, process
from cleaner.io.records import BadRecord, Record
from cleaner.pipeline import Pipeline

_WORKER: dict[str, object] = {}


def _init_worker(pipeline: Pipeline, extractor: str, seconds: float | None = None, wire: Wire | None = None) -> None:
    # the pipeline arrives pickled once per worker, not once per record
    _WORKER["pipeline"] = pipeline
    _WORKER["extractor"] = extractor
    _WORKER["seconds"] = seconds
    _WORKER["wire"] = wire


def _work(item: Record | BadRecord) -> Outcome:
    out = process(_WORKER["pipeline"], item, _WORKER["extractor"], _WORKER.get("seconds"))  # type: ignore[arg-type]
    return prepare(out, _WORKER.get("wire"))  # type: ignore[arg-type]


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def run(pipeline: Pipeline, items: Iterable[Record | BadRecord], *, jobs: int = 1,
        extractor: str = "justext", chunksize: int = 8, seconds: float | None = None,
        wire: Wire | None = None) -> Iterator[Outcome]:
    """Outcomes for ``items``, in order; ``seconds`` is the per-record time limit.
    With ``wire``, the worker processes encode the output lines and the statistics
    (:func:`cleaner.io.process.prepare`) and send those instead of the reports: the
    parent then keeps up with many workers. (One process encodes nothing ahead:
    there is no copy to save.)"""
    if jobs <= 1:
        for item in items:
            yield process(pipeline, item, extractor, seconds)
        return
    ctx = mp.get_context("spawn" if os.name != "posix" else "forkserver")
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(pipeline, extractor, seconds, wire)) as pool:
        yield from pool.imap(_work, items, chunksize=chunksize)
