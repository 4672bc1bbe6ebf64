"""The encoding filter: each fix recorded with its code and offsets; real text untouched."""

from __future__ import annotations

import pytest

from cleaner import Pipeline, replay
from cleaner.filters.encoding import Encoding

ENC = Pipeline([Encoding()])

# (input, expected output, codes) — positive cases
FIXES = [
    ("cafÃ© au lait", "café au lait", ["ENC001"]),
    ("It wasnâ€™t me", "It wasn’t me", ["ENC001"]),
    ("Stack Overflow â\x80\x93 Teams", "Stack Overflow – Teams", ["ENC001"]),
    ("schÃ¶ne GrÃ¼ÃŸe aus MÃ¼nchen", "schöne Grüße aus München", ["ENC001"]),
    ("Tom &amp; Jerry &eacute;t&eacute; &#8217;", "Tom & Jerry été ’", ["ENC002"]),
    ("bell\x07 and\x00 null", "bell and null", ["ENC003"]),
    ("zero\u200bwidth soft\u00adhyphen", "zerowidth softhyphen", ["ENC004"]),
    ("\ufeffBOM at start", "BOM at start", ["ENC004"]),
    ("one\r\ntwo\rthree\u2028four", "one\ntwo\nthree\nfour", ["ENC005"]),
    ("decomposed e\u0301", "decomposed é", ["ENC006"]),
    ("\ufb01ne \uff21\uff22\uff23", "fine ABC", ["ENC007"]),
    ("\uff28\uff45\uff4c\uff4c\uff4f\uff0c\u3000\uff57\uff4f\uff52\uff4c\uff44\uff01", "Hello, world!", ["ENC007"]),
    ("２０２０年，东京（日本）举办了奥运会。", "2020年，东京（日本）举办了奥运会。", ["ENC007"]),  # digits only
    ("東京ｶﾀｶﾅ、テスト。", "東京カタカナ、テスト。", ["ENC007"]),
    ("lone \ud800 surrogate", "lone \ufffd surrogate", ["ENC008"]),
    ("\x1b[31mred\x1b[0m text", "red text", ["ENC003"]),
]

# real text that must come out unchanged
UNTOUCHED = [
    "Plain ASCII text, with 'quotes' and \"double quotes\".",
    "Typographic “quotes” and ‘single’ ones — and „German“ ones, «French» too.",
    "Deutsch: Grüße, Straße, Öl; français : déjà vu, à bientôt ; español: año, niño.",
    "Русский текст остаётся как есть. Українська теж: їжак, ґанок.",
    "中文文本保持不变。日本語のテキストもそのままです。한국어도 마찬가지입니다.",
    # the fullwidth punctuation of Chinese and Japanese text is its punctuation, not damage
    "我的车很快便抵达酒店门口，但碧莲还没有下来！我只好在车内等著：怎么办？",
    "東京（日本）で会議が開かれました！　参加者は「大成功」と言いました。",
    "한국어 문장입니다，그리고（괄호）도 있습니다．",
    "عربي: النص العربي يبقى كما هو. فارسی: می‌خواهم با نیم‌فاصله",  # ZWNJ kept
    "Emoji 👩‍👩‍👧 family with zero-width joiners, flags 🇩🇪 and skin tones 👍🏽.",
    "R&D costs rose; AT&T and P&G were up. 3 < 4 & 5 > 2.",
    "A literal &amp; inside markup <b>stays</b> because this line has a tag.",
    "Tabs\tare\tkept, and so are non-breaking\u00a0spaces.",
    "Portuguese: São Paulo à noite, maçã, Ã is a letter too in SÃO.",
]


@pytest.mark.parametrize("text, expected, codes", FIXES)
def test_fixes_are_recorded(text, expected, codes):
    r = ENC(text)
    assert r.text == expected
    assert sorted({c.code for c in r.report.changes}) == codes
    for c in r.report.changes:
        assert text[c.start:c.end] == c.text
        assert c.action == "replaced" and c.reason
    assert replay(text, r.report.changes) == expected


@pytest.mark.parametrize("text", UNTOUCHED)
def test_real_text_is_untouched(text):
    r = ENC(text)
    assert r.text == text
    assert r.report.changes == ()


def test_each_mojibake_word_is_its_own_change():
    text = "naÃ¯ve and cafÃ© and rÃ©sumÃ©"
    r = ENC(text)
    assert r.text == "naïve and café and résumé"
    assert [c.text for c in r.report.changes] == ["Ã¯", "Ã©", "Ã©", "Ã©"]


def test_entity_is_one_change_with_its_whole_text():
    r = ENC("a &amp; b &lt;c&gt;")
    assert [(c.text, c.replacement) for c in r.report.changes] == [("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">")]


def test_options_turn_fixes_off():
    p = Pipeline([Encoding(unescape_html=False, fix_line_breaks=False, remove_invisible=False)])
    text = "a &amp; b\r\nzero\u200bwidth"
    assert p(text).text == text


def test_uncurl_quotes_is_off_by_default_and_can_be_on():
    assert ENC("“quoted”").text == "“quoted”"
    assert Pipeline([Encoding(uncurl_quotes=True)])("“quoted”").text == '"quoted"'


def test_line_breaks_and_fixes_on_the_same_line():
    text = "cafÃ©\r\n&amp;\r\n"
    r = ENC(text)
    assert r.text == "café\n&\n"
    assert replay(text, r.report.changes) == r.text


def test_long_line_with_many_fixes_stays_exact():
    text = " ".join(["cafÃ©", "plain", "&amp;"] * 2000)
    r = ENC(text)
    assert r.text == " ".join(["café", "plain", "&"] * 2000)
    assert replay(text, r.report.changes) == r.text


# -- the fast paths give what the plain per-line scan and SequenceMatcher give ------------
from difflib import SequenceMatcher  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from cleaner.document import Document  # noqa: E402
from cleaner.filters import encoding as enc  # noqa: E402
from tests.strategies import dirty_documents  # noqa: E402


def _find_line_by_line(f: Encoding, text: str):
    """The filter's findings by testing every line (the path taken when the text is
    not normalised), as the reference for the whole-text scan."""
    out = []
    if f.fix_line_breaks:
        out += [x for x in f.find(Document(text)) if x.code == "ENC005"]
    pos = 0
    for end in enc._iter_line_ends(text):
        if pos < end:
            out += list(f._fix_line(text, pos, end))
        pos = end + enc._break_len(text, end)
    return out


_PIECES = st.sampled_from(["cafÃ©", "déjà", "été ", "&amp;", "&#8217;", "\x0c", "\x07", "\x85", "\u200b",
                           "\ufb01", "\uff21", "“quoted”", "plain", " ", "\n", "\r\n", "\r", "\u2028",
                           "\u2029", "\n\n", "Ã", "Â«Â", "Ð¼", "R&D", "<b>", "e\u0301"])


@given(st.lists(_PIECES, max_size=30).map("".join))
def test_whole_text_scan_finds_what_the_line_scan_finds(text):
    for f in (Encoding(), Encoding(uncurl_quotes=True)):
        assert list(f.find(Document(text))) == _find_line_by_line(f, text)


@given(dirty_documents())
def test_whole_text_scan_on_dirty_documents(text):
    f = Encoding()
    assert list(f.find(Document(text))) == _find_line_by_line(f, text)


def _opcodes(a, b):
    return [(i1, i2, j1, j2) for tag, i1, i2, j1, j2
            in SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if tag != "equal"]


@given(st.text("abcÃ©«Â", max_size=12), st.text("abcé«", max_size=12))
def test_gaps_equal_sequence_matcher(a, b):
    assert enc._gaps(a, b) == _opcodes(a, b)


@given(st.text("ab", max_size=8), st.text("XY", min_size=1, max_size=3), st.text("UV", min_size=1, max_size=3),
       st.text("ab", max_size=8))
def test_gaps_shortcut_cases_equal_sequence_matcher(p, x, y, s):
    a, b = p + x + s, p + y + s  # the shortcut's shape: a different middle on each side
    assert enc._gaps(a, b) == _opcodes(a, b) == [(len(p), len(p) + len(x), len(p), len(p) + len(y))]


@settings(max_examples=400)
@given(st.text("ab", max_size=6), st.text("Xa", max_size=3), st.text("Uab", max_size=3), st.text("ab", max_size=6))
def test_gaps_near_the_shortcut_equal_sequence_matcher(p, x, y, s):
    # middles that share items with the other side (or are empty) are not the shortcut's case
    a, b = p + x + s, p + y + s
    assert enc._gaps(a, b) == _opcodes(a, b)


@given(st.lists(st.sampled_from(["a", "b", " ", "c"]), max_size=10), st.lists(st.sampled_from(["a", "b", " ", "d"]),
                                                                             max_size=10))
def test_gaps_on_token_lists_equal_sequence_matcher(a, b):
    assert enc._gaps(a, b) == _opcodes(a, b)


@given(st.text("abc", max_size=30), st.text("abc", max_size=30))
def test_affix_lens_equal_the_character_loops(a, b):
    p = 0
    limit = min(len(a), len(b))
    while p < limit and a[p] == b[p]:
        p += 1
    q = 0
    while q < limit - p and a[len(a) - 1 - q] == b[len(b) - 1 - q]:
        q += 1
    assert enc._affix_lens(a, b) == (p, q)


def test_lines_matching_and_untriggered_text():
    import re

    assert list(enc._lines_matching("x\n\u2028ab\r\nb\rc", re.compile("b"))) == [(3, 5), (7, 8)]
    assert list(enc._lines_matching("plain ascii\nlines", *enc._trigger_parts())) == []
    assert list(Encoding().find(Document("plain ascii\nno trouble here\n"))) == []


@settings(max_examples=500)
@given(st.text("abcÃ©«Â ", max_size=30), st.text("abcé« ", max_size=30))
def test_gaps_of_longer_strings_equal_sequence_matcher(a, b):
    # several blocks, repeated characters, ties between equally long blocks
    assert enc._gaps(a, b) == _opcodes(a, b)


@given(st.lists(st.sampled_from(["x", "y", "z", " "]), max_size=25), st.lists(st.sampled_from(["x", "y", "w", " "]),
                                                                             max_size=25))
def test_longest_match_equals_sequence_matcher(a, b):
    m = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    assert enc._longest_match(a, b) == (m.a, m.b, m.size) or m.size == 0 == enc._longest_match(a, b)[2]


def test_whole_text_scan_is_linear_on_many_triggered_lines():
    # every line has a trigger (a form feed, which ftfy is not even asked about):
    # finding each line's start and end must not scan the rest of the text
    class Counting(str):
        scanned = 0

        def rfind(self, sub, start=None, end=None):
            Counting.scanned += (len(self) if end is None else end) - (start or 0)
            return str.rfind(self, sub, start, end)

        def find(self, sub, start=None, end=None):
            Counting.scanned += (len(self) if end is None else end) - (start or 0)
            return str.find(self, sub, start, end)

    text = Counting("R&amp;D\n" + "a\x0cb\n" * 2000)  # one entity: the text is not skipped whole
    found = list(enc._lines_matching(text, *enc._trigger_parts()))
    assert len(found) == 2001
    assert Counting.scanned <= 4 * len(text)  # the four break characters, each over its own line
    assert [f.code for f in Encoding().find(Document(str(text)))] == ["ENC002"]
    assert list(enc._lines_matching("a\x0cb\r\nc\x0cd\u2028e", *enc._trigger_parts())) == [(0, 3), (5, 8)]


def test_ftfy_output_that_is_mojibake_again_is_repaired_in_the_same_run():
    # found by the fuzz profile: ftfy reads \x80 as "€" (cp1252) after the soft hyphen goes,
    # which makes "ß€", the mojibake of "߀"; a second run must not change anything
    text = "\xadß\x80\n"
    once = ENC(text)
    assert ENC(once.text).text == once.text
    assert replay(text, once.report.changes) == once.text


# -- lines ftfy is not asked about: it would return them as they are ----------------------
def _badness_chars() -> list[str]:
    """Every non-ASCII character ftfy's mojibake detector names, and a few others."""
    import re._parser as sre  # the detector's pattern, parsed: its literals and class members

    from ftfy.badness import BADNESS_RE

    out = set()

    def walk(tree):
        for op, av in tree:
            if str(op) == "LITERAL" and av > 127:
                out.add(chr(av))
            elif str(op) == "IN":
                for o, a in av:
                    if str(o) == "LITERAL" and a > 127:
                        out.add(chr(a))
                    elif str(o) == "RANGE":
                        out.update(map(chr, range(max(a[0], 128), a[1] + 1)))
            elif str(op) == "BRANCH":
                for b in av[1]:
                    walk(b)
            elif str(op) == "SUBPATTERN":
                walk(av[-1])
            elif str(op) in ("MAX_REPEAT", "MIN_REPEAT"):
                walk(av[2])

    walk(sre.parse(BADNESS_RE.pattern, BADNESS_RE.flags))
    return sorted(out | set("é一А\u00a0\u2000"))


_BAD_CHARS = _badness_chars()
_ASCII = list("aZz1_ \n.,?!-#'\"")


def test_mojibake_detector_needs_what_the_pre_scan_looks_for():
    # each non-ASCII character between ASCII ones, and pairs of them one ASCII apart
    from ftfy.badness import is_bad

    for x in _BAD_CHARS:
        for a in _ASCII:
            for b in _ASCII:
                s = a + x + b
                assert not is_bad(s) or enc._MOJIBAKE_PAIR_RE.search(s), s
        for y in _BAD_CHARS[::7]:
            for a in _ASCII:
                s = x + a + y
                assert not is_bad(s) or enc._MOJIBAKE_PAIR_RE.search(s), s


@settings(max_examples=1000)
@given(st.lists(st.sampled_from(_BAD_CHARS) | st.sampled_from(_ASCII), max_size=14).map("".join))
def test_mojibake_detector_needs_what_the_pre_scan_looks_for_in_any_string(s):
    from ftfy.badness import is_bad

    assert not is_bad(s) or enc._MOJIBAKE_PAIR_RE.search(s)


@settings(max_examples=500)
@given(st.lists(_PIECES | st.sampled_from(["ß“", "СР", "ĳ", "\u3000", "\uffe1", "\x1b[1m", "œ.", "Â ", "’s",
                                           "Ã ", "\ufffd", "\u0301", "Ö»"]), max_size=12).map("".join))
def test_lines_ftfy_keeps_are_kept_by_ftfy(text):
    for f in (Encoding(), Encoding(uncurl_quotes=True), Encoding(normalization="NFKC")):
        for line in enc._ANY_BREAK_RE.split(text):
            if f._ftfy_keeps(line):
                assert enc._INVISIBLE_RE.sub("", f._ftfy(line)[0]) == line


@pytest.mark.parametrize("text", [
    "\u0645\u062d\u0631\u0651\u064e\u0631\u0627 \u0641\u064a \u0627\u0644\u0639\u0627\u0644\u0645",  # shadda, fatha
    "\u0651\u064e\u0645\u062d\u0631",  # at the start of the line
    "\u0645\u062d\u0631\u0651\u064e",  # at the end
    "\u05d1\u05bc\u05b8\u05e8\u05b8\u05d0",  # Hebrew dagesh before qamats
    "Vi\u0323\u0302t Nam",  # Vietnamese: dot below, circumflex
])
def test_reordered_combining_marks_are_one_edit_and_nothing_is_lost(text):
    # NFC puts combining marks in canonical order: a diff sees an insertion and a
    # deletion; the insertion used to be dropped with the mark (Arabic lost its fatha)
    import unicodedata

    r = ENC(text)
    assert r.text == unicodedata.normalize("NFC", text)
    assert all(c.start < c.end for c in r.report.changes)
    assert replay(text, r.report.changes) == r.text


_RELEVANT_STEPS = {"apply:unescape_html", "apply:remove_terminal_escapes"}  # what _classify reads


def _check_one_round(f, line):
    fixed, steps, stable = f._ftfy_proved(line)
    want, want_steps = f._ftfy(line)
    assert fixed == want
    names = {f"{s.action}:{s.parameter}" for s in steps} & _RELEVANT_STEPS
    assert names == {f"{s.action}:{s.parameter}" for s in want_steps or ()} & _RELEVANT_STEPS
    if stable:
        assert f._ftfy_keeps(fixed)


@settings(max_examples=500)
@given(st.lists(_PIECES | st.sampled_from(["ß“", "СР", "ĳ", "\u3000", "\uffe1", "\x1b[1m", "œ.", "Â ", "’s",
                                           "Ã ", "\ufffd", "\u0301", "Ö»", "\xadß\x80", "Ã©tÃ©", "&lt;b&gt;",
                                           "â€™", "Ã¼", "\x80", "\ud83d"]), max_size=12).map("".join))
def test_one_ftfy_round_then_proof_equals_ftfy(text):
    """ftfy's round run once and the proof that ftfy keeps its result give ftfy's
    text (and the steps _classify reads)."""
    # with another ftfy than 6.3 _ftfy_proved is ftfy itself, and this checks that fallback
    for f in (Encoding(), Encoding(uncurl_quotes=True), Encoding(normalization="NFKC")):
        for line in enc._ANY_BREAK_RE.split(text):
            _check_one_round(f, line)


def test_the_known_round_is_used_with_ftfy_6_3():
    import ftfy

    assert (enc._ftfy_round is not None) == ftfy.__version__.startswith("6.3.")


def _lines_ftfy_sees(texts, f):
    for text in texts:
        for start, end in enc._lines_matching(text, *enc._trigger_parts()):
            line = text[start:end]
            if not f._ftfy_keeps(line):
                yield line


def test_one_ftfy_round_on_the_fixture_lines_ftfy_sees():
    # the golden fixtures' inputs and the seed: real scraped pages, in the repository
    from tests.conftest import FIXTURES, SEED

    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(FIXTURES.glob("*/input*"))]
    texts.append(SEED.read_text(encoding="utf-8"))
    f = Encoding()
    seen = 0
    for line in _lines_ftfy_sees(texts, f):
        _check_one_round(f, line)
        seen += 1
    assert seen > 50  # 80 lines when this was written


def test_one_ftfy_round_on_the_corpus_lines_ftfy_sees():
    import json
    import os
    from pathlib import Path

    path = Path(os.environ.get("CLEANER_SHARED", Path(__file__).parents[3] / "shared")) / "corpus" / "web-sample.jsonl"
    if not path.exists():
        pytest.skip("needs the shared web sample (the fixture lines above run without it)")
    f = Encoding()
    texts = (json.loads(ln)["text"] for ln in path.read_text(encoding="utf-8").splitlines())
    seen = 0
    for line in _lines_ftfy_sees(texts, f):
        _check_one_round(f, line)
        seen += 1
    assert seen > 500


def test_a_run_of_line_breaks_is_one_replacement():
    """Blank lines of a CRLF or CR file: one change per run, not per break, with as
    many newlines as there were breaks."""
    f = Encoding()
    text = "one\r\n\r\n\r\ntwo\r\rthree\u2028\r\nfour\rfive"
    found = [x for x in f.find(Document(text)) if x.code == "ENC005"]
    assert [(x.start, x.end, x.text) for x in found] == [
        (3, 9, "\n\n\n"), (12, 14, "\n\n"), (19, 22, "\n\n"), (26, 27, "\n")]
    assert found[0].reason == "3 line breaks ('\\r\\n') -> '\\n'"
    assert found[2].reason == "2 line breaks ('\\r\\n', '\\u2028') -> '\\n'"
    assert found[3].reason == "line break '\\r' -> '\\n'"
    r = Pipeline([Encoding()])("a\r" + "\r" * 9999 + "b")
    assert r.text == "a" + "\n" * 10000 + "b"
    assert [(c.code, c.start, c.end) for c in r.report.replacements] == [("ENC005", 1, 10001)]
