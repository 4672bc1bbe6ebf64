"""`cleaner check`: output formats, exit codes, --fix/--diff, config, allowlist,
bad input as findings, and the real pre-commit hook."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner.cli import main

ROOT = Path(__file__).resolve().parents[2]
DIRTY = ("Bridge opens next spring\n"
         "The new bridge over the river will open next spring, the council said on Tuesday after a "
         "long debate about the cost of the project and about the traffic in the old town.\n"
         "Work on the east bank starts in March, and the ferry will keep running until the last "
         "section of the road is finished and has been checked by the engineers.\n"
         "The mayor said the caf\u00c3\u00a9 on the square would stay open during the works.\n"
         "Please enter your comment!\n"
         "Please enter your name here\n")
CLEAN = ("Bridge opens next spring\n"
         "The new bridge over the river will open next spring, the council said on Tuesday after a "
         "long debate about the cost of the project and about the traffic in the old town.\n"
         "Work on the east bank starts in March, and the ferry will keep running until the last "
         "section of the road is finished and has been checked by the engineers.\n")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["check", "--isolated", "--jobs", "1", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def dirty(tmp_path: Path) -> Path:
    p = tmp_path / "page.txt"
    p.write_text(DIRTY, encoding="utf-8")
    return p


def test_text_output_lines_and_exit_code(capsys, dirty):
    code, out, err = run(capsys, str(dirty))
    assert code == 1
    lines = out.splitlines()
    assert f"{dirty}:4:23: ENC001" in out
    assert any(ln.startswith(f"{dirty}:5:1: BP101 ") for ln in lines)
    assert any(ln.startswith(f"{dirty}:6:1: BP101 ") for ln in lines)
    assert "Found 3 finding(s)" in err


def test_a_removed_line_shows_its_newline_once_escaped(capsys, dirty):
    _, out, _ = run(capsys, str(dirty))
    line = next(ln for ln in out.splitlines() if ln.startswith(f"{dirty}:5:1: BP101 "))
    assert line.endswith(": 'Please enter your comment!\\n' [*]"), line  # not '…!\\\\n'


def test_clean_file_exits_zero(capsys, tmp_path):
    p = tmp_path / "ok.txt"
    p.write_text(CLEAN, encoding="utf-8")
    code, out, _ = run(capsys, str(p))
    assert (code, out) == (0, "")


@pytest.mark.parametrize("fmt", ["json", "github", "sarif"])
def test_output_formats(capsys, dirty, fmt):
    code, out, _ = run(capsys, "--output-format", fmt, str(dirty))
    assert code == 1
    if fmt == "json":
        data = json.loads(out)
        assert {d["code"] for d in data} == {"ENC001", "BP101"}
        assert all(d["line"] and d["col"] for d in data)
    elif fmt == "github":
        assert out.splitlines()[0].startswith(f"::error file={dirty},line=4,col=23,title=ENC001::")
    else:
        sarif = json.loads(out)
        results = sarif["runs"][0]["results"]
        assert sarif["version"] == "2.1.0" and len(results) == 3
        assert results[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 4


def test_select_ignore_and_statistics(capsys, dirty):
    code, out, _ = run(capsys, "--select", "ENC", str(dirty))
    assert code == 1 and "BP101" not in out and "ENC001" in out
    code, out, _ = run(capsys, "--ignore", "ENC,BP1", str(dirty))
    assert (code, out) == (0, "")
    code, out, _ = run(capsys, "--statistics", str(dirty))
    assert out.split("\n")[0].split("\t")[:2] == ["     2", "BP101"]


def test_fix_round_trip_is_idempotent(capsys, dirty):
    code, _, err = run(capsys, "--fix", str(dirty))
    assert code == 0 and "fixed 3" in err
    assert dirty.read_text(encoding="utf-8") == CLEAN.replace("", "") + \
        "The mayor said the caf\u00e9 on the square would stay open during the works.\n"
    before = dirty.read_bytes()
    code, out, _ = run(capsys, str(dirty))
    assert (code, out) == (0, "")
    run(capsys, "--fix", str(dirty))
    assert dirty.read_bytes() == before


def test_diff_writes_nothing(capsys, dirty):
    code, out, _ = run(capsys, "--diff", str(dirty))
    assert code == 1
    assert "-Please enter your comment!" in out and "+The mayor said the caf\u00e9" in out
    assert dirty.read_text(encoding="utf-8") == DIRTY


def test_allowlist_and_pyproject_config(capsys, tmp_path, dirty):
    (tmp_path / "allow.txt").write_text("Please enter your comment!\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.cleaner.check]\nallowlist = "allow.txt"\nper-file-ignores = {"page.txt" = ["ENC"]}\n')
    code = main(["check", "--jobs", "1", str(dirty)])
    out, _ = capsys.readouterr()
    assert code == 1
    assert [ln.split(" ")[1] for ln in out.splitlines()] == ["BP101"]
    assert ":6:1:" in out


def test_unknown_config_key_is_an_error_naming_it(capsys, tmp_path, dirty):
    (tmp_path / "pyproject.toml").write_text('[tool.cleaner.check]\nselct = ["ENC"]\n')
    code = main(["check", str(dirty)])
    _, err = capsys.readouterr()
    assert code == 2 and "'selct'" in err


def test_bad_input_is_a_finding_not_a_crash(capsys, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"fine line\nbroken \xff\xfe bytes\n")
    jl = tmp_path / "data.jsonl"
    jl.write_text(json.dumps({"id": "a", "text": CLEAN}) + "\n{not json\n"
                  + json.dumps({"id": "b", "text": DIRTY}) + "\n", encoding="utf-8")
    code, out, _ = run(capsys, str(bad), str(jl))
    assert code == 1
    assert f"{bad}:2: IO001" in out
    assert f"{jl}:2: IO002" in out or f"{jl}:2: record" in out
    assert f"{jl}:3: record b: BP101" in out


def test_jsonl_fix_rewrites_only_the_text_field(capsys, tmp_path):
    jl = tmp_path / "data.jsonl"
    jl.write_text(json.dumps({"id": "b", "text": DIRTY, "url": "u"}) + "\n", encoding="utf-8")
    code, _, _ = run(capsys, "--fix", str(jl))
    assert code == 0
    rec = json.loads(jl.read_text(encoding="utf-8"))
    assert rec["url"] == "u" and "Please enter" not in rec["text"]


def test_parquet_rows_are_checked_one_by_one_and_not_rewritten(capsys, tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    path = tmp_path / "pages.parquet"
    pq.write_table(pa.table({"id": ["a", "b", "c"], "text": [CLEAN, DIRTY, CLEAN]}), path)
    before = path.read_bytes()
    code, out, _ = run(capsys, str(path))
    assert code == 1
    assert f"{path}:2: record b: BP101" in out and f"{path}:2: record b: ENC001" in out
    assert "record a" not in out and "record c" not in out
    code, _, err = run(capsys, "--fix", str(path))
    assert code == 2 and "does not rewrite" in err and "remaining" in err
    assert path.read_bytes() == before


def test_missing_path_is_exit_2(capsys, tmp_path):
    code, _, err = run(capsys, str(tmp_path / "nope.txt"))
    assert code == 2 and "nope.txt" in err


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_pre_commit_try_repo(tmp_path):
    """The real pre-commit runs the hooks of this checkout on a dirty file."""
    pre_commit = Path(sys.executable).with_name("pre-commit")
    if not pre_commit.exists():
        pytest.skip("pre-commit is not installed (test extra)")
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    repo = tmp_path / "data"
    repo.mkdir()
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, env=env)
    (repo / "page.txt").write_text(DIRTY, encoding="utf-8")
    subprocess.run(["git", "add", "page.txt"], cwd=repo, check=True, env=env)

    def hook(name: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(pre_commit), "try-repo", str(ROOT), name, "--files", "page.txt"],
                              cwd=repo, env=env, capture_output=True, text=True, timeout=900)

    first = hook("cleaner-check")
    assert first.returncode == 1, first.stdout + first.stderr
    assert "page.txt:4:23: ENC001" in first.stdout and "page.txt:5:1: BP101" in first.stdout
    fixed = hook("cleaner-fix")
    assert "Please enter" not in (repo / "page.txt").read_text(encoding="utf-8"), fixed.stdout
    again = hook("cleaner-check")
    assert again.returncode == 0, again.stdout + again.stderr
