"""``cleaner clean`` over Parquet: every input column kept, the clean text and the
report added, dropped rows in the rejected file, bad rows errors naming file and
row, one output shard per input with -o DIR/."""

from __future__ import annotations

import datetime
import json

import pytest

from cleaner import default_pipeline
from cleaner.cli import main
from tests.cli.test_clean import doc, files_of, jsonl_lines, jsonl_of, summary, write_jsonl

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

T0 = datetime.datetime(2026, 12, 2, tzinfo=datetime.timezone.utc)


def _rows(n: int, start: int = 0):
    rows = []
    for i in range(start, start + n):
        text = "Click here." if i % 5 == 4 else doc(i)
        rows.append({"id": f"r{i}", "text": text, "n": i, "ts": T0 + datetime.timedelta(hours=i),
                     "tags": ["a", "b"][: i % 3], "score": i / 4})
    return rows


def _write(path, rows, row_group_size=None):
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=row_group_size)
    return path


def test_parquet_to_parquet_keeps_every_column(tmp_path, capsys):
    rows = _rows(12)
    rows[7]["text"] = None
    src = _write(tmp_path / "in.parquet", rows, row_group_size=5)
    out = tmp_path / "out.parquet"
    assert main(["clean", str(src), "-o", str(out), "--jobs", "2"]) == 1
    err = capsys.readouterr().err
    assert summary(err) == (12, 9, 2, 1)
    assert f"{src}:8: field 'text' is null, not a string" in err
    kept = pq.read_table(out)
    assert kept.schema.names == ["id", "text", "n", "ts", "tags", "score", "cleaner"]
    assert kept.schema.field("ts").type == pa.timestamp("us", tz="UTC")
    got = kept.to_pylist()
    assert [r["id"] for r in got] == [f"r{i}" for i in range(12) if i % 5 != 4 and i != 7]
    for r in got:
        i = r["n"]
        assert (r["ts"], r["tags"], r["score"]) == (T0 + datetime.timedelta(hours=i), ["a", "b"][: i % 3], i / 4)
        report = json.loads(r["cleaner"])
        assert report["verdict"]["keep"] and report["id"] == r["id"] and report["output_chars"] == len(r["text"])
        assert r["text"] == default_pipeline()(doc(i)).text and "Please enter your comment!" not in r["text"]
    rejected = pq.read_table(tmp_path / "out.rejected.parquet").to_pylist()
    assert [r["id"] for r in rejected] == ["r4", "r9"]
    assert all(not json.loads(r["cleaner"])["verdict"]["keep"] for r in rejected)
    (error,) = jsonl_of(tmp_path / "out.errors.jsonl")
    assert (error["line"], error["id"]) == (8, "r7") and json.loads(error["raw"])["ts"] == "2026-12-02T07:00:00+00:00"
    # same bytes with one worker
    assert main(["clean", str(src), "-o", str(tmp_path / "one.parquet"), "--jobs", "1"]) == 1
    assert (tmp_path / "one.parquet").read_bytes() == out.read_bytes()


def test_parquet_with_report_out_and_to_jsonl(tmp_path, capsys):
    src = _write(tmp_path / "in.parquet", _rows(6))
    out = tmp_path / "out.parquet"
    assert main(["clean", str(src), "-o", str(out), "--report-out", str(tmp_path / "r.jsonl"), "--jobs", "1"]) == 0
    assert "cleaner" not in pq.read_schema(out).names
    reps = jsonl_of(tmp_path / "r.jsonl")
    assert [(r["id"], r["line"]) for r in reps] == [(f"r{i}", i + 1) for i in range(6)]
    # Parquet in, JSONL out: values JSON has no type for become ISO dates
    assert main(["clean", str(src), "-o", str(tmp_path / "o.jsonl"), "--jobs", "1"]) == 0
    recs = jsonl_of(tmp_path / "o.jsonl")
    assert recs[0]["ts"] == "2026-12-02T00:00:00+00:00" and recs[0]["tags"] == [] and "cleaner" in recs[0]
    capsys.readouterr()


def test_parquet_output_needs_parquet_inputs_with_the_same_columns(tmp_path, capsys):
    a = _write(tmp_path / "a.parquet", _rows(2))
    b = _write(tmp_path / "b.parquet", [{"id": "x", "text": doc(1)}])
    j = write_jsonl(tmp_path / "c.jsonl", jsonl_lines(0, 2))
    assert main(["clean", str(j), "-o", str(tmp_path / "o.parquet")]) == 2
    assert "a Parquet output takes Parquet inputs" in capsys.readouterr().err
    assert main(["clean", str(a), str(b), "-o", str(tmp_path / "o.parquet")]) == 2
    assert "b.parquet: its columns differ from those of" in capsys.readouterr().err
    assert not (tmp_path / "o.parquet").exists()
    # -o DIR/: one output per input, each with its own columns
    assert main(["clean", str(a), str(b), str(j), "-o", f"{tmp_path}/out/", "--jobs", "2"]) == 0
    capsys.readouterr()
    got = files_of(tmp_path / "out")
    assert sorted(got) == ["a.parquet", "b.parquet", "c.jsonl"]
    assert pq.read_schema(tmp_path / "out" / "b.parquet").names == ["id", "text", "cleaner"]


def test_parquet_shards_resume(tmp_path, capsys):
    for s in range(3):
        _write(tmp_path / "in" / f"part-{s}.parquet", _rows(5, start=5 * s))
    out = f"{tmp_path}/out/"
    assert main(["clean", str(tmp_path / "in"), "-o", out, "--jobs", "1"]) == 0
    first = files_of(tmp_path / "out")
    assert sorted(first) == [f"part-{s}{x}.parquet" for s in range(3) for x in ("", ".rejected")]
    capsys.readouterr()
    (tmp_path / "out" / "part-1.parquet").unlink()
    assert main(["clean", str(tmp_path / "in"), "-o", out, "--jobs", "2", "--resume"]) == 0
    err = capsys.readouterr().err
    assert "resumed: 2 of 3 inputs were complete" in err and summary(err) == (15, 12, 3, 0)
    assert files_of(tmp_path / "out") == first


def test_corrupt_parquet_is_an_error_and_the_run_goes_on(tmp_path, capsys):
    good = _write(tmp_path / "in" / "good.parquet", _rows(3))
    (tmp_path / "in" / "bad.parquet").write_bytes(b"PAR1" + b"\0" * 100)
    assert main(["clean", str(tmp_path / "in"), "-o", f"{tmp_path}/out/", "--jobs", "1"]) == 1
    err = capsys.readouterr().err
    assert summary(err) == (4, 3, 0, 1)
    assert f"{tmp_path / 'in' / 'bad.parquet'}: not a readable Parquet file" in err
    (e,) = jsonl_of(tmp_path / "out" / "bad.errors.jsonl")
    assert e["source"].endswith("bad.parquet") and "not a readable Parquet file" in e["error"]
    assert pq.read_table(tmp_path / "out" / "good.parquet").num_rows == 3 and good.exists()
