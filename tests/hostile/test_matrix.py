"""The bad-input matrix through the library and `cleaner clean`.

Each case: the documented behaviour (clean output, or an error naming file and
line), the run goes on, and in = kept + dropped + errors.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

import cleaner
from cleaner import replay
from cleaner.errors import InputError
from cleaner.io.records import ReadOptions, read
from tests.hostile.cases import html_cases, jsonl_cases, text_cases

SUMMARY_RE = re.compile(r"(\d+) documents in = (\d+) kept \+ (\d+) dropped \+ (\d+) errors")


def run_clean(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "cleaner", "clean", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, timeout=600)


def summary(stderr: str) -> tuple[int, int, int, int]:
    m = SUMMARY_RE.search(stderr)
    assert m, stderr
    n, kept, dropped, errors = map(int, m.groups())
    assert n == kept + dropped + errors
    return n, kept, dropped, errors


@pytest.mark.parametrize("name", sorted(text_cases()))
def test_text_file_cases_through_the_library(tmp_path, name):
    data, expected = text_cases()[name]
    path = tmp_path / name
    path.write_bytes(data)
    (item,) = list(read(str(path), ReadOptions()))
    if expected == "error":
        assert item.__class__.__name__ == "BadRecord"
        assert item.line is not None and item.error
        return
    result = cleaner.clean(item.text)
    assert replay(item.text, result.report.changes) == result.text
    result.text.encode("utf-8")


@pytest.mark.parametrize("name", sorted(html_cases()))
def test_html_cases_through_the_library(tmp_path, name):
    data, expected = html_cases()[name]
    path = tmp_path / name
    path.write_bytes(data)
    (item,) = list(read(str(path), ReadOptions()))
    if expected == "error":
        with pytest.raises(InputError, match="exceeds the limit"):
            cleaner.clean(item.text, format="html")
        return
    result = cleaner.clean(item.text, format="html")
    assert "root:" not in result.text  # no file was read through an external entity
    assert "lollollol" not in result.text.replace(" ", "")  # no entity expansion
    result.text.encode("utf-8")


def test_text_matrix_through_the_cli(tmp_path):
    cases = text_cases()
    for name, (data, _) in cases.items():
        (tmp_path / "in" / name).parent.mkdir(exist_ok=True)
        (tmp_path / "in" / name).write_bytes(data)
    # no time limit here: the million-line and 10 MB-line cases must finish cleanly even on a
    # loaded machine (the limit itself is tested in tests/unit/test_engines.py)
    proc = run_clean(tmp_path / "in", "-o", tmp_path / "out.jsonl", "--time-limit", "0")
    n, kept, dropped, errors = summary(proc.stderr)
    expected_errors = sorted(n for n, (_, e) in cases.items() if e == "error")
    assert n == len(cases) and errors == len(expected_errors)
    assert proc.returncode == 1  # some records could not be read
    err_lines = [json.loads(x) for x in (tmp_path / "out.errors.jsonl").read_text().splitlines()]
    assert sorted(e["source"].rsplit("/", 1)[1] for e in err_lines) == expected_errors
    for e in err_lines:
        assert e["line"] is not None and e["error"]
        assert f"{e['source']}:{e['line']}: " in proc.stderr
    written = (tmp_path / "out.jsonl").read_text().splitlines()
    rejected = tmp_path / "out.rejected.jsonl"
    rejected_lines = rejected.read_text().splitlines() if rejected.exists() else []
    assert len(written) == kept and len(rejected_lines) == dropped


def test_jsonl_matrix_through_the_cli(tmp_path):
    for name, (data, expect) in jsonl_cases().items():
        path = tmp_path / name
        path.write_bytes(data)
        out = tmp_path / f"out-{name.split('.')[0]}.jsonl"
        proc = run_clean(path, "-o", out, "--jobs", "1")
        n, kept, dropped, errors = summary(proc.stderr)
        assert proc.returncode == 1, proc.stderr
        if name == "mixed.jsonl":
            assert n == len(expect)
            assert errors == expect.count("error")
            assert kept + dropped == expect.count("clean")
            lines = sorted(json.loads(x)["line"] for x in out.with_name(out.stem + ".errors.jsonl")
                           .read_text().splitlines())
            assert lines == [i + 1 for i, e in enumerate(expect) if e == "error"]
        else:
            assert errors >= 1 and kept + dropped >= 1  # what was read before the cut stands


def test_good_records_mixed_with_every_bad_case(tmp_path):
    """1,000 good records and one of every bad JSONL case: every good one is
    written, every bad one listed with its reason, and the accounting balances."""
    good = [json.dumps({"id": f"g{i}", "text": f"Record {i}: the council met on Tuesday to approve the "
                                               "budget for schools and roads."}) for i in range(1000)]
    bad = ["not json", "[1, 2]", '"str"', '{"id": "nt", "text": 5}', '{"id": "nf"}', "{broken",
           '{"id": "deep", "text": ' + "[" * 100000 + "]" * 100000 + "}"]
    lines = good[:500] + bad + good[500:]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(lines) + "\n")
    path.with_name("bytes.jsonl")
    with path.open("ab") as fh:
        fh.write(b'{"id": "b", "text": "\xc3\x28"}\n')
    out = tmp_path / "out.jsonl"
    proc = run_clean(path, "-o", out, "--jobs", "2")
    n, kept, dropped, errors = summary(proc.stderr)
    assert (n, errors) == (1000 + len(bad) + 1, len(bad) + 1)
    assert proc.returncode == 1
    ids = [json.loads(x)["id"] for x in out.read_text().splitlines()]
    rej = out.with_name("out.rejected.jsonl")
    if rej.exists():
        ids += [json.loads(x)["id"] for x in rej.read_text().splitlines()]
    assert sorted(ids) == sorted(f"g{i}" for i in range(1000))
    errs = [json.loads(x) for x in out.with_name("out.errors.jsonl").read_text().splitlines()]
    assert len(errs) == len(bad) + 1 and all(e["error"] and e["line"] for e in errs)


def test_matrix_through_cleaner_check(tmp_path):
    """`cleaner check` over every text, HTML and JSONL case: findings or clean,
    never a crash (exit 0 or 1, not 2), and every unreadable file or bad record is
    a finding with its line."""
    cases = {**text_cases(), **{n: (d, e) for n, (d, e) in html_cases().items() if n != "huge.html"}}
    for name, (data, _) in cases.items():
        (tmp_path / name).write_bytes(data)
    for name, (data, _) in jsonl_cases().items():
        if name.endswith(".jsonl"):
            (tmp_path / name).write_bytes(data)
    proc = subprocess.run([sys.executable, "-m", "cleaner", "check", "--isolated", str(tmp_path)],
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode in (0, 1), proc.stderr
    assert "Traceback" not in proc.stderr
    for name, (_, expected) in text_cases().items():
        if expected == "error":
            assert re.search(rf"{re.escape(name)}:\d+: IO001 ", proc.stdout), name
    bad_lines = [i + 1 for i, e in enumerate(jsonl_cases()["mixed.jsonl"][1]) if e == "error"]
    for line in bad_lines:
        assert f"mixed.jsonl:{line}: IO002" in proc.stdout, line
