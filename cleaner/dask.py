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
"""

from __future__ import annotations

import json
from typing import Any

from cleaner.io.process import ERROR, KEPT, process
from cleaner.io.records import BadRecord, ReadOptions, Record, record_from_fields
from cleaner.pipeline import Pipeline, default_pipeline


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


def clean_bag(bag, pipeline: Pipeline | None = None, *, text_field: str = "text", report_field: str = "cleaner",
              id_field: str = "id", url_field: str | None = "url", lang_field: str | None = None,
              content: str = "text", source: str = "<bag>", extractor: str = "justext",
              time_limit: float | None = None):
    """A bag of dict records -> the same records with the clean text in
    ``text_field`` and the report in ``report_field`` (``{"error": ...}`` for a
    record that could not be cleaned; it keeps its text). ``content="html"``:
    the text field holds HTML. ``source`` is the report's ``source``. With
    ``time_limit`` (seconds), a record that takes longer becomes a ``TIMEOUT``
    error record instead of holding its worker."""
    pipeline = pipeline or default_pipeline()
    options = ReadOptions(text_field=text_field, id_field=id_field, url_field=url_field, lang_field=lang_field,
                          content_format=content)
    return bag.map(_clean_record, pipeline=pipeline, options=options, report_field=report_field, source=source,
                   extractor=extractor, time_limit=time_limit)


def _is_null(value: Any) -> bool:
    import pandas as pd

    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or array: not a null
        return False


def _clean_partition(df, pipeline: Pipeline, text_column: str, id_column: str | None, source: str,
                     time_limit: float | None = None):
    ids = list(df[id_column]) if id_column and id_column in df.columns else [None] * len(df)
    outs = []
    for i, (rid, text) in enumerate(zip(ids, df[text_column])):
        if isinstance(text, str):
            item: Record | BadRecord = Record(source, None, str(rid) if rid is not None else None, text)  # type: ignore[arg-type]
        else:
            kind = "null" if _is_null(text) else type(text).__name__
            item = BadRecord(source, None, f"column {text_column!r} is {kind}, not a string")
        outs.append(process(pipeline, item, seconds=time_limit))
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
    be cleaned) columns. ``time_limit``: as for :func:`clean_bag`."""
    pipeline = pipeline or default_pipeline()
    meta = df._meta.assign(clean_text="", keep=False, report="", error="")
    return df.map_partitions(_clean_partition, pipeline, text_column, id_column, source, time_limit, meta=meta)
