"""Engines: --jobs and the Dask engine write the same records as --jobs 1; the
per-record time limit turns a stuck record into an error outcome."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from dataclasses import dataclass

import pytest

from cleaner import Filter, Pipeline, default_pipeline
from cleaner.engines import local
from cleaner.io.process import ERROR, KEPT, process
from cleaner.io.records import Record

TEXTS = [
    "The council met on Tuesday evening and decided that the new bridge over the river will be built next "
    f"year, after a long debate about its cost and about the traffic in the old town. Record {i}.\n"
    "Please enter your comment!\n" for i in range(40)
]


def _records():
    return [Record("mem", i + 1, f"r{i}", t) for i, t in enumerate(TEXTS)]


def _key(outs):
    return [(o.status, o.id, o.text, json.dumps(o.report, sort_keys=True)) for o in outs]


def test_local_jobs_2_equals_jobs_1():
    p = default_pipeline()
    assert _key(local.run(p, _records(), jobs=2)) == _key(local.run(p, _records(), jobs=1))


def test_dask_local_cluster_equals_local_engine():
    pytest.importorskip("distributed")
    from cleaner.engines import dask as dask_engine

    p = default_pipeline()
    got = list(dask_engine.run(p, _records(), jobs=2, batch_size=7))
    assert _key(got) == _key(local.run(p, _records(), jobs=1))


def test_clean_bag_and_dataframe():
    db = pytest.importorskip("dask.bag")
    dd = pytest.importorskip("dask.dataframe")
    pd = pytest.importorskip("pandas")
    from cleaner.dask import clean_bag, clean_dataframe

    recs = [{"id": i, "text": t} for i, t in enumerate(TEXTS[:6])]
    out = clean_bag(db.from_sequence(recs, npartitions=2)).compute(scheduler="sync")
    assert [r["text"] for r in out] == [default_pipeline()(t).text for t in TEXTS[:6]]
    df = dd.from_pandas(pd.DataFrame({"text": TEXTS[:6]}), npartitions=2)
    res = clean_dataframe(df).compute(scheduler="sync")
    assert list(res["clean_text"]) == [default_pipeline()(t).text for t in TEXTS[:6]]
    assert all(isinstance(json.loads(r), dict) for r in res["report"])


@dataclass(frozen=True, kw_only=True)
class _Slow(Filter):
    name = "slow-test"
    seconds: float = 2.0

    def find(self, doc):
        time.sleep(self.seconds)
        return []


def test_time_limit_turns_a_stuck_record_into_an_error():
    rec = Record("mem", 1, "r1", "some text")
    t0 = time.perf_counter()
    out = process(Pipeline([_Slow(seconds=5.0)]), rec, seconds=0.3)
    assert time.perf_counter() - t0 < 3
    assert out.status == ERROR and out.error.startswith("TIMEOUT")
    ok = process(Pipeline([_Slow(seconds=0.0)]), rec, seconds=0.3)
    assert ok.status == KEPT or ok.status == "dropped"


def test_cli_engines_write_identical_bytes(tmp_path):
    pytest.importorskip("distributed")
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(TEXTS)))
    outs = {}
    for name, extra in (("one", ["--jobs", "1"]), ("two", ["--jobs", "2"]), ("dask", ["--engine", "dask", "--jobs", "2"])):
        out = tmp_path / f"{name}.jsonl"
        proc = subprocess.run([sys.executable, "-m", "cleaner", "clean", str(src), "-o", str(out), *extra],
                              capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr
        outs[name] = out.read_bytes()
    assert outs["one"] == outs["two"] == outs["dask"]
