"""Resumable runs: a run killed with SIGKILL mid-run and resumed with --resume
writes the same bytes as an uninterrupted run, and accounts for every record;
changed inputs, configurations and outputs are cleaned again."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from cleaner.cli import main
from cleaner.io.writers import is_temp_name
from tests.cli.test_clean import files_of, jsonl_lines, jsonl_of, run_cli, summary, write_jsonl

SHARDS = 6
PER_SHARD = 40


def _corpus(root: Path) -> Path:
    src = root / "shards"
    for s in range(SHARDS):
        # shard 3 has no drop and no error; the others have both
        lines = jsonl_lines(s * PER_SHARD, PER_SHARD, paragraphs=4,
                            short_every=0 if s == 3 else 9, bad_every=0 if s == 3 else 13)
        write_jsonl(src / f"part-{s:02d}.jsonl" if s % 2 else src / "sub" / f"part-{s:02d}.jsonl", lines)
    return src


def _markers(out: Path) -> list[Path]:
    done = out / ".cleaner" / "done"
    return sorted(done.rglob("*.json")) if done.exists() else []


def _temps(out: Path) -> list[str]:
    return [p.name for p in out.rglob("*") if is_temp_name(p.name)] if out.exists() else []


def test_sigkill_mid_run_then_resume_gives_the_same_bytes(tmp_path):
    from cleaner.io.shards import code_digest

    for attempt in range(3):
        before = code_digest.__wrapped__()
        if _kill_and_resume(tmp_path / f"try{attempt}"):
            return
        # the resumed run found the configuration changed: only right if cleaner's own code changed
        # during the test (someone editing the checkout); then the comparison proves nothing: again
        assert code_digest.__wrapped__() != before, "the resumed run saw another configuration"
    raise AssertionError("cleaner's code kept changing during the test")


def _kill_and_resume(tmp_path: Path) -> bool:
    """Kill a run, resume it, compare; False if the resumed run saw another configuration."""
    src = _corpus(tmp_path)
    ref = tmp_path / "ref"
    done = run_cli(src, "-o", f"{ref}/", "--jobs", "1")
    assert done.returncode == 1, done.stderr  # the broken lines are errors
    n_ref = summary(done.stderr)
    assert n_ref[0] == SHARDS * PER_SHARD and n_ref[2] > 0 and n_ref[3] > 0

    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "cleaner", "clean", str(src), "-o", f"{out}/", "--jobs", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        # kill once at least one shard is complete and the next one is being written
        while not (_markers(out) and _temps(out)):
            assert proc.poll() is None, "the run ended before it could be interrupted"
            assert time.monotonic() < deadline
            time.sleep(0.005)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(60)
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # the run's own workers, if any are left
        except ProcessLookupError:
            pass
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    completed = len(_markers(out))
    assert 1 <= completed < SHARDS
    assert _temps(out), "the shard being written is still under its temporary name"
    # every output in place is a complete one: its marker names it with its size
    for marker in _markers(out):
        for name, size in json.loads(marker.read_text())["outputs"].items():
            assert (out / name).stat().st_size == size

    resumed = run_cli(src, "-o", f"{out}/", "--resume", "--jobs", "2")
    assert resumed.returncode == 1, resumed.stderr
    if "cleaning it again: the configuration, cleaner or a library changed" in resumed.stderr:
        return False
    assert f"resumed: {completed} of {SHARDS} inputs were complete" in resumed.stderr
    assert summary(resumed.stderr) == n_ref  # nothing lost, nothing counted twice
    assert not _temps(out)
    assert files_of(out) == files_of(ref)
    assert len(_markers(out)) == SHARDS
    ref_counts = {m.name: json.loads(m.read_text())["counts"] for m in _markers(ref)}
    assert {m.name: json.loads(m.read_text())["counts"] for m in _markers(out)} == ref_counts
    return True


def test_resume_skips_complete_inputs_and_redoes_changed_ones(tmp_path, capsys):
    src = tmp_path / "in"
    a = write_jsonl(src / "a.jsonl", jsonl_lines(0, 4, short_every=2))
    b = write_jsonl(src / "b.jsonl", jsonl_lines(4, 4))
    out = f"{tmp_path}/out/"
    stats = tmp_path / "stats.json"
    assert main(["clean", str(src), "-o", out, "--jobs", "1", "--stats-out", str(stats)]) == 0
    capsys.readouterr()
    first = files_of(tmp_path / "out")
    first_stats = json.loads(stats.read_text())

    assert main(["clean", str(src), "-o", out, "--jobs", "1", "--resume", "--stats-out", str(stats)]) == 0
    err = capsys.readouterr().err
    assert "resumed: 2 of 2 inputs were complete (8 documents" in err and summary(err) == (8, 6, 2, 0)
    assert json.loads(stats.read_text()) == first_stats  # statistics of resumed inputs come from their markers
    assert files_of(tmp_path / "out") == first

    # a changed input is cleaned again, and its stale rejected file goes
    write_jsonl(a, jsonl_lines(0, 3))
    assert main(["clean", str(src), "-o", out, "--jobs", "1", "--resume"]) == 0
    err = capsys.readouterr().err
    assert f"{a}: cleaning it again: the input changed" in err and str(b) + ":" not in err
    assert summary(err) == (7, 7, 0, 0)
    now = files_of(tmp_path / "out")
    assert "a.rejected.jsonl" not in now and now["b.jsonl"] == first["b.jsonl"]
    assert [r["id"] for r in jsonl_of(tmp_path / "out" / "a.jsonl")] == ["doc-0", "doc-1", "doc-2"]

    # another configuration: everything again
    assert main(["clean", str(src), "-o", out, "--jobs", "1", "--resume", "--disable", "translation"]) == 0
    err = capsys.readouterr().err
    assert err.count("cleaning it again: the configuration") == 2

    # an output deleted or edited by hand: that input again
    os.unlink(tmp_path / "out" / "b.jsonl")
    assert main(["clean", str(src), "-o", out, "--jobs", "1", "--resume", "--disable", "translation"]) == 0
    err = capsys.readouterr().err
    assert "b.jsonl: cleaning it again: its output b.jsonl is missing" in err and "a.jsonl: cleaning" not in err

    # without --resume everything is cleaned again, silently
    assert main(["clean", str(src), "-o", out, "--jobs", "1"]) == 0
    err = capsys.readouterr().err
    assert "resumed" not in err and "cleaning it again" not in err and summary(err) == (7, 7, 0, 0)


def test_resume_of_text_files_retries_the_ones_that_failed(tmp_path, capsys):
    from tests.cli.test_clean import doc

    src = tmp_path / "pages"
    src.mkdir()
    (src / "good.txt").write_text(doc(0), encoding="utf-8")
    (src / "bad.txt").write_bytes(b"caf\xe9")
    out = f"{tmp_path}/out/"
    errors = tmp_path / "errors.jsonl"
    assert main(["clean", str(src), "-o", out, "--errors-out", str(errors)]) == 1
    capsys.readouterr()
    assert main(["clean", str(src), "-o", out, "--errors-out", str(errors), "--resume"]) == 1
    err = capsys.readouterr().err
    assert "resumed: 1 of 2 inputs were complete" in err and summary(err) == (2, 1, 0, 1)
    (e,) = jsonl_of(errors)  # this run's error file lists the failure again
    assert e["source"].endswith("bad.txt") and e["line"] == 1
    (src / "bad.txt").write_text(doc(1), encoding="utf-8")
    assert main(["clean", str(src), "-o", out, "--errors-out", str(errors), "--resume"]) == 0
    assert summary(capsys.readouterr().err) == (2, 2, 0, 0)
    assert sorted(files_of(tmp_path / "out")) == ["bad.txt", "bad.txt.report.json", "good.txt",
                                                 "good.txt.report.json"]
