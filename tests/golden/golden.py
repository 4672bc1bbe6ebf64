"""Golden fixtures: ``fixtures/<case>/`` holds ``input.txt`` or ``input.html``,
an optional ``config.json`` (options for :func:`cleaner.clean`), the
``expected.txt`` clean text and ``expected.json`` (language, verdict and every
change: code, action, offsets, text).

Regenerate after a deliberate change, then read the diff::

    .venv/bin/python -m tests.golden.golden            # all cases
    .venv/bin/python -m tests.golden.golden seed       # one case
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import cleaner

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def cases() -> list[str]:
    return sorted(p.name for p in FIXTURES.iterdir() if p.is_dir() and any(p.glob("input.*")))


def run_case(name: str) -> tuple[str, dict]:
    case = FIXTURES / name
    options = json.loads((case / "config.json").read_text()) if (case / "config.json").exists() else {}
    html = case / "input.html"
    if html.exists():
        result = cleaner.clean(html.read_text(encoding="utf-8"), format="html", id=name, **options)
    else:
        text = (case / "input.txt").read_bytes().decode("utf-8")
        result = cleaner.clean(text, id=name, **options)
    report = result.report.to_dict()
    summary = {
        "language": report["language"]["lang"],
        "verdict": {"keep": report["verdict"]["keep"],
                    "reasons": [r["code"] for r in report["verdict"]["reasons"]]},
        "changes": [{k: c[k] for k in ("code", "action", "start", "end", "text")} for c in report["changes"]],
    }
    return result.text, summary


def write_case(name: str) -> None:
    text, summary = run_case(name)
    case = FIXTURES / name
    (case / "expected.txt").write_bytes(text.encode("utf-8", "surrogatepass"))
    (case / "expected.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote fixtures/{name}/expected.*: {len(summary['changes'])} changes")


if __name__ == "__main__":
    for name in sys.argv[1:] or cases():
        write_case(name)
