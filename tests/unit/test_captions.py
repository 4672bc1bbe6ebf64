"""Captions filter: credit lines, captions with credits, credit suffixes and
caption copies of the lede, in several languages; negatives; properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Pipeline
from cleaner.filters.captions import Captions, find_credit

LEDE = ("Three Iraqi children and two women from the same family were killed Monday when a missile "
        "struck their home at Baghdad Airport, where US troops are stationed, the army said.")
LONG = ("The council met on Tuesday evening and decided, after a debate that lasted well into the "
        "night and touched on the cost of the works, the traffic in the old town, the ferry that will "
        "keep running until the road is finished and the noise that the residents on the east bank "
        "fear, that the new bridge over the river will be built next year.")


def codes(text: str, **options) -> list[tuple[str, str]]:
    r = Pipeline([Captions(**options)])(text)
    return [(c.code, c.text.strip()) for c in r.report.changes]


@pytest.mark.parametrize("line", [
    "Photo: Reuters", "Foto: dpa", "Bild: Keystone", "Crédit photo : AFP", "Foto: EFE",
    "Fotos: Anita Drenckhahn", "Image credit: NASA/JPL", "© Jane Doe", "(© FEI/Christophe Taniere)",
    "Photo by Jane Doe via Getty Images", "Foto von Max Mustermann", "Kyle Ross/USA TODAY Sports",
    "APA/Georg Hochmuth", "(File photo)", "Symbolbild", "Imagen de archivo", "Foto d'archivio",
    "Photo d'illustration", "Foto de arquivo", "Archieffoto", "Bild: shutterstock",
    "Foto: unsplash/Bill Mead", "Фото: ТАСС", "fot. PAP",
])
def test_credit_lines(line):
    text = f"Headline of the story\n{line}\n{LEDE}\n"
    found = codes(text)
    assert found == [("CAP101", line)], found


@pytest.mark.parametrize("line", [
    "Three Iraqi children and two women from the same family were killed on Monday. (Representative)",
    "Motivierte Akteure des Netzwerktreffens in Egling. Foto: Energiewende Oberland",
    "Le chlorothalonil est utilisé dans la culture des céréales. Image: Keystone",
    "Auch im Sarganserland wurden steile Couloirs begangen (Foto: R. Grischott, 15.01.2022).",
    "The minister at the press conference. (AP Photo/John Doe)",
    "Una de las oficinas de la Fundación Ciudad del Saber.Cedida",
    "Rene Benko. Photographer: Sebastian Widmann/Getty Images Europe",
    "Die Profile werden mit Hilfe der Eckkappen verbunden und ausgerichtet.© Hoklatherm",
    "Auch die EU und Deutschland sind noch nicht auf Paris-Kurs. picture alliance | Andrew Milligan",
])
def test_captions_ending_in_a_credit_go_whole(line):
    found = codes(f"Headline\n{line}\n{LONG}\n")
    assert [c for c, _ in found] == ["CAP102"], found


def test_a_long_paragraph_keeps_its_text_and_loses_the_credit():
    text = f"Headline\n{LONG} Foto: dpa\n"
    r = Pipeline([Captions()])(text)
    assert r.text == f"Headline\n{LONG}\n"
    assert [c.code for c in r.report.changes] == ["CAP103"]


def test_seed_caption_copy_of_the_lede():
    text = ("At least 5 Iraqi civilians killed in missile strike against US\n\n"
            "Three Iraqi children and two women from the same family were killed on Monday. (Representative)\n\n"
            f"Baghdad, Iraq:\n\n{LEDE}\n")
    r = Pipeline([Captions()])(text)
    assert "(Representative)" not in r.text and "Baghdad, Iraq:" in r.text and LEDE in r.text
    assert [c.code for c in r.report.changes] == ["CAP102"]


def test_duplicate_caption_without_credit():
    caption = "Three Iraqi children and two women were killed at Baghdad Airport."
    r = Pipeline([Captions()])(f"Headline\n{caption}\n{LEDE}\n{LONG}\n")
    assert [c.code for c in r.report.changes] == ["CAP201"]


@pytest.mark.parametrize("line", [
    "The photo shows the river in spring, when the snow melts in the mountains.",
    "She took a photo: it was lovely, and she sent it to her mother.",
    "AP reported on Monday that the talks had failed, and the AP later corrected it.",
    "Image is everything to them, the coach said after the match.",
    "The minister said (Reuters reported) that prices would rise again in the autumn.",
    "Die Quelle: ein Bericht der Regierung, der im Mai erschienen ist.",
    "Zürich/Bern",
    "Thai Pandan Chicken / Gai Haw Bai Toey",
    "The match ended 2-1 (AFP)",
    "Bilder einer Ausstellung ist ein Werk von Modest Mussorgski.",
])
def test_prose_that_mentions_photos_or_agencies_stays(line):
    assert codes(f"Headline\n{line}\n{LONG}\n") == []
    assert find_credit(line) is None


def test_headings_repeating_the_title_are_not_duplicates():
    assert codes(f"Bridge opens next spring | City News\nBridge opens next spring\n{LONG}\n") == []


def test_rule_docs():
    for r in Captions.rules:
        for section in ("What:", "Known problems:", "Example:", "Fix safety:"):
            assert section in r.doc, (r.code, section)


lines_st = st.lists(st.one_of(
    st.sampled_from([LEDE, LONG, "Foto: dpa", "Photo: Reuters", "(File photo)", "Headline here",
                     LEDE[:60] + ". (Representative)", ""]),
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r"), max_size=60)),
    max_size=12)


@settings(max_examples=80, deadline=None)
@given(lines_st)
def test_only_whole_lines_or_trailing_credits_are_removed_and_idempotent(ls):
    text = "\n".join(ls)
    p = Pipeline([Captions()])
    r = p(text)
    for c in r.report.changes:
        assert text[c.start:c.end] == c.text
        if c.code == "CAP103":  # a trailing span of one line
            assert "\n" not in c.text and (c.end == len(text) or text[c.end] == "\n")
        else:  # whole lines
            assert c.start == 0 or text[c.start - 1] == "\n" or c.text.startswith("\n")
    assert p(r.text).text == r.text
