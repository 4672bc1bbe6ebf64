"""The local engine: map the pipeline over records, serially or in worker
processes, with outcomes in input order (so ``--jobs N`` writes the same bytes
as ``--jobs 1``).

A worker process that dies (the kernel's out-of-memory killer, a crash in a C
library, a ``kill -9``) does not stop or hang the run: the records that were in
flight are cleaned again, one at a time, in fresh workers; a record that takes
its worker down again becomes an error outcome naming it, and the run goes on.
A record stuck past its time limit in work the limit cannot interrupt (one long
C call) is stopped the same way, ``HARD_MARGIN`` seconds later, as a TIMEOUT.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Any, Callable, Iterable, Iterator

from cleaner.io.process import Outcome, Wire, lost, prepare, process, warm_up
from cleaner.io.records import BadRecord, Record
from cleaner.pipeline import Pipeline

_WORKER: dict[str, object] = {}
WINDOW_PER_JOB = 4  # chunks in flight per worker: enough to keep it busy, memory bounded
# a record's hard limit is the time limit plus this: for work the time limit cannot stop (one long
# C call, e.g. a regular expression backtracking), after which its worker is stopped
HARD_MARGIN = 60.0

WORKER_STALLED = ("TIMEOUT: the record was still running well past the time limit (--time-limit plus "
                  "cleaner.engines.local.HARD_MARGIN s), in work the limit cannot interrupt (a long C call); its "
                  "worker was stopped; the run goes on")
WORKER_DIED = ("the worker process died while cleaning this record (killed, e.g. by the out-of-memory killer, "
               "or crashed); it took a fresh worker down too, so it is left out; the run goes on")


def _init_worker(pipeline: Pipeline, extractor: str, seconds: float | None = None, wire: Wire | None = None) -> None:
    # the pipeline arrives pickled once per worker, not once per record
    _WORKER["pipeline"] = pipeline
    _WORKER["extractor"] = extractor
    _WORKER["seconds"] = seconds
    _WORKER["wire"] = wire
    # Ctrl-C reaches the whole process group: the main process stops the workers
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # the first record of a process loads models, data files and modules (about half a second): done
    # now, before the hard limit of ResilientPool.map counts, within the per-record limit
    warm_up(pipeline, extractor, seconds)


def _work(item: Record | BadRecord) -> Outcome:
    out = process(_WORKER["pipeline"], item, _WORKER["extractor"], _WORKER.get("seconds"))  # type: ignore[arg-type]
    return prepare(out, _WORKER.get("wire"))  # type: ignore[arg-type]


def _lost_record(item: Record | BadRecord, why: str) -> Outcome:
    return lost(item, WORKER_DIED if why == "died" else WORKER_STALLED)


def _work_chunk(chunk: list) -> list[Outcome]:
    return [_work(item) for item in chunk]


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
    pool = ResilientPool(jobs, _init_worker, (pipeline, extractor, seconds, wire))
    yield from pool.map(_work_chunk, items, chunksize, _lost_record, item_seconds=seconds)


def _noop() -> None:
    return None


def _start_worker(main_pid: int, initializer: Callable[..., None] | None, initargs: tuple) -> None:
    """Every worker: watch the main process, then the pool's own initializer."""
    import threading

    threading.Thread(target=_watch_main, args=(main_pid,), name="cleaner-main-watch", daemon=True).start()
    if initializer is not None:
        initializer(*initargs)


def _watch_main(pid: int, every: float = 1.0) -> None:
    """Exit this worker once the main process is gone (killed with SIGKILL, say):
    a worker blocked on its task queue would otherwise wait forever, holding its
    memory. (With forkserver, the worker's parent is the fork server, not the main
    process, so the parent-death signal cannot say it.)"""
    while True:
        time.sleep(every)
        if not _alive(pid):
            os._exit(3)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a process that has exited but not been reaped yet (a zombie) is gone too
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True


class ResilientPool:
    """Worker processes that survive the death of one: ``map`` sends chunks of
    items out in order, at most ``WINDOW_PER_JOB * jobs`` in flight, and yields
    ``fn(chunk)``'s results in input order. When a worker dies (``BrokenProcessPool``,
    in a result or at submit) the chunks in flight are run again one item at a
    time in fresh workers, and an item that takes a fresh worker down too gets
    ``lost(item, "died")`` instead of a result (see :meth:`map` for stalled ones)."""

    def __init__(self, jobs: int, initializer: Callable[..., None] | None = None, initargs: tuple = ()) -> None:
        self.initializer = initializer
        self.initargs = initargs
        self.jobs = jobs
        self.ctx = mp.get_context("spawn" if os.name != "posix" else "forkserver")
        self.pool: ProcessPoolExecutor | None = None
        self.restarts = 0

    def _pool(self) -> ProcessPoolExecutor:
        if self.pool is None:
            pool = ProcessPoolExecutor(self.jobs, mp_context=self.ctx, initializer=_start_worker,
                                       initargs=(os.getpid(), self.initializer, self.initargs))
            self.pool = pool
            # start the workers and wait for them: the hard limit of map() must not count their start-up
            # (bounded: a worker stuck in its warm-up is then the hard limit's to stop)
            for fut in [pool.submit(_noop) for _ in range(self.jobs)]:
                try:
                    fut.result(timeout=HARD_MARGIN)
                except TimeoutError:
                    break
        return self.pool

    def _stop(self) -> None:
        pool, self.pool = self.pool, None
        if pool is None:
            return
        procs = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for p in procs:  # do not wait for the chunks they are on (an interrupted or broken run)
            if p.is_alive():
                p.terminate()
        for p in procs:
            p.join(5)

    def map(self, fn: Callable[[list], list], items: Iterable, chunksize: int, lost: Callable[[Any, str], Any],
            item_seconds: float | None = None) -> Iterator:
        """``fn(chunk)``'s results, in order. With ``item_seconds``, a chunk that has
        not come back ``item_seconds`` per item plus ``HARD_MARGIN`` after it became
        the oldest in flight counts as stalled (a C call no time limit interrupts):
        its workers are stopped and the items in flight run again one at a time,
        each with ``item_seconds + HARD_MARGIN``. ``lost(item, why)`` gets ``"died"``
        or ``"stalled"``."""
        it = iter(items)
        window = WINDOW_PER_JOB * self.jobs
        pending: deque = deque()  # (chunk, future), in input order
        more = True
        try:
            while True:
                while more and len(pending) < window:
                    chunk = list(islice(it, chunksize))
                    if not chunk:
                        more = False
                        break
                    try:
                        fut = self._pool().submit(fn, chunk)
                    except BrokenProcessPool:  # (a worker died since the last result: submit refuses)
                        fut = None
                    pending.append((chunk, fut))
                if not pending:
                    return
                chunk, fut = pending[0]
                limit = None if item_seconds is None else item_seconds * len(chunk) + HARD_MARGIN
                try:
                    if fut is None:
                        raise BrokenProcessPool("a worker process died")
                    results = fut.result(timeout=limit)
                except (BrokenProcessPool, TimeoutError):
                    # a worker died or is stuck: every chunk in flight is lost with the pool; run them
                    # again, one item at a time, so that only the item that does it again is left out
                    suspects = [item for c, _ in pending for item in c]
                    pending.clear()
                    self._stop()
                    self.restarts += 1
                    for item in suspects:
                        yield self._alone(fn, item, lost, item_seconds)
                    continue
                pending.popleft()
                yield from results
        finally:
            self._stop()

    def _alone(self, fn: Callable[[list], list], item: Any, lost: Callable[[Any, str], Any],
               item_seconds: float | None = None) -> Any:
        """``item``'s result from a worker of its own; ``lost(item, why)`` if that
        worker dies too (``"died"``) or outlasts the hard limit (``"stalled"``)."""
        limit = None if item_seconds is None else item_seconds + HARD_MARGIN
        try:
            return self._pool().submit(fn, [item]).result(timeout=limit)[0]
        except BrokenProcessPool:
            self._stop()
            return lost(item, "died")
        except TimeoutError:
            self._stop()
            return lost(item, "stalled")
