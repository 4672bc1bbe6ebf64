"""``cleaner clean`` end to end: outputs, --report-out, --jobs, directory outputs,
errors naming file and line, progress bar. Inputs are small and made here."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner.cli import build_parser, main

SUMMARY_RE = re.compile(r"(\d+) documents in = (\d+) kept \+ (\d+) dropped \+ (\d+) errors")

EN = ["The council met on Tuesday evening and decided that the new bridge over the river will be built next year.",
      "The debate about its cost lasted for more than three hours, and several residents spoke against the plan.",
      "Supporters argued that the old crossing is unsafe for children who walk to the school on the other bank.",
      "The mayor said the city would apply for a regional grant to cover at least half of the expected expenses.",
      "Work on the foundations could begin in the spring if the water level allows the engineers to reach the bed.",
      "Traffic in the old town is expected to fall once the bridge opens, according to a study published in May."]
DE = ["Der Gemeinderat hat am Dienstagabend beschlossen, dass die neue Brücke über den Fluss im nächsten Jahr gebaut "
      "wird.",
      "Die Debatte über die Kosten dauerte mehr als drei Stunden, und mehrere Anwohner sprachen sich gegen den Plan aus.",
      "Befürworter sagten, der alte Übergang sei für Kinder, die zur Schule auf der anderen Seite gehen, nicht sicher.",
      "Der Bürgermeister erklärte, die Stadt werde Fördermittel beantragen, um mindestens die Hälfte der Kosten zu "
      "decken.",
      "Die Arbeiten an den Fundamenten könnten im Frühjahr beginnen, wenn der Wasserstand es den Ingenieuren erlaubt.",
      "Der Verkehr in der Altstadt soll nach der Eröffnung der Brücke deutlich abnehmen, heißt es in einer Studie vom "
      "Mai."]
FR = ["Le conseil municipal a décidé mardi soir que le nouveau pont sur la rivière sera construit l'année prochaine.",
      "Le débat sur son coût a duré plus de trois heures, et plusieurs habitants se sont exprimés contre le projet.",
      "Les partisans ont fait valoir que l'ancien passage n'est pas sûr pour les enfants qui vont à l'école de l'autre "
      "côté.",
      "Le maire a déclaré que la ville demanderait une subvention régionale pour couvrir au moins la moitié des "
      "dépenses.",
      "Les travaux des fondations pourraient commencer au printemps si le niveau de l'eau permet aux ingénieurs "
      "d'accéder au lit.",
      "La circulation dans la vieille ville devrait diminuer après l'ouverture du pont, selon une étude publiée en mai."]


def doc(i: int, paragraphs: int = 1) -> str:
    """A document that is kept (English, German or French news text plus a comment-form line)."""
    s = [EN, DE, FR][i % 3]
    k = i % 6
    body = "\n".join(" ".join(s[(k + j + p) % 6] for j in range(6)) for p in range(paragraphs))
    return f"{body}\nRecord number {i}.\nPlease enter your comment!\n"


def jsonl_lines(start: int, n: int, *, short_every: int = 0, bad_every: int = 0, paragraphs: int = 1) -> list[str]:
    """``n`` JSONL lines: kept documents, a short (dropped) one every ``short_every``,
    a broken line every ``bad_every``."""
    out = []
    for i in range(start, start + n):
        if bad_every and i % bad_every == bad_every - 1:
            out.append('{"id": "broken-%d", "text": ' % i)
        elif short_every and i % short_every == short_every - 1:
            out.append(json.dumps({"id": f"short-{i}", "text": "Click here."}))
        else:
            out.append(json.dumps({"id": f"doc-{i}", "text": doc(i, paragraphs), "n": i}, ensure_ascii=False))
    return out


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(x + "\n" for x in lines), encoding="utf-8")
    return path


def run_cli(*args, check_rc=None, **kw) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "cleaner", "clean", *map(str, args)], capture_output=True,
                          text=True, timeout=600, **kw)
    if check_rc is not None:
        assert proc.returncode == check_rc, proc.stderr
    return proc


def summary(stderr: str) -> tuple[int, int, int, int]:
    m = SUMMARY_RE.search(stderr)
    assert m, stderr
    n, kept, dropped, errors = map(int, m.groups())
    assert n == kept + dropped + errors
    return n, kept, dropped, errors


def files_of(directory: Path) -> dict[str, bytes]:
    """Every non-hidden file under ``directory`` (relative path -> bytes)."""
    out = {}
    for p in sorted(directory.rglob("*")):
        rel = p.relative_to(directory)
        if p.is_file() and not any(part.startswith(".") for part in rel.parts):
            out[str(rel)] = p.read_bytes()
    return out


def jsonl_of(path: Path) -> list[dict]:
    from cleaner.io.records import open_binary

    with open_binary(str(path)) as fh:
        return [json.loads(x) for x in fh.read().decode("utf-8").splitlines()]


# -- options --------------------------------------------------------------------------------
def test_jobs_default_is_all_cores():
    args = build_parser().parse_args(["clean", "x.jsonl"])
    assert args.jobs == 0
    assert "all cores" in build_parser()._subparsers._group_actions[0].choices["clean"].format_help()


@pytest.mark.parametrize("argv,message", [
    (["--resume"], "--resume needs a directory output"),
    (["--no-report", "--report-out", "r.jsonl"], "cannot be used together"),
    (["--jobs", "-1"], "--jobs is a number"),
])
def test_bad_option_combinations_are_usage_errors(tmp_path, capsys, argv, message):
    src = write_jsonl(tmp_path / "in.jsonl", jsonl_lines(0, 2))
    assert main(["clean", str(src), "-o", str(tmp_path / "o.jsonl"), *argv]) == 2
    assert message in capsys.readouterr().err


# -- byte-identical for any --jobs ------------------------------------------------------------
def test_any_jobs_writes_the_same_bytes_compressed_too(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", jsonl_lines(0, 40, short_every=7, bad_every=11))
    outs = {}
    for jobs in ("1", "3", None):
        out = tmp_path / f"j{jobs}" / "out.jsonl.gz"
        extra = ["--jobs", jobs] if jobs else []
        proc = run_cli(src, "-o", out, *extra, check_rc=1)
        assert summary(proc.stderr) == (40, 32, 5, 3)
        outs[jobs] = files_of(out.parent)
    assert sorted(outs["1"]) == ["out.errors.jsonl.gz", "out.jsonl.gz", "out.rejected.jsonl.gz"]
    assert outs["1"] == outs["3"] == outs[None]


# -- --report-out -------------------------------------------------------------------------------
def test_report_out_puts_reports_in_their_own_file(tmp_path, capsys):
    src = write_jsonl(tmp_path / "in.jsonl", jsonl_lines(0, 9, short_every=4, bad_every=9))
    out, reports = tmp_path / "out.jsonl", tmp_path / "reports.jsonl.zst"
    assert main(["clean", str(src), "-o", str(out), "--report-out", str(reports), "--jobs", "1"]) == 1
    kept = jsonl_of(out)
    rejected = jsonl_of(tmp_path / "out.rejected.jsonl")
    assert all("cleaner" not in r for r in kept + rejected)
    assert all(set(r) == {"id", "text", "n"} for r in kept)
    reps = jsonl_of(reports)
    # one report per cleaned record (kept or dropped), in input order; none for the broken line
    assert [r["id"] for r in reps] == [f"doc-{i}" if i % 4 != 3 else f"short-{i}" for i in range(8)]
    assert [r["line"] for r in reps] == list(range(1, 9))
    assert all(set(r) == {"id", "source", "line", "cleaner"} and r["source"] == str(src) for r in reps)
    assert [r["cleaner"]["verdict"]["keep"] for r in reps] == [i % 4 != 3 for i in range(8)]
    # the same reports as inside the records
    main(["clean", str(src), "-o", str(tmp_path / "inline.jsonl"), "--jobs", "1"])
    inline = jsonl_of(tmp_path / "inline.jsonl") + jsonl_of(tmp_path / "inline.rejected.jsonl")
    by_id = {r["id"]: r["cleaner"] for r in inline}
    assert all(by_id[r["id"]] == r["cleaner"] for r in reps)


def test_report_out_with_stdout(tmp_path, capsys):
    src = write_jsonl(tmp_path / "in.jsonl", jsonl_lines(0, 3))
    assert main(["clean", str(src), "--report-out", str(tmp_path / "r.jsonl"), "--jobs", "1"]) == 0
    stdout = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [r["id"] for r in stdout] == ["doc-0", "doc-1", "doc-2"] and all("cleaner" not in r for r in stdout)
    assert len(jsonl_of(tmp_path / "r.jsonl")) == 3


# -- directory output: one output shard per input ------------------------------------------------
def test_directory_output_writes_one_shard_per_input(tmp_path, capsys):
    write_jsonl(tmp_path / "in" / "a.jsonl", jsonl_lines(0, 6, short_every=3))
    write_jsonl(tmp_path / "in" / "sub" / "b.jsonl", jsonl_lines(6, 5, bad_every=5))
    write_jsonl(tmp_path / "in" / "empty.jsonl", [])
    out = tmp_path / "out"
    assert main(["clean", str(tmp_path / "in"), "-o", f"{out}/", "--report-out", f"{out}/reports/",
                 "--jobs", "2"]) == 1
    err = capsys.readouterr().err
    assert summary(err) == (6 + 5, 8, 2, 1)
    assert f"{tmp_path / 'in' / 'sub' / 'b.jsonl'}:4: not JSON" in err
    got = files_of(out)
    assert sorted(got) == ["a.jsonl", "a.rejected.jsonl", "empty.jsonl", "reports/a.reports.jsonl",
                           "reports/empty.reports.jsonl", "reports/sub/b.reports.jsonl", "sub/b.errors.jsonl",
                           "sub/b.jsonl"]
    assert got["empty.jsonl"] == b"" and got["reports/empty.reports.jsonl"] == b""
    assert [r["id"] for r in jsonl_of(out / "a.jsonl")] == ["doc-0", "doc-1", "doc-3", "doc-4"]
    assert all("cleaner" not in r for r in jsonl_of(out / "a.jsonl"))
    assert [r["id"] for r in jsonl_of(out / "a.rejected.jsonl")] == ["short-2", "short-5"]
    (error,) = jsonl_of(out / "sub" / "b.errors.jsonl")
    assert error["line"] == 4 and error["source"].endswith("b.jsonl") and error["raw"].startswith('{"id": "broken')
    markers = sorted(p.name for p in (out / ".cleaner" / "done").rglob("*.json"))
    assert markers == ["a.jsonl.json", "b.jsonl.json", "empty.jsonl.json"]
    # the same bytes as a file output of the same input
    assert main(["clean", str(tmp_path / "in" / "a.jsonl"), "-o", str(tmp_path / "one.jsonl"), "--jobs", "1",
                 "--report-out", str(tmp_path / "one.reports.jsonl")]) == 0
    assert (tmp_path / "one.jsonl").read_bytes() == got["a.jsonl"]
    assert (tmp_path / "one.reports.jsonl").read_bytes() == got["reports/a.reports.jsonl"]
    assert (tmp_path / "one.rejected.jsonl").read_bytes() == got["a.rejected.jsonl"]


def test_directory_output_of_shards_and_text_files_together(tmp_path, capsys):
    write_jsonl(tmp_path / "in" / "a.jsonl", jsonl_lines(0, 3))
    (tmp_path / "in" / "page.txt").write_text(doc(1), encoding="utf-8")
    (tmp_path / "in" / "other.html").write_text(f"<html><body><p>{EN[0]}</p></body></html>", encoding="utf-8")
    (tmp_path / "in" / "latin1.txt").write_bytes("Caf\xe9 au lait".encode("latin-1"))
    out = tmp_path / "out"
    assert main(["clean", str(tmp_path / "in"), "-o", f"{out}/", "--jobs", "2",
                 "--errors-out", str(tmp_path / "errors.jsonl")]) == 2  # --errors-out: shards have their own
    assert "do not apply" in capsys.readouterr().err
    assert main(["clean", str(tmp_path / "in"), "-o", f"{out}/", "--jobs", "2"]) == 1
    err = capsys.readouterr().err
    assert summary(err)[0] == 3 + 3 and f"{tmp_path / 'in' / 'latin1.txt'}:1: not valid UTF-8" in err
    assert sorted(files_of(out)) == ["a.jsonl", "other.txt", "other.txt.report.json", "page.txt",
                                     "page.txt.report.json"]
    markers = sorted(p.name for p in (out / ".cleaner" / "done").rglob("*.json"))
    assert "latin1.txt.json" not in markers and "a.jsonl.json" in markers  # a failed file is tried again
    assert main(["clean", str(tmp_path / "in"), "-o", f"{out}/", "--report-out", f"{out}/r/"]) == 2
    assert "--report-out applies to JSONL/Parquet shards" in capsys.readouterr().err


def test_output_directory_inside_the_input_directory_is_not_read(tmp_path, capsys):
    write_jsonl(tmp_path / "data" / "a.jsonl", jsonl_lines(0, 3))
    for _ in range(2):
        assert main(["clean", str(tmp_path / "data"), "-o", str(tmp_path / "data" / "clean") + "/",
                     "--jobs", "1"]) == 0
        assert summary(capsys.readouterr().err)[0] == 3
    assert sorted(files_of(tmp_path / "data")) == ["a.jsonl", "clean/a.jsonl"]


@pytest.mark.parametrize("argv,message", [
    (["--rejected-out", "r.jsonl"], "--rejected-out/--errors-out do not apply"),
    (["--errors-out", "e.jsonl"], "--rejected-out/--errors-out do not apply"),
])
def test_directory_output_options_that_do_not_apply(tmp_path, capsys, argv, message):
    src = write_jsonl(tmp_path / "a.jsonl", jsonl_lines(0, 2))
    assert main(["clean", str(src), "-o", f"{tmp_path}/out/", *argv]) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "out" / "a.jsonl").exists()


def test_two_inputs_with_one_output_name_are_refused(tmp_path, capsys):
    a = write_jsonl(tmp_path / "x" / "a.jsonl", jsonl_lines(0, 2))
    b = write_jsonl(tmp_path / "y" / "a.jsonl", jsonl_lines(2, 2))
    assert main(["clean", str(a), str(b), "-o", f"{tmp_path}/out/"]) == 2
    assert "would both be written to" in capsys.readouterr().err
    # given as directories, each keeps its tree: no clash
    assert main(["clean", str(tmp_path / "x"), "-o", f"{tmp_path}/out/", "--jobs", "1"]) == 0
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "p.html").write_text("<p>x</p>")
    (tmp_path / "in" / "p.txt").write_text("x")
    assert main(["clean", str(tmp_path / "in"), "-o", f"{tmp_path}/tree/"]) == 2
    assert "would both be written to" in capsys.readouterr().err


def test_a_second_run_on_the_same_directory_is_refused_while_one_runs(tmp_path, capsys):
    from cleaner.io.shards import State

    src = write_jsonl(tmp_path / "a.jsonl", jsonl_lines(0, 2))
    holder = State(str(tmp_path / "out"))
    holder.lock()
    try:
        assert main(["clean", str(src), "-o", f"{tmp_path}/out/"]) == 2
        assert "another `cleaner clean` is writing to this directory" in capsys.readouterr().err
    finally:
        holder.unlock()
    assert main(["clean", str(src), "-o", f"{tmp_path}/out/", "--jobs", "1"]) == 0


def test_interrupted_file_output_leaves_no_partial_file(tmp_path, monkeypatch, capsys):
    """A KeyboardInterrupt mid-run: the output is either complete or absent, and no
    temporary file is left."""
    import cleaner.io.shards as shards_mod

    src = write_jsonl(tmp_path / "in.jsonl", jsonl_lines(0, 6))
    real_write = shards_mod.Outputs.write
    seen = []

    def interrupt_after_3(self, out):
        seen.append(out.id)
        if len(seen) == 3:
            raise KeyboardInterrupt
        real_write(self, out)

    monkeypatch.setattr(shards_mod.Outputs, "write", interrupt_after_3)
    assert main(["clean", str(src), "-o", str(tmp_path / "o.jsonl.zst"), "--jobs", "1"]) == 130
    assert sorted(os.listdir(tmp_path)) == ["in.jsonl"]


# -- progress bar ---------------------------------------------------------------------------
def test_progress_bar_shows_bytes_records_and_eta(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", jsonl_lines(0, 12))
    proc = run_cli(src, "-o", tmp_path / "o.jsonl", "--progress", "on", "--jobs", "1", check_rc=0)
    assert re.search(r"100%\|.*\| [\d.]+k?/[\d.]+kB? \[\d\d:\d\d<\d\d:\d\d, .*B/s, 12 rec, \d+ rec/s\]",
                     proc.stderr), proc.stderr
    # size unknown (stdin): no percentage, no ETA, still MB/s and records
    proc = run_cli("-", "--progress", "on", "--jobs", "1", input=src.read_text(), check_rc=0)
    bar = [x for x in re.split(r"[\r\n]", proc.stderr) if "rec/s" in x][-1]
    assert "%" not in bar and "<" not in bar and "B/s" in bar


def test_progress_bar_is_off_when_not_a_terminal_or_quiet(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", jsonl_lines(0, 3))
    proc = run_cli(src, "-o", tmp_path / "o.jsonl", "--jobs", "1", check_rc=0)  # stderr is a pipe
    assert "rec/s" not in proc.stderr and "cleaner: 3 documents in" in proc.stderr

    import fcntl
    import pty
    import struct
    import termios

    def on_a_terminal(*extra):
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))  # a 120-column terminal
        try:
            p = subprocess.run([sys.executable, "-m", "cleaner", "clean", str(src), "-o", str(tmp_path / "t.jsonl"),
                                "--jobs", "1", *extra], stderr=slave, stdout=subprocess.DEVNULL, timeout=300)
            os.close(slave)
            chunks = []
            while True:
                try:
                    data = os.read(master, 65536)
                except OSError:
                    break
                if not data:
                    break
                chunks.append(data)
            assert p.returncode == 0
            return b"".join(chunks).decode("utf-8", "replace")
        finally:
            os.close(master)

    assert "rec/s" in on_a_terminal()
    assert "rec/s" not in on_a_terminal("--quiet")
    assert "rec/s" not in on_a_terminal("--progress", "off")


def test_an_output_that_cannot_be_written_is_a_clear_error(tmp_path, capsys):
    src = write_jsonl(tmp_path / "in.jsonl", jsonl_lines(0, 2))
    (tmp_path / "file").write_text("not a directory")
    assert main(["clean", str(src), "-o", str(tmp_path / "file" / "out.jsonl"), "--jobs", "1"]) == 2
    err = capsys.readouterr().err
    assert f"cleaner clean: error: {tmp_path / 'file'}" in err and "cannot write" in err
    assert "Traceback" not in err


def test_stdin_jsonl_runs_with_workers_and_keeps_order(tmp_path):
    lines = jsonl_lines(0, 30, short_every=5)
    one = run_cli("-", "--jobs", "1", input="".join(x + "\n" for x in lines), check_rc=0)
    two = run_cli("-", "--jobs", "2", input="".join(x + "\n" for x in lines), check_rc=0)
    assert one.stdout == two.stdout and len(one.stdout.splitlines()) == 30
