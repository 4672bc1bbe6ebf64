"""cleaner.langid: deterministic identification over langdetect's profiles."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings, strategies as st

from cleaner import langid

SENTENCES = {
    "en": "The committee will publish its findings on the new railway line next week.",
    "de": "Die Bundesregierung will das Gesetz noch vor der Sommerpause verabschieden.",
    "fr": "Le gouvernement a annoncé mardi une nouvelle réforme des retraites.",
    "es": "El presidente del gobierno se reunió ayer con los líderes sindicales.",
    "it": "Il consiglio comunale ha approvato il bilancio per il prossimo anno.",
    "pt": "O governo anunciou ontem um novo pacote de medidas para a economia.",
    "nl": "De gemeenteraad heeft gisteren ingestemd met het nieuwe plan voor de haven.",
    "pl": "Rząd przyjął wczoraj projekt ustawy o ochronie środowiska naturalnego.",
    "ru": "Правительство утвердило новый план развития транспортной системы страны.",
    "uk": "Уряд затвердив новий план розвитку транспортної системи країни.",
    "sv": "Regeringen har beslutat att höja skatten på bensin från och med nästa år.",
    "cs": "Vláda včera schválila nový zákon o ochraně životního prostředí.",
    "tr": "Hükümet yeni ekonomik paketi dün kamuoyuna açıkladı.",
    "ar": "أعلنت الحكومة أمس عن خطة جديدة لتطوير قطاع النقل في البلاد.",
    "zh": "政府昨天宣布了一项发展交通运输的新计划。",
    "ja": "政府は昨日、交通網を整備する新しい計画を発表した。",
}


@pytest.mark.parametrize("lang", sorted(SENTENCES))
def test_sentences_in_sixteen_languages(lang):
    guess = langid.detect(SENTENCES[lang])
    assert guess.lang == lang
    assert 0.5 < guess.confidence <= 1.0
    assert guess.candidates[0] == (guess.lang, guess.confidence)


@pytest.mark.parametrize("text, lang", [
    ("Guten Morgen", "de"), ("thank you", "en"), ("le chat", "fr"), ("el perro", "es"),
    ("het huis", "nl"), ("dzień dobry", "pl"), ("спасибо большое", "ru"), ("die Katze", "de"),
])
def test_word_pairs(text, lang):
    assert langid.detect(text).lang == lang


@pytest.mark.parametrize("text", ["", "   ", "12:45 !!", "ab", "—", "https://example.org/a/b"])
def test_too_little_text_is_undetermined(text):
    guess = langid.detect(text)
    assert guess.lang == langid.UNDETERMINED
    assert guess.confidence == 0.0


def test_one_logographic_character_is_enough():
    assert langid.detect("猫").lang in ("zh", "ja")


def test_bounded_sample():
    text = SENTENCES["de"] + " " + SENTENCES["en"] * 200
    assert langid.detect(text, max_chars=len(SENTENCES["de"])).lang == "de"
    assert langid.detect(text).lang == "en"


def test_all_caps_words_are_not_evidence():
    # an acronym alone says nothing; langdetect skips all-capital words too
    assert langid.detect("NATO UNESCO").lang == langid.UNDETERMINED


def test_languages_are_iso_639_1():
    langs = langid.languages()
    assert "zh" in langs and "zh-cn" not in langs
    assert len(langs) >= 50 and list(langs) == sorted(langs)


def test_same_answers_in_another_process():
    texts = list(SENTENCES.values()) + ["ok then", "Tak", "si", "über alles"]
    here = [langid.detect(t).to_dict() for t in texts]
    code = ("import json, sys; from cleaner import langid; "
            "texts = json.load(sys.stdin); "
            "print(json.dumps([langid.detect(t).to_dict() for t in reversed(texts)]))")
    import json
    out = subprocess.run([sys.executable, "-c", code], input=json.dumps(texts),
                         capture_output=True, text=True, check=True, env={"PYTHONHASHSEED": "123"})
    assert list(reversed(json.loads(out.stdout))) == json.loads(json.dumps(here))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_a_valid_guess(text):
    guess = langid.detect(text)
    assert guess.lang == langid.UNDETERMINED or guess.lang in langid.languages()
    assert 0.0 <= guess.confidence <= 1.0
    assert langid.detect(text) == guess
