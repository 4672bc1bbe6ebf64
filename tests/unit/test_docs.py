"""Generated documentation is up to date with the code (regenerate: `make docs`)."""

from pathlib import Path

from cleaner.rules import all_rules, to_markdown

ROOT = Path(__file__).resolve().parents[2]


def test_rules_md_is_generated_from_the_code():
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == to_markdown(all_rules()), \
        "docs/rules.md is stale: run `make docs`"


def test_every_rule_has_a_documented_what_and_fix_safety():
    for r in all_rules():
        assert r.summary and r.doc, r.code
        assert "What:" in r.doc and "Fix safety:" in r.doc, r.code
