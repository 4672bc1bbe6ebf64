"""Translation filter: MT debris, typography, inconsistent renderings, calques,
the score; negatives on native English; properties (flags never change text)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Pipeline
from cleaner.filters.translation import Translation, features, model_probability

NATIVE = ("The council said on Tuesday that the bridge would open in May. “We’re delighted,” the mayor "
          "said. Reuters reported that costs had risen to $1,500,000 – about 3.5 percent more than "
          "planned – and the AFP news agency said the Nasdaq fell 2.1%.")


def run(text: str, lang: str = "en", **options):
    r = Pipeline([Translation(**options)])(text, lang=lang)
    return r, [(c.code, c.text) for c in r.report.changes if c.code != "TR901"]


@pytest.mark.parametrize("line", ["Translated by Google", "(Translated by Google)", "Translate this page",
                                  "Rate this translation", "Automatisch übersetzt", "Traduit par Google",
                                  "Traducido por Google", "Показать оригинал"])
def test_mt_debris_lines_are_removed(line):
    r, found = run(f"{NATIVE}\n{line}\n")
    assert found == [("TR201", f"\n{line}")] or found == [("TR201", f"{line}\n")]
    assert line not in r.text


def test_mt_label_before_review_text_is_trimmed():
    r, found = run("(Translated by Google) Great hotel, friendly staff.\n(Original) Tolles Hotel.\n")
    assert [c for c, _ in found] == ["TR202", "TR202"]
    assert r.text == "Great hotel, friendly staff.\nTolles Hotel.\n"


@pytest.mark.parametrize("text,code", [
    ("The army spoke.\n– ‘Honeymoons are over’ –\nMore text.", "TR301"),
    ("What now ? he asked ; nobody knew the answer.", "TR302"),
    ("He said «no» and left the room.", "TR303"),
    ("Inflation rose 3,5 percent in May.", "TR304"),
    ("The army sent 12 000 soldiers to the border.", "TR305"),
    ("He said „no“ and left.", "TR306"),
    ("Iraqi and foreign officials informed the AFP.", "TR501"),
])
def test_typography_and_calques(text, code):
    _, found = run(text)
    assert code in [c for c, _ in found]


def test_inconsistent_rendering_of_a_quote():
    text = "– ‘Honeymoons are over’ –\nAn Iraqi official told AFP: “The honeymoon is over.”\n"
    _, found = run(text)
    assert [t for c, t in found if c == "TR401"] == ["‘Honeymoons are over’", "“The honeymoon is over.”"]


def test_native_english_is_not_flagged():
    _, found = run(NATIVE + "\nA long-running series – now in its tenth year – returns.\n")
    assert found == []


def test_typography_rules_are_english_only_by_default():
    _, found = run("Il a dit « non » et il est parti ; personne ne savait pourquoi !", lang="fr")
    assert found == []


def test_seed_like_document_scores_over_the_threshold():
    text = ("Half a dozen factions claimed the attacks.\n– ‘Honeymoons are over’ –\n"
            "Iraqi and foreign officials informed the AFP.\nAn Iraqi official told AFP: “The honeymoon is over.”\n")
    r, _ = run(text)
    info = r.report.to_dict()["annotations"]["translation"]
    assert info["score"] >= Translation().threshold and info["decisive"]
    assert "TR901" in [c.code for c in r.report.changes]


def test_model_needs_enough_sentences_and_is_deterministic():
    assert model_probability(features("One sentence only.")) is None
    long = " ".join(["The report was published according to the ministry, which also said it."] * 12)
    p1, p2 = model_probability(features(long)), model_probability(features(long))
    assert p1 is not None and 0 <= p1 <= 1 and p1 == p2


def test_rule_docs():
    for r in Translation.rules:
        for section in ("What:", "Known problems:", "Example:", "Fix safety:"):
            assert section in r.doc, (r.code, section)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_flags_never_change_text_and_offsets_are_valid(text):
    text = text.encode("utf-8", "replace").decode("utf-8")
    r = Pipeline([Translation()])(text, lang="en")
    for c in r.report.changes:
        if c.start is not None:
            assert text[c.start:c.end] == c.text
    removed = [c for c in r.report.changes if c.action == "removed"]
    if not removed:
        assert r.text == text
