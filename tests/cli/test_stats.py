"""``cleaner stats``: summary, JSON and HTML from ``cleaner clean``-style output."""

from __future__ import annotations

import gzip
import json

from cleaner import Pipeline
from cleaner.cli import main

PIPE = Pipeline.from_config({"filters": ["encoding", "language", "layout", "quality"]})
GOOD = ("The city council approved the new budget after a long debate about public transport and housing. "
        "Members of the opposition said that the plan would not be enough to meet the needs of the growing "
        "population, and they asked the mayor to publish the figures. The mayor agreed to present a report "
        "with the full numbers to the council in the spring, together with an estimate of the costs.\n")


def write_run(path, texts, compress=False):
    lines = []
    for i, t in enumerate(texts):
        r = PIPE(t, id=str(i))
        lines.append(json.dumps({"id": str(i), "text": r.text, "cleaner": r.report.to_dict()}) + "\n")
    opener = gzip.open if compress else open
    with opener(path, "wt", encoding="utf-8") as fh:
        fh.writelines(lines)


def test_stats_summary_json_and_html(tmp_path, capsys):
    kept, rejected = tmp_path / "out.jsonl", tmp_path / "out.rejected.jsonl.gz"
    write_run(kept, [GOOD, GOOD])
    write_run(rejected, ["Buy now!"], compress=True)
    out_json, out_html = tmp_path / "s.json", tmp_path / "s.html"
    assert main(["stats", str(kept), str(rejected), "--json", str(out_json), "--html", str(out_html)]) == 0
    printed = capsys.readouterr().out
    assert "documents: 3 in, 2 kept, 1 dropped, 0 errors" in printed
    assert "Q101" in printed
    d = json.loads(out_json.read_text(encoding="utf-8"))
    assert d["documents"]["in"] == 3
    page = out_html.read_text(encoding="utf-8")
    assert "<svg" in page and "http" not in page


def test_stats_json_to_stdout(tmp_path, capsys):
    path = tmp_path / "out.jsonl"
    write_run(path, [GOOD])
    assert main(["stats", str(path), "--json", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["documents"]["kept"] == 1


def test_stats_missing_file_is_usage_error(tmp_path, capsys):
    assert main(["stats", str(tmp_path / "nope.jsonl")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_stats_counts_unreadable_lines_as_errors(tmp_path, capsys):
    path = tmp_path / "out.jsonl"
    path.write_text("not json\n" + json.dumps({"text": "x"}) + "\n", encoding="utf-8")
    assert main(["stats", str(path)]) == 0
    assert "2 errors" in capsys.readouterr().out
