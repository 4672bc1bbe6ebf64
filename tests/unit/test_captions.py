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


# -- the shortcuts give what the plain computation gives -----------------------------------
import re  # noqa: E402

from cleaner.document import Document  # noqa: E402
from cleaner.filters import captions as captions_module  # noqa: E402
from cleaner.filters.captions import _data, _might_have_credit  # noqa: E402
from tests.strategies import dirty_documents  # noqa: E402


class _EveryLineJudged(Captions):
    """The duplicate rule with every line's chrome status computed (the reference)."""

    def _chrome_needed(self, toks, sentence, removed):
        return None


CAPTION = "Three Iraqi children and two women were killed at Baghdad Airport."
CHROME = ["Share this:", "Leave a Reply", "Please enter your comment!", "Tweet", "Read more", "Related articles"]
_doc_lines = st.lists(st.sampled_from([LEDE, LONG, CAPTION, "Headline", "Foto: dpa", "", *CHROME,
                                       LEDE[:70] + ".", "Short sentence that is not a copy at all."]),
                      max_size=14)


@settings(max_examples=200, deadline=None)
@given(_doc_lines, st.integers(1, 6))
def test_duplicates_with_chrome_judged_where_needed_equal_every_line_judged(ls, window):
    doc = Document("\n".join(ls))
    opts = {"duplicate_window": window}
    assert list(Captions(**opts).find(doc)) == list(_EveryLineJudged(**opts).find(doc))


@settings(max_examples=60, deadline=None)
@given(dirty_documents())
def test_duplicates_on_dirty_documents_equal_every_line_judged(text):
    doc = Document(text)
    assert list(Captions().find(doc)) == list(_EveryLineJudged().find(doc))


def test_chrome_between_a_copy_and_its_sentence_is_judged():
    # the chrome line between the caption and the lede brings them within the window
    # only when it is recognised as chrome: it must be judged
    text = "\n".join(["Headline", CAPTION, *CHROME[:4], LEDE, LONG]) + "\n"
    window = {"duplicate_window": 4}
    found = [f.code for f in Captions(**window).find(Document(text)) if hasattr(f, "code")]
    assert found == [f.code for f in _EveryLineJudged(**window).find(Document(text)) if hasattr(f, "code")]
    assert found == ["CAP201"]
    assert Captions()._chrome_needed([["x"] * 5], [True], set()) == set()  # no prose line: nothing needed


def _might_have_credit_reference(text, pos):
    tail = text[pos:]
    if not captions_module._TRIGGER_CHARS.isdisjoint(tail):
        return True
    low = tail.lower()
    if any(b in low for b in _data()["bys"]):
        return True
    return low.rstrip(" .)]").endswith(_data()["mark_suffixes"])


def _find_credit_reference(line):
    text = line.rstrip()
    if not text:
        return None
    pos = max(0, len(text) - captions_module._TAIL)
    if not _might_have_credit_reference(text, pos):
        return None
    best = None
    for rx in _data()["suffix"]:
        m = rx.search(text, pos)  # from the tail's start, whatever the pattern's width
        if m is None:
            continue
        groups = m.groupdict()
        if groups.get("name") is not None and not captions_module._plausible_name(groups["name"]):
            continue
        if groups.get("pair") is not None and not captions_module._plausible_pair(groups["pair"]):
            continue
        if len(text[m.start():].split()) > captions_module._CREDIT_MAX_WORDS:
            continue
        if best is None or m.start() < best:
            best = m.start()
    return best


_CREDITISH = st.lists(st.sampled_from(["Photo", "photo by", "Foto: ", "dpa", "Reuters", "AFP", "Getty Images",
                                       " via ", "/", " | ", "(", ")", "©", "Copyright ", "(File photo)",
                                       "Symbolbild", "Jane Doe", "said on Monday.", " ", "The ", "x" * 90,
                                       "Kyle Ross", "USA TODAY Sports", "İ", "FOTO VON ", "Bild: Keystone"]),
                      max_size=14).map("".join)


@settings(max_examples=400, deadline=None)
@given(_CREDITISH)
def test_find_credit_equals_the_plain_search(line):
    assert find_credit(line) == _find_credit_reference(line)
    text = line.rstrip()
    pos = max(0, len(text) - captions_module._TAIL)
    assert _might_have_credit(text, pos) == _might_have_credit_reference(text, pos)


def test_suffix_pattern_widths_bound_their_matches():
    for rx, width in zip(_data()["suffix"], _data()["suffix_widths"]):
        assert width is not None and 0 < width < 400
        m = rx.search("Caption text. Foto: " + "A" * 300)
        assert m is None or m.end() - m.start() <= width
    assert captions_module._max_width(re.compile(r"a{1,5}b")) == 6
    assert captions_module._max_width(re.compile(r"a+")) is None


def test_a_credit_as_long_as_its_pattern_allows_is_found():
    label = max(_data()["labels"], key=len)
    name = "Abcdefghi " * 9 + "Abcdefghij"  # 100 characters, 10 words: the longest name allowed
    line = f"({label}  :   {name}"
    assert _data()["suffix"][0].fullmatch(line)
    assert len(line) == _data()["suffix_widths"][0]
    assert find_credit(line) == _find_credit_reference(line) == 0
