"""Scoring shared by the page benchmarks, exactly as ``shared/pages/README.md`` states.

- normalise: case-fold, collapse all whitespace to single spaces;
- count only snippets whose normalised form occurs in the normalised naive scrape;
- kept = share of counted ``with`` snippets found in the output;
- removed = share of counted ``without`` snippets not found in the output;
- hmean = harmonic mean; a page whose cleaning raises scores as an empty output.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

_SPACE = re.compile(r"\s+")
SHARED = Path(os.environ.get("CLEANER_SHARED", Path(__file__).resolve().parents[2] / "shared"))
PAGES = SHARED / "pages" / "dev"


def norm(s: str) -> str:
    return _SPACE.sub(" ", s.casefold()).strip()


@dataclass
class Page:
    name: str
    text: str          # the naive scrape
    html: str
    keep: list[str]    # counted must-keep snippets (normalised)
    drop: list[str]    # counted must-remove snippets (normalised)


def load_pages(root: Path = PAGES) -> list[Page]:
    if not (root / "labels.jsonl").exists():
        raise SystemExit(f"{root}/labels.jsonl not found; set CLEANER_SHARED to the shared/ directory")
    pages = []
    with open(root / "labels.jsonl", encoding="utf-8") as fh:
        for line in fh:
            lab = json.loads(line)
            name = lab["name"]
            text = (root / "text" / f"{name}.txt").read_text(encoding="utf-8", errors="replace")
            html = (root / "html" / f"{name}.html").read_bytes().decode("utf-8", errors="replace")
            scrape = norm(text)
            keep = [n for n in map(norm, lab["with"]) if n and n in scrape]
            drop = [n for n in map(norm, lab["without"]) if n and n in scrape]
            pages.append(Page(name, text, html, keep, drop))
    return pages


@dataclass
class Score:
    kept_hit: int = 0
    kept_n: int = 0
    removed_hit: int = 0
    removed_n: int = 0
    failures: list[str] = field(default_factory=list)

    def add(self, page: Page, output: str) -> None:
        out = norm(output)
        self.kept_n += len(page.keep)
        self.kept_hit += sum(1 for s in page.keep if s in out)
        self.removed_n += len(page.drop)
        self.removed_hit += sum(1 for s in page.drop if s not in out)

    @property
    def kept(self) -> float:
        return self.kept_hit / self.kept_n if self.kept_n else 1.0

    @property
    def removed(self) -> float:
        return self.removed_hit / self.removed_n if self.removed_n else 1.0

    @property
    def hmean(self) -> float:
        k, r = self.kept, self.removed
        return 2 * k * r / (k + r) if k + r else 0.0
