"""The Dask engine: the same pipeline and the same per-record work as the local
engine, mapped over batches of records on a Dask cluster, outcomes in input order
(so a Dask run writes the same bytes as ``--jobs 1``).

``cleaner clean IN -o OUT --engine dask --scheduler tcp://HOST:8786`` uses a running
cluster; without ``--scheduler`` a ``distributed.LocalCluster`` with ``--jobs``
worker processes is started for the run. Reading and writing stay in the client
process (streaming, bounded memory): at most ``window`` batches are in flight.
"""

from __future__ import annotations

from collections import deque
from itertools import islice
from typing import Iterable, Iterator

from cleaner.io.process import Outcome, Wire, lost, prepare, process
from cleaner.io.records import BadRecord, Record
from cleaner.pipeline import Pipeline


def _batch_work(pipeline: Pipeline, batch: list, extractor: str, seconds: float | None,
                wire: Wire | None = None) -> list[Outcome]:
    return [prepare(process(pipeline, item, extractor, seconds), wire) for item in batch]


def run(pipeline: Pipeline, items: Iterable[Record | BadRecord], *, scheduler: str | None = None,
        jobs: int = 2, extractor: str = "justext", batch_size: int = 64, window: int | None = None,
        seconds: float | None = None, wire: Wire | None = None) -> Iterator[Outcome]:
    """Outcomes for ``items``, in order, computed on a Dask cluster (with ``wire``,
    encoded on the workers, as :func:`cleaner.engines.local.run` does)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - depends on the extra
        raise ImportError("the Dask engine needs the optional extra: pip install 'cleaner[dask]'") from exc
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        # the pipeline goes with each task (1.6 kB pickled): scattered data is lost with the workers
        # that hold it, and workers started later (a restarted one) would not have it
        n_workers = max(1, len(client.scheduler_info().get("workers", {})))
        window = window or 4 * n_workers
        it = iter(items)
        pending: deque = deque()

        def submit() -> bool:
            batch = list(islice(it, batch_size))
            if not batch:
                return False
            pending.append((batch, client.submit(_batch_work, pipeline, batch, extractor, seconds, wire,
                                                 pure=False)))
            return True

        def alone(item) -> Outcome:
            # a batch whose task failed (its workers died: KilledWorker): each record on its own
            fut = client.submit(_batch_work, pipeline, [item], extractor, seconds, wire, pure=False)
            try:
                return fut.result()[0]
            except Exception as exc:  # noqa: BLE001 - the record is an error, the run goes on
                if client.status != "running":
                    raise  # the cluster is gone, not the record
                # (the type only: the message names workers and task keys, which differ by run)
                return lost(item, f"the Dask task cleaning this record failed ({type(exc).__name__}, e.g. its "
                                  "workers died); it is left out; the run goes on")
            finally:
                fut.release()

        more = True
        while more and len(pending) < window:
            more = submit()
        while pending:
            batch, fut = pending.popleft()
            try:
                outs = fut.result()
            except Exception:  # noqa: BLE001 - e.g. KilledWorker: a record took its workers down
                if client.status != "running":
                    raise  # the cluster is gone, not a record
                outs = [alone(item) for item in batch]
            yield from outs
            fut.release()
            if more:
                more = submit()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
