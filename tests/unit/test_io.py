"""Readers, writers and the shard state of ``cleaner clean``: Parquet rows,
field checks, atomic outputs, deterministic compression, completion markers."""

from __future__ import annotations

import datetime
import decimal
import gzip
import json
import os
import subprocess
import sys

import pytest

from cleaner.errors import InputError
from cleaner.io import records, shards, writers
from cleaner.io.process import DROPPED, ERROR, KEPT, Outcome
from cleaner.io.records import BadRecord, ReadOptions, Record, read, record_from_fields

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

TEXT_EN = "The council met on Tuesday evening and decided that the new bridge will be built next year."
TEXT_DE = "Der Gemeinderat hat am Dienstag beschlossen, dass die neue Brücke im nächsten Jahr gebaut wird."
TEXT_FR = "Le conseil municipal a décidé mardi que le nouveau pont sera construit l'année prochaine."


def _parquet(path, rows, row_group_size=None):
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=row_group_size)
    return str(path)


# -- fields -> records ------------------------------------------------------------------------
@pytest.mark.parametrize("text", [TEXT_EN, TEXT_DE, TEXT_FR, ""])
def test_record_from_fields_takes_any_string_text(text):
    rec = record_from_fields({"id": 3, "text": text, "url": "https://example.org/a", "lang": "de"},
                             "in.parquet", 4, ReadOptions(lang_field="lang"))
    assert isinstance(rec, Record)
    assert (rec.id, rec.text, rec.line, rec.url, rec.lang) == ("3", text, 4, "https://example.org/a", "de")


@pytest.mark.parametrize("fields,message", [
    ({"id": "a", "text": None}, "field 'text' is null, not a string"),
    ({"id": "a", "text": 12}, "field 'text' is int, not a string"),
    ({"id": "a", "text": [TEXT_EN]}, "field 'text' is list, not a string"),
    ({"id": "a"}, "no 'text' field"),
])
def test_record_from_fields_names_what_is_wrong(fields, message):
    bad = record_from_fields(fields, "in.parquet", 9, ReadOptions())
    assert isinstance(bad, BadRecord)
    assert (bad.error, bad.line, bad.id, bad.where) == (message, 9, "a", "in.parquet:9")
    assert json.loads(bad.raw) == fields


@pytest.mark.parametrize("raw,error,text", [
    (b'{"text": "caf\xe9"}\r\n', "not valid UTF-8 (byte offset 13 in the line)", '{"text": "caf\ufffd"}'),
    ('{"text": "Straße"\n'.encode(), "not JSON: Expecting ',' delimiter at column 1", '{"text": "Straße"'),
    (b'["a"]\n', "not a JSON object but list", '["a"]'),
    (b"[" * 100_000 + b"\n", "not JSON: nested too deeply", "[" * 1000),
    ('{"id": 1, "text": "Grüße"}\n'.encode(), None, '{"id": 1, "text": "Grüße"}'),
])
def test_jsonl_lines_say_what_is_wrong_with_the_line_as_text(raw, error, text):
    rec = records.parse_jsonl_line(raw, "in.jsonl", 4, ReadOptions())
    if error is None:
        assert isinstance(rec, Record) and rec.text == "Grüße" and rec.id == "1"
        bad = record_from_fields({"id": 1}, "in.jsonl", 4, ReadOptions(), text)
        assert bad.raw == text  # a record's fields come with its line as text
    else:
        assert isinstance(rec, BadRecord) and (rec.error, rec.raw, rec.line) == (error, text, 4)


def test_json_default_and_json_line_for_parquet_values():
    row = {"ts": datetime.datetime(2026, 12, 2, 8, 30, tzinfo=datetime.timezone.utc), "d": datetime.date(2026, 1, 2),
           "dec": decimal.Decimal("3.10"), "b": b"\x00\xff", "dt": datetime.timedelta(seconds=90)}
    assert json.loads(records.json_line(row)) == {"ts": "2026-12-02T08:30:00+00:00", "d": "2026-01-02",
                                                   "dec": "3.10", "b": "AP8=", "dt": 90.0}
    assert json.loads(writers.dumps(row))["b"] == "AP8="


# -- Parquet reader ----------------------------------------------------------------------------
def test_parquet_rows_become_records_in_row_group_batches(tmp_path, monkeypatch):
    monkeypatch.setattr(records, "PARQUET_BATCH_ROWS", 4)
    rows = [{"id": f"r{i}", "text": [TEXT_EN, TEXT_DE, TEXT_FR][i % 3], "n": i, "tags": ["x"] * (i % 2)}
            for i in range(23)]
    path = _parquet(tmp_path / "a.parquet", rows, row_group_size=10)
    got = list(read(path, ReadOptions()))
    assert [r.line for r in got] == list(range(1, 24))
    assert [r.fields for r in got] == rows  # every column, in order
    assert all(isinstance(r, Record) for r in got)
    positions = [r.pos for r in got]
    assert positions == sorted(positions) and positions[-1] == os.path.getsize(path)


def test_parquet_bad_rows_are_errors_with_their_row_and_the_run_goes_on(tmp_path):
    rows = [{"id": "ok1", "text": TEXT_EN}, {"id": "null", "text": None}, {"id": "ok2", "text": TEXT_DE}]
    path = _parquet(tmp_path / "b.parquet", rows)
    got = list(read(path, ReadOptions()))
    assert [type(r).__name__ for r in got] == ["Record", "BadRecord", "Record"]
    assert got[1].where == f"{path}:2" and "null" in got[1].error
    # a text column of another type: every row is an error naming its row, none is lost
    path2 = _parquet(tmp_path / "c.parquet", [{"id": i, "text": i} for i in range(3)])
    bad = list(read(path2, ReadOptions()))
    assert [(b.line, b.error) for b in bad] == [(i + 1, "field 'text' is int, not a string") for i in range(3)]
    # no text column
    path3 = _parquet(tmp_path / "d.parquet", [{"id": 1, "body": TEXT_EN}])
    assert [b.error for b in read(path3, ReadOptions())] == ["no 'text' field"]


def test_corrupt_parquet_is_one_error_naming_the_file(tmp_path):
    path = tmp_path / "broken.parquet"
    path.write_bytes(b"PAR1 this is not parquet")
    (bad,) = list(read(str(path), ReadOptions()))
    assert isinstance(bad, BadRecord) and bad.source == str(path) and "not a readable Parquet file" in bad.error
    with pytest.raises(InputError, match="broken.parquet: not a readable Parquet file"):
        records.parquet_schema(str(path))


def test_missing_pyarrow_is_a_clear_error():
    code = ("import sys; sys.modules['pyarrow'] = None; sys.modules['pyarrow.parquet'] = None\n"
            "from cleaner.io.records import require_pyarrow\n"
            "try:\n    require_pyarrow()\nexcept Exception as e:\n    print(type(e).__name__, e)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60).stdout
    assert out.strip() == "InputError Parquet input and output need pyarrow: pip install 'cleaner[parquet]'"


def test_kind_and_expand_know_parquet(tmp_path):
    assert records.kind_of("x/a.parquet") == "parquet" and records.kind_of("a.pq") == "parquet"
    assert records.kind_of("a.jsonl") == "jsonl" and records.kind_of("a.parquet", "jsonl") == "jsonl"
    for name in ("a.parquet", "b.jsonl", "c.txt", "d.csv"):
        (tmp_path / name).write_text("x")
    plain = sorted(os.path.basename(p) for p, _ in records.expand([str(tmp_path)]))
    with_pq = sorted(os.path.basename(p) for p, _ in records.expand([str(tmp_path)], parquet=True))
    assert plain == ["b.jsonl", "c.txt"] and with_pq == ["a.parquet", "b.jsonl", "c.txt"]


def test_jsonl_positions_are_on_disk_bytes(tmp_path):
    lines = b"".join(json.dumps({"id": i, "text": TEXT_EN}).encode() + b"\n" for i in range(50))
    plain = tmp_path / "a.jsonl"
    plain.write_bytes(lines)
    got = list(read(str(plain), ReadOptions()))
    assert got[-1].pos == len(lines) and got[0].pos == lines.index(b"\n") + 1
    gz = tmp_path / "a.jsonl.gz"
    gz.write_bytes(gzip.compress(lines))
    got = list(read(str(gz), ReadOptions()))
    assert len(got) == 50 and 0 < got[-1].pos <= os.path.getsize(gz)


# -- writers ---------------------------------------------------------------------------------
def _out(i, status=KEPT, **kw):
    report = {"verdict": {"keep": status == KEPT, "reasons": []}, "id": f"r{i}"}
    return Outcome(status, "in.jsonl", i + 1, f"r{i}", text=f"clean {i}", report=report,
                   fields={"id": f"r{i}", "text": f"raw {i}", "n": i}, **kw)


@pytest.mark.parametrize("name", ["o.jsonl", "o.jsonl.gz", "o.jsonl.zst"])
def test_text_out_is_renamed_into_place_only_on_commit(tmp_path, name):
    target = tmp_path / name
    target.write_bytes(b"old")
    out = writers.TextOut(str(target))
    out.write("line 1\n")
    assert target.read_bytes() == b"old"  # the target is untouched until the file is complete
    assert os.path.exists(out.tmp) and writers.is_temp_name(os.path.basename(out.tmp))
    out.commit(fsync=True)
    assert not os.path.exists(out.tmp)
    with records.open_binary(str(target)) as fh:
        assert fh.read() == b"line 1\n"
    out2 = writers.TextOut(str(target))
    out2.write("other\n")
    out2.abort()
    assert not os.path.exists(out2.tmp)
    with records.open_binary(str(target)) as fh:
        assert fh.read() == b"line 1\n"


@pytest.mark.parametrize("name", ["o.jsonl.gz", "o.jsonl.zst"])
def test_compressed_outputs_are_deterministic(tmp_path, name):
    blobs = []
    for i in range(2):
        out = writers.TextOut(str(tmp_path / f"{i}{name}"))
        out.write("".join(writers.dumps({"id": n, "text": TEXT_DE}) + "\n" for n in range(200)))
        out.commit()
        blobs.append((tmp_path / f"{i}{name}").read_bytes())
    assert blobs[0] == blobs[1]
    if name.endswith(".gz"):
        assert blobs[0][4:8] == b"\0\0\0\0"  # gzip header mtime 0 (and no file name)


def test_remove_stale_temps_keeps_those_of_live_processes(tmp_path):
    (tmp_path / "sub").mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    stale = tmp_path / "sub" / f".a.jsonl{writers.TMP_MARK}{dead}"
    live = tmp_path / f".b.jsonl{writers.TMP_MARK}{os.getppid()}"
    keep = tmp_path / "c.jsonl"
    for p in (stale, live, keep):
        p.write_text("x")
    assert writers.remove_stale_temps(tmp_path) == 1
    assert not stale.exists() and live.exists() and keep.exists()


def test_report_sink_and_jsonl_sink_without_report(tmp_path):
    kept = writers.JsonlSink(str(tmp_path / "k.jsonl"), with_report=False, always_create=True)
    reports = writers.ReportSink(str(tmp_path / "r.jsonl"))
    for i in range(3):
        kept.write(_out(i))
        reports.write(_out(i))
    kept.commit()
    reports.commit()
    recs = [json.loads(x) for x in (tmp_path / "k.jsonl").read_text().splitlines()]
    assert recs == [{"id": f"r{i}", "text": f"clean {i}", "n": i} for i in range(3)]
    reps = [json.loads(x) for x in (tmp_path / "r.jsonl").read_text().splitlines()]
    assert [(r["id"], r["line"], r["cleaner"]["id"]) for r in reps] == [(f"r{i}", i + 1, f"r{i}") for i in range(3)]


def test_parquet_sink_keeps_every_column_and_writes_fixed_row_groups(tmp_path, monkeypatch):
    monkeypatch.setattr(writers, "PARQUET_ROWS_PER_GROUP", 10)
    schema = pa.schema([("id", pa.string()), ("text", pa.large_string()), ("n", pa.int64()),
                        ("ts", pa.timestamp("us", tz="UTC"))], metadata={b"origin": b"test"})
    sink = writers.ParquetSink(str(tmp_path / "o.parquet"), schema, always_create=True)
    ts = datetime.datetime(2026, 12, 2, tzinfo=datetime.timezone.utc)
    for i in range(25):
        o = _out(i)
        o.fields = {"id": f"r{i}", "text": "raw", "n": i, "ts": ts}
        sink.write(o)
    assert not (tmp_path / "o.parquet").exists()
    sink.commit()
    f = pq.ParquetFile(tmp_path / "o.parquet")
    assert f.metadata.num_row_groups == 3
    t = f.read()
    assert t.schema.names == ["id", "text", "n", "ts", "cleaner"]
    assert t.schema.field("text").type == pa.large_string() and t.schema.metadata[b"origin"] == b"test"
    rows = t.to_pylist()
    assert [r["text"] for r in rows] == [f"clean {i}" for i in range(25)]
    assert rows[3]["ts"] == ts and json.loads(rows[3]["cleaner"])["id"] == "r3"
    empty = writers.ParquetSink(str(tmp_path / "e.parquet"), schema, always_create=True)
    empty.commit()
    assert pq.read_table(tmp_path / "e.parquet").num_rows == 0
    lazy = writers.ParquetSink(str(tmp_path / "none.parquet"), schema)
    lazy.commit()
    assert not (tmp_path / "none.parquet").exists() and not lazy.produced


def test_accounting_merge_and_balance():
    a = writers.Accounting()
    for st in (KEPT, DROPPED, ERROR):
        a.add(_out(0, status=st))
    a.merge({"documents": 4, "kept": 2, "dropped": 1, "errors": 1, "chars_in": 10, "drop_reasons": {"Q101": 1}})
    assert a.line() == "7 documents in = 3 kept + 2 dropped + 2 errors" and a.balanced
    a.merge({"documents": 1})
    assert not a.balanced


# -- shard state ---------------------------------------------------------------------------------
def test_split_ext_and_sibling_negative_cases():
    assert shards.split_ext("archive.tar") == ("archive.tar", "")
    assert shards.sibling("a.ndjson.gz", ".errors") == "a.errors.ndjson.gz"
    assert shards.sibling("a.jsonl", ".errors", jsonl=True) == "a.errors.jsonl"  # already JSONL: unchanged


def test_markers_accept_only_the_same_input_config_and_outputs(tmp_path):
    src = tmp_path / "in" / "a.jsonl"
    src.parent.mkdir()
    src.write_text('{"id": 1, "text": "x"}\n')
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.jsonl").write_text("done\n")
    state = shards.State(str(out))
    unit = shards.make_unit(str(src), str(src.parent), "jsonl")
    assert state.check(unit, "cfg") == (None, None)
    from cleaner.stats import CorpusStats

    stats = CorpusStats()
    stats.add({"verdict": {"keep": True, "quality_score": 0.5}, "language": {"lang": "de"}, "input_chars": 3,
               "output_chars": 2, "changes": [{"action": "removed", "text": "Teilen auf Facebook"}]})
    state.mark_done(unit, "cfg", ["a.jsonl"], {"documents": 1, "kept": 1}, shards.stats_state(stats))
    marker, why = state.check(unit, "cfg")
    assert why is None and marker["counts"] == {"documents": 1, "kept": 1}
    assert shards.stats_from_state(marker["stats"]).to_dict() == stats.to_dict()
    assert state.check(unit, "other")[1].startswith("the configuration")
    (out / "a.jsonl").write_text("done, changed\n")
    assert "was changed" in state.check(unit, "cfg")[1]
    (out / "a.jsonl").unlink()
    assert "is missing" in state.check(unit, "cfg")[1]
    (out / "a.jsonl").write_text("done\n")
    src.write_text('{"id": 1, "text": "y, longer"}\n')
    assert state.check(shards.make_unit(str(src), str(src.parent), "jsonl"), "cfg")[1].startswith("the input changed")
    state.forget(unit)
    assert state.check(unit, "cfg") == (None, None)


def test_lock_allows_one_run_per_directory(tmp_path):
    first = shards.State(str(tmp_path))
    first.lock()
    with pytest.raises(InputError, match="another `cleaner clean` is writing"):
        shards.State(str(tmp_path)).lock()
    first.unlock()
    again = shards.State(str(tmp_path))
    again.lock()
    again.unlock()


def test_config_digest_covers_settings():
    a = shards.config_digest({"pipeline": {"filters": ["encoding"]}, "time_limit": 60})
    assert a == shards.config_digest({"time_limit": 60, "pipeline": {"filters": ["encoding"]}})
    assert a != shards.config_digest({"pipeline": {"filters": ["encoding", "quality"]}, "time_limit": 60})
    assert len(shards.code_digest()) == 64


def test_stats_state_keeps_the_most_frequent_removed_lines(monkeypatch):
    from cleaner.stats import CorpusStats

    monkeypatch.setattr(shards, "MARKER_REMOVED_LINES", 3)
    s = CorpusStats()
    for i, n in enumerate((5, 1, 4, 3, 2)):
        for _ in range(n):
            s._count_line(f"line {i}")
    state = json.loads(json.dumps(shards.stats_state(s)))
    assert state["removed_lines"] == {"line 0": 5, "line 2": 4, "line 3": 3}
