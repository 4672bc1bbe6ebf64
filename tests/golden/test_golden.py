"""The golden fixtures still give the recorded text and report."""

from __future__ import annotations

import json

import pytest

from tests.golden.golden import FIXTURES, cases, run_case


@pytest.mark.parametrize("name", cases())
def test_golden(name):
    text, summary = run_case(name)
    expected_text = (FIXTURES / name / "expected.txt").read_bytes().decode("utf-8", "surrogatepass")
    expected = json.loads((FIXTURES / name / "expected.json").read_text(encoding="utf-8"))
    assert summary["language"] == expected["language"]
    assert summary["verdict"] == expected["verdict"]
    assert summary["changes"] == expected["changes"]
    assert text == expected_text


def test_there_are_golden_cases_in_several_languages():
    langs = {json.loads((FIXTURES / c / "expected.json").read_text())["language"] for c in cases()}
    assert "en" in langs


@pytest.mark.parametrize("name", [c for c in cases() if not (FIXTURES / c / "input.html").exists()])
def test_golden_output_is_a_fixpoint(name):
    # realistic pages, not generated text: cleaning the clean text again changes
    # nothing (a text-mode case is cleaned as text again, with its options)
    import cleaner

    case = FIXTURES / name
    options = json.loads((case / "config.json").read_text()) if (case / "config.json").exists() else {}
    text, _ = run_case(name)
    assert cleaner.clean(text, id=name, **options).text == text
