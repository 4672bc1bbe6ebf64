"""``cleaner rules``: list every rule code, from the registry."""

from __future__ import annotations

import argparse
import json

from cleaner.rules import all_rules, matches, to_markdown

COMMAND = "rules"
ORDER = 30
HELP = "list every rule code (code, filter, fixable, summary) or show one rule's documentation"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("codes", nargs="*", metavar="CODE",
                   help="show the documentation of these codes or prefixes (default: list all)")
    p.add_argument("--format", choices=["text", "json", "markdown"], default="text",
                   help="output format (markdown is docs/rules.md)")


def run(args: argparse.Namespace) -> int:
    rules = all_rules()
    if args.codes:
        rules = [r for r in rules if matches(r.code, args.codes)]
        if not rules:
            print(f"cleaner rules: no rule matches {' '.join(args.codes)}")
            return 2
    if args.format == "json":
        print(json.dumps([{"code": r.code, "name": r.name, "filter": r.filter, "action": r.action,
                           "fixable": r.fixable, "checked_by_default": r.check, "summary": r.summary,
                           "doc": r.doc} for r in rules], indent=2, ensure_ascii=False))
    elif args.format == "markdown":
        print(to_markdown(rules), end="")
    elif args.codes:
        for r in rules:
            print(f"{r.code} {r.name} ({r.filter}; {r.action}; {'fixable' if r.fixable else 'not fixable'})")
            print(f"  {r.summary}")
            if r.doc:
                print("\n".join("  " + line if line else "" for line in r.doc.strip().splitlines()))
            print()
    else:
        width = max(len(r.name) for r in rules)
        for r in rules:
            fix = "fix" if r.fixable else "   "
            print(f"{r.code:8} {r.name:{width}}  {r.filter:12} {fix}  {r.summary}")
    return 0
