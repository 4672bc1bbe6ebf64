"""The rule registry: every code a filter can emit, with its documentation.

Each filter declares its rules as a tuple of :class:`Rule`; this module collects
them, so ``cleaner rules``, ``docs/rules.md`` and ``cleaner check`` all read the
same source. Codes are never reused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

CODE_RE = re.compile(r"^[A-Z]{1,4}[0-9]{3}$")


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule code.

    ``action`` is what the rule does to the text: ``removed``, ``replaced`` or
    ``flagged``. ``fixable`` says whether ``cleaner check --fix`` applies it (a
    safe fix). ``check`` says whether ``cleaner check`` reports it by default.
    ``doc`` is the long explanation (what, why, known problems, example).
    """

    code: str
    name: str
    summary: str
    action: str
    fixable: bool = False
    check: bool = True
    doc: str = ""
    filter: str = ""  # filled in when the filter registers

    def __post_init__(self) -> None:
        if not CODE_RE.match(self.code):
            raise ValueError(f"rule code {self.code!r} is not LETTERS+3 digits")
        if self.action not in {"removed", "replaced", "flagged"}:
            raise ValueError(f"rule {self.code}: action must be removed/replaced/flagged")


def all_rules() -> list[Rule]:
    """Every rule of every registered filter, sorted by code."""
    from cleaner.filters import registry

    rules: dict[str, Rule] = {}
    for name, cls in registry().items():
        for rule in cls.rules:
            if rule.code in rules and rules[rule.code].filter != name:
                raise ValueError(f"rule code {rule.code} used by {rules[rule.code].filter} and {name}")
            rules[rule.code] = rule
    return [rules[c] for c in sorted(rules)]


def rule(code: str) -> Rule:
    for r in all_rules():
        if r.code == code:
            return r
    raise KeyError(f"unknown rule code {code!r}; `cleaner rules` lists them")


def matches(code: str, selectors: Iterable[str]) -> bool:
    """True if ``code`` is selected by one of ``selectors`` (codes or prefixes;
    ``ALL`` selects everything).

    >>> matches("BP101", ["BP1"]), matches("BP101", ["CAP"]), matches("X001", ["ALL"])
    (True, False, True)
    """
    return any(s == "ALL" or code.startswith(s) for s in selectors)


def to_markdown(rules: Iterable[Rule]) -> str:
    """The rules reference, as written to docs/rules.md."""
    rules = list(rules)
    lines = [
        "# Rule reference",
        "",
        "Generated from the code by `cleaner rules --format markdown`; do not edit by hand.",
        "",
        "| code | name | filter | action | fixable | checked by default | summary |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rules:
        lines.append(f"| `{r.code}` | {r.name} | {r.filter} | {r.action} | "
                     f"{'yes' if r.fixable else 'no'} | {'yes' if r.check else 'no'} | {r.summary} |")
    for r in rules:
        lines += ["", f"## {r.code} {r.name}", "", f"*Filter:* `{r.filter}` · *action:* {r.action} · "
                  f"*fixable:* {'yes' if r.fixable else 'no'}", "", r.summary]
        if r.doc:
            lines += ["", r.doc.strip()]
    return "\n".join(lines) + "\n"
