"""Dask entry points: clean a ``dask.bag`` of records or a ``dask.dataframe``
column with a cleaner pipeline, partition by partition (optional extra
``cleaner[dask]``).

>>> import dask.bag as db                                   # doctest: +SKIP
>>> from distributed import Client                          # doctest: +SKIP
>>> client = Client("tcp://scheduler:8786")                 # doctest: +SKIP
>>> from cleaner.dask import clean_bag                      # doctest: +SKIP
>>> bag = db.read_text("shards/*.jsonl").map(json.loads)   # doctest: +SKIP
>>> clean_bag(bag).filter(lambda r: r["cleaner"]["verdict"]["keep"]).map(json.dumps).to_textfiles("out/*.jsonl")  # doctest: +SKIP

Each record goes through the same per-record work as ``cleaner clean``
(:func:`cleaner.io.process.process`): the same clean text and report as the local
engine, and a record that cannot be cleaned (no text, a failing filter) gets an
``{"error": ...}`` report instead of failing its partition. The pipeline is
pickled into the task graph once; workers build nothing per record. Every
worker needs the same cleaner version as the client.

A record that kills its worker process (the out-of-memory killer, a crash in C
code) does not fail the whole computation either, on a ``distributed`` cluster:
Dask runs the partition's task again on another worker, and that attempt notes
in the scheduler's metadata (one small entry per partition task, cleared when it
finishes) which record it is working on. A record that kills the worker of such
a second attempt too becomes an error record (:data:`WORKER_DIED`) and the third
attempt skips it, so one such record per partition costs two worker restarts.
Dask gives up on a task after ``distributed.scheduler.allowed-failures`` (3)
deaths, and a death also counts against the tasks waiting on that worker: with
several such records in one computation, raise it (``dask.config.set``). The first
attempt of each partition talks to the scheduler only at its start and end; on
the ``sync``, threaded and ``processes`` schedulers there is no guard (no
scheduler to keep the note).
"""

from __future__ import annotations

import json
import uuid
from typing import Any, Iterable, Iterator

from cleaner.io.process import ERROR, KEPT, lost, process
from cleaner.io.records import BadRecord, ReadOptions, Record, record_from_fields
from cleaner.pipeline import Pipeline, default_pipeline


WORKER_DIED = ("the Dask worker died while cleaning this record (killed, e.g. by the out-of-memory killer, or "
               "crashed), in the partition's second attempt too; it is left out; the other records of the "
               "partition are cleaned")


class _Guard:
    """Which record of a partition its task is on, kept in the scheduler's
    metadata under ``("cleaner-guard", run, task key)`` so that the next
    attempt of a task whose worker died knows which record to leave out.

    The first attempt writes only that it started (and clears it at the end);
    a later attempt (the entry is there) writes the index of each record before
    cleaning it, and skips the records an earlier attempt died on."""

    def __init__(self, run: str):
        self.client = None
        self.careful = False
        self.skip: set[int] = set()
        try:
            from distributed import get_client, get_worker

            worker = get_worker()  # ValueError outside a distributed worker
            self.key = ["cleaner-guard", run, str(worker.get_current_task())]
            self.client = get_client()
        except (ImportError, ValueError):
            return
        try:
            state = self.client.get_metadata(self.key, None)
        except Exception:  # noqa: BLE001 - no note to read: clean without the guard
            self.client = None
            return
        if state is not None:  # an earlier attempt of this task did not finish: its worker died
            self.careful = True
            self.skip = set(state.get("skip", ()))
            if state.get("at") is not None:
                self.skip.add(state["at"])
        self._note(None)

    def _note(self, at: int | None) -> None:
        self._set({"skip": sorted(self.skip), "at": at})

    def _set(self, value: dict[str, Any] | None) -> None:
        # the guard is an extra: a scheduler that does not answer costs it, not the records
        if self.client is None:
            return
        try:
            self.client.set_metadata(self.key, value)
        except Exception:  # noqa: BLE001
            self.client = None
            self.careful = False

    def each(self, items: Iterable[Any], clean, left_out) -> Iterator[Any]:
        """``clean(item)`` for each item, ``left_out(item)`` for those an earlier
        attempt died on (lazily; the callers make lists)."""
        for i, item in enumerate(items):
            if i in self.skip:
                yield left_out(item)
                continue
            if self.careful:
                self._note(i)
            yield clean(item)
        self._set(None)  # done: the entry is cleared


def _clean_record(rec: Any, pipeline: Pipeline, options: ReadOptions, report_field: str, source: str,
                  extractor: str, time_limit: float | None = None) -> dict[str, Any]:
    if isinstance(rec, dict):
        item: Record | BadRecord = record_from_fields(rec, source, None, options)
        if options.id_field not in rec or rec[options.id_field] is None:
            item.id = None  # no id: the report says so (the local engine would name file:line)
        out_rec = dict(rec)
    else:
        item = BadRecord(source, None, f"not a dict but {type(rec).__name__}")
        out_rec = {"value": rec}
    out = process(pipeline, item, extractor, time_limit)
    if out.status == ERROR:
        out_rec[report_field] = {"error": out.error}
    else:
        out_rec[options.text_field] = out.text
        out_rec[report_field] = out.report
    return out_rec


def _left_out_record(rec: Any, report_field: str) -> dict[str, Any]:
    out_rec = dict(rec) if isinstance(rec, dict) else {"value": rec}
    out_rec[report_field] = {"error": WORKER_DIED}
    return out_rec


def _clean_bag_partition(part, run: str, **kw) -> list[dict[str, Any]]:
    # a list, as ``bag.map`` makes (it reifies each partition): a lazy result would be sent
    # as the task's result when nothing downstream consumes it in the task, and cannot be pickled
    return list(_Guard(run).each(part, lambda rec: _clean_record(rec, **kw),
                                 lambda rec: _left_out_record(rec, kw["report_field"])))


def clean_bag(bag, pipeline: Pipeline | None = None, *, text_field: str = "text", report_field: str = "cleaner",
              id_field: str = "id", url_field: str | None = "url", lang_field: str | None = None,
              content: str = "text", source: str = "<bag>", extractor: str = "justext",
              time_limit: float | None = None):
    """A bag of dict records -> the same records with the clean text in
    ``text_field`` and the report in ``report_field`` (``{"error": ...}`` for a
    record that could not be cleaned; it keeps its text). ``content="html"``:
    the text field holds HTML. ``source`` is the report's ``source``. With
    ``time_limit`` (seconds), a record that takes longer becomes a ``TIMEOUT``
    error record instead of holding its worker. A record that kills its worker
    twice becomes an error record too (see the module's docstring)."""
    pipeline = pipeline or default_pipeline()
    options = ReadOptions(text_field=text_field, id_field=id_field, url_field=url_field, lang_field=lang_field,
                          content_format=content)
    return bag.map_partitions(_clean_bag_partition, run=uuid.uuid4().hex, pipeline=pipeline, options=options,
                              report_field=report_field, source=source, extractor=extractor, time_limit=time_limit)


def _is_null(value: Any) -> bool:
    import pandas as pd

    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or array: not a null
        return False


def _clean_partition(df, pipeline: Pipeline, text_column: str, id_column: str | None, source: str,
                     time_limit: float | None = None, run: str = ""):
    ids = list(df[id_column]) if id_column and id_column in df.columns else [None] * len(df)
    items: list[Record | BadRecord] = []
    for rid, text in zip(ids, df[text_column]):
        if isinstance(text, str):
            items.append(Record(source, None, str(rid) if rid is not None else None, text))  # type: ignore[arg-type]
        else:
            kind = "null" if _is_null(text) else type(text).__name__
            items.append(BadRecord(source, None, f"column {text_column!r} is {kind}, not a string"))
    outs = list(_Guard(run).each(items, lambda item: process(pipeline, item, seconds=time_limit),
                                 lambda item: lost(item, WORKER_DIED)))
    out = df.copy()
    out["clean_text"] = [o.text if o.status != ERROR else None for o in outs]
    out["keep"] = [o.status == KEPT for o in outs]
    out["report"] = [json.dumps(o.report, ensure_ascii=False) if o.status != ERROR else None for o in outs]
    out["error"] = [o.error if o.status == ERROR else None for o in outs]
    return out


def clean_dataframe(df, pipeline: Pipeline | None = None, *, text_column: str = "text", id_column: str | None = "id",
                    source: str = "<dataframe>", time_limit: float | None = None):
    """A dask (or pandas-partitioned) dataframe -> the same with ``clean_text``,
    ``keep``, ``report`` (JSON text) and ``error`` (None, or why the row could not
    be cleaned) columns. ``time_limit`` and a record that kills its worker: as
    for :func:`clean_bag`."""
    pipeline = pipeline or default_pipeline()
    meta = df._meta.assign(clean_text="", keep=False, report="", error="")
    return df.map_partitions(_clean_partition, pipeline, text_column, id_column, source, time_limit,
                             uuid.uuid4().hex, meta=meta)
