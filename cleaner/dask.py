"""Dask entry points: clean a ``dask.bag`` of records or a ``dask.dataframe``
column with a cleaner pipeline, partition by partition (optional extra
``cleaner[dask]``).

>>> import dask.bag as db                                   # doctest: +SKIP
>>> from cleaner.dask import clean_bag                      # doctest: +SKIP
>>> bag = db.read_text("shards/*.jsonl").map(json.loads)   # doctest: +SKIP
>>> clean_bag(bag).filter(lambda r: r["cleaner"]["verdict"]["keep"]).map(json.dumps).to_textfiles("out/*.jsonl")  # doctest: +SKIP

The pipeline is pickled into the task graph once; every worker process builds
nothing per record. Results are the same as the local engine's for the same records.
"""

from __future__ import annotations

from typing import Any

from cleaner.pipeline import Pipeline, default_pipeline


def _clean_record(rec: dict[str, Any], pipeline: Pipeline, text_field: str, report_field: str) -> dict[str, Any]:
    out = dict(rec)
    text = rec.get(text_field)
    if not isinstance(text, str):
        out[report_field] = {"error": f"field {text_field!r} is missing or not a string"}
        return out
    result = pipeline(text, id=str(rec.get("id")) if rec.get("id") is not None else None)
    out[text_field] = result.text
    out[report_field] = result.report.to_dict()
    return out


def clean_bag(bag, pipeline: Pipeline | None = None, *, text_field: str = "text", report_field: str = "cleaner"):
    """A bag of dict records -> the same records with the clean text and the report."""
    pipeline = pipeline or default_pipeline()
    return bag.map(_clean_record, pipeline=pipeline, text_field=text_field, report_field=report_field)


def _clean_partition(df, pipeline: Pipeline, text_column: str):
    import json

    results = [pipeline(t) if isinstance(t, str) else None for t in df[text_column]]
    out = df.copy()
    out["clean_text"] = [r.text if r else None for r in results]
    out["keep"] = [bool(r.report.verdict.keep) if r else False for r in results]
    out["report"] = [json.dumps(r.report.to_dict(), ensure_ascii=False) if r else None for r in results]
    return out


def clean_dataframe(df, pipeline: Pipeline | None = None, *, text_column: str = "text"):
    """A dask (or pandas-partitioned) dataframe -> the same with ``clean_text``,
    ``keep`` and ``report`` (JSON) columns."""
    pipeline = pipeline or default_pipeline()
    meta = df._meta.assign(clean_text="", keep=False, report="")
    return df.map_partitions(_clean_partition, pipeline, text_column, meta=meta)
