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
