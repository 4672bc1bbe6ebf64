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


# -- the fast paths give what the plain loops give -----------------------------------------
def _word_rows_reference(model, word):
    if len(word) > 1 and word.isupper():
        return []
    padded = f" {word} "
    grams = [padded[i:i + k] for k in (1, 2, 3) for i in range(len(padded) - k + 1)]
    rows = [k for k in map(model.index.get, grams) if k is not None]
    k = model.index.get(f"\x01{word.lower()}")
    if k is not None:
        rows.append(k)
    for ch in word:
        if ch.isalpha():
            k = model.index.get(f"\x00{model.unicode_block(ch)}")
            if k is not None:
                rows.append(k)
    return rows


def _ngrams_reference(model, text):
    if "://" in text:
        text = langid._URL_RE.sub(" ", text)
    if "@" in text:
        text = langid._MAIL_RE.sub(" ", text)
    if not text.isascii():
        text = model.normalize_vi(text)
        latin = len(langid._LATIN_LETTER_RE.findall(text))
        if latin and latin * 2 < len(langid._NON_LATIN_RE.findall(text)):
            text = langid._LATIN_LETTER_RE.sub("", text)
    text = text.translate(model.translate)
    return [r for w in text.split() for r in _word_rows_reference(model, w)]


_WORDISH = st.text(st.sampled_from(list("aeiouxyzAEQ éüßçñøłж中あ한ا1٣_-'’.,!?@:/ ")), max_size=40)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_WORDISH, st.text(max_size=60), st.sampled_from(list(SENTENCES.values()))))
def test_ngrams_equal_the_plain_loops(text):
    model = langid._model()
    assert model.ngrams(text) == _ngrams_reference(model, text)


def test_ngrams_of_urls_mail_mixed_scripts_and_capitals():
    model = langid._model()
    for text in ["see https://example.org/a?b=1 and mail me@example.org", "NATO and the UN met",
                 "Москва is big and Moscow too: Москва Москва Москва", "Xin chào Việt Nam", "ｆｕｌｌ ｗｉｄｔｈ",
                 "Ελληνικά κείμενα", "12 345 !!"]:
        assert model.ngrams(text) == _ngrams_reference(model, text)


def test_word_cache_replaced_when_full_changes_nothing(monkeypatch):
    texts = list(SENTENCES.values())
    expected = [langid.detect(t) for t in texts]
    monkeypatch.setattr(langid, "_WORD_CACHE_SIZE", 5)
    monkeypatch.setattr(langid._model(), "word_cache", {})
    assert [langid.detect(t) for t in texts] == expected
    assert len(langid._model().word_cache) <= max(5, max(len(t.split()) for t in texts))


def test_normalising_word_by_word_equals_normalising_the_text():
    """The normalisation maps every white-space character to white space, so the
    words of a normalised text are those of its words normalised one by one."""
    model = langid._model()
    assert model.by_word
    spaces = "".join(chr(cp) for cp in range(0x10000) if chr(cp).isspace())
    text = f"a{spaces}b,c{spaces[::-1]}«d»\u00a0e\u2009f" + "".join(map(chr, range(128)))
    assert text.translate(model.translate).split() == [
        p for w in text.split() for p in w.translate(model.translate).split()]
    assert model.ngrams(text) == _ngrams_reference(model, text)


def test_table_columns_are_langdetects_log_probabilities():
    """Spot check of the column-wise build: every n-gram of two profiles has
    float32(log(count / n_words + alpha / BASE_FREQ)), the others the floor."""
    import json
    import os

    import numpy as np
    from langdetect.detector_factory import PROFILES_DIRECTORY

    model = langid._model()
    floor = langid.ALPHA / langid.BASE_FREQ
    for lang in ("en", "ja"):
        j = model.langs.index(lang)
        with open(os.path.join(PROFILES_DIRECTORY, lang), encoding="utf-8") as fh:
            profile = json.load(fh)
        grams = [g for g in profile["freq"] if 1 <= len(g) <= 3]
        probs = np.array([profile["freq"][g] / profile["n_words"][len(g) - 1] for g in grams])
        expected = np.log(probs + floor).astype(np.float32)
        got = model.table[[model.index[g] for g in grams], j]
        assert np.array_equal(got, expected)
        others = sorted(set(range(len(model.index))) - {model.index[g] for g in grams}
                        - {model.index[k] for k in model.index if k[:1] in ("\x00", "\x01")})
        assert np.all(model.table[others, j] == np.log(np.full(8, floor))[0].astype(np.float32))
    assert model.table.dtype == np.float32


def test_model_memory_stays_bounded():
    # the peak resident memory of a process that builds the model: 364 MB when the
    # profiles were all parsed at once, the matrix built in float64 and each
    # stopword row was an array of its own; about 130 MB now
    # (VmHWM, the peak of this process's own memory: ru_maxrss would report the
    # parent's size, which a child inherits through fork and exec on Linux)
    import os

    if not os.path.exists("/proc/self/status"):
        pytest.skip("needs /proc/self/status (Linux)")
    code = ("from cleaner import langid; langid.detect('hello world'); "
            "print([int(x.split()[1]) for x in open('/proc/self/status') if x.startswith('VmHWM')][0])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=str(__import__("pathlib").Path(langid.__file__).parents[1]))
    assert int(out.stdout) / 1024 < 200


# -- the language filter's paragraph screen ------------------------------------------------
def _may_differ_reference(text, doc_lang):
    from cleaner.filters.boilerplate import PER_LINE_LANGS, _membership, per_line_stoplists

    member = _membership(per_line_stoplists())
    counts = [0] * len(PER_LINE_LANGS)
    n = 0
    for w in text.split()[:300]:
        n += 1
        for i in member.get(w.lower().strip(".,;:!?\"'()“”„«»"), ()):
            counts[i] += 1
    best = max(range(len(counts)), key=lambda i: (counts[i], -i))
    if counts[best] < 3:
        return doc_lang in PER_LINE_LANGS and n >= 8 and any(ch.isalpha() for ch in text) and not any(counts)
    if doc_lang not in PER_LINE_LANGS:
        return True
    own = counts[PER_LINE_LANGS.index(doc_lang)]
    return counts[best] > 1.5 * own + 1


_STOPPY = st.lists(st.sampled_from(["the", "The,", "und", "der", "le", "la", "de", "el", "y", "и", "в", "och",
                                    "«de»", "(the)", "word", "Wort", "mot", "12", "…"]), max_size=40).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(_STOPPY, st.sampled_from(["en", "de", "fr", "es", "ru", "sv", "ja", "und"]))
def test_paragraph_screen_equals_the_word_loop(text, lang):
    from cleaner.filters.language import _may_differ

    assert _may_differ(text, lang) == _may_differ_reference(text, lang)


@pytest.mark.parametrize("first, rest", [("the cat and the dog ", "und der Hund die Katze "),
                                         ("und der Hund die Katze ", "the cat and the dog ")])
def test_paragraph_screen_reads_the_first_300_words(first, rest):
    from cleaner.filters.language import _may_differ

    text = first * 60 + rest * 200  # 300 words of one language, then 1000 of the other
    for lang in ("en", "de"):
        assert _may_differ(text, lang) == _may_differ_reference(text, lang)
    # the 300th word counts, the 301st does not
    assert _may_differ("xyz " * 299 + "the " * 50, "en") is False
    assert _may_differ("xyz " * 300 + "the " * 50, "en") is True


def _probabilities(text):
    """Every merged language's probability as detect computes them (none for "und")."""
    if langid.detect(text).lang == langid.UNDETERMINED:
        return None
    return dict(langid._model().score(text[:langid.MAX_CHARS], top=len(langid.languages())))


@settings(max_examples=300, deadline=None)
@given(st.one_of(_WORDISH, st.text(max_size=60), st.sampled_from(list(SENTENCES.values()))),
       st.sampled_from(["en", "de", "fr", "zh", "ru", "xx"]))
def test_share_is_detects_probability_to_within_1e6(text, lang):
    share, probs = langid.shares([text], lang)[0], _probabilities(text)
    if probs is None or lang not in probs:
        assert share == 0.0
    else:
        assert abs(share - probs[lang]) <= 1e-6 * probs[lang] + 1e-300


def test_shares_of_sentences_together_and_cache_replaced_when_full(monkeypatch):
    texts = list(SENTENCES.values()) + ["12:45 !!", "", "NATO UN"]
    expected = {lang: langid.shares(texts, lang) for lang in SENTENCES}
    for i, t in enumerate(texts):
        probs = _probabilities(t)
        for lang in SENTENCES:
            share = expected[lang][i]
            assert share == langid.shares([t], lang)[0]
            assert share == 0.0 if probs is None else abs(share - probs[lang]) <= 1e-6 * probs[lang] + 1e-300
    monkeypatch.setattr(langid, "_WORD_SUMS_SIZE", 5)
    monkeypatch.setattr(langid._model(), "word_sums", {})
    assert {lang: langid.shares(texts, lang) for lang in SENTENCES} == expected
    assert langid.shares([], "en") == []


# -- the evidence from the words' sums is the rows' sum, bit for bit -------------------------
def _rows_evidence(model, text):
    import numpy as np

    packed = model._rows(text)
    if not packed:
        return None
    return np.add.reduce(model.table.take(np.frombuffer(packed, dtype=np.int32), axis=0), axis=0, dtype=np.float64)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_WORDISH, st.text(max_size=60), st.sampled_from(list(SENTENCES.values()))),
                max_size=40).map(" ".join))
def test_word_evidence_is_the_rows_sum_bit_for_bit(text):
    model = langid._model()
    text = text[:langid.MAX_CHARS]
    words = model._words(text)
    got, want = model._word_evidence(words), _rows_evidence(model, text)
    if got is langid._NO_EVIDENCE:
        assert want is None
    elif got is not None:  # (None: not provably exact, summed from the rows)
        assert got.tobytes() == want.tobytes()


def test_word_evidence_covers_full_samples_and_refuses_the_fine_arabic_row():
    model = langid._model()
    # every row but the Arabic block's is a multiple of 2**_QUANTUM; a full sample of
    # one-letter words (the most rows per character) stays under the exact limit
    import numpy as np

    assert np.isinf(model.row_bound).nonzero()[0].tolist() == [model.index[f"\x00{model.unicode_block('ا')}"]]
    for text in ("a " * 1000, (SENTENCES["de"] + " ") * 40, (SENTENCES["ru"] + " ") * 40):
        text = text[:langid.MAX_CHARS]
        got = model._word_evidence(model._words(text))
        assert got is not None and got.tobytes() == _rows_evidence(model, text).tobytes()
    arabic = ((SENTENCES["ar"] + " ") * 40)[:langid.MAX_CHARS]
    assert model._word_evidence(model._words(arabic)) is None
    assert langid.detect(arabic).lang == "ar"


def test_word_sums_replaced_when_full_change_nothing(monkeypatch):
    texts = [(t + " ") * 10 for t in SENTENCES.values()]
    expected = [langid.detect(t) for t in texts]
    monkeypatch.setattr(langid, "_WORD_SUMS_SIZE", 5)
    monkeypatch.setattr(langid._model(), "word_sums", {})
    monkeypatch.setattr(langid._model(), "word_bounds", {})
    assert [langid.detect(t) for t in texts] == expected


def test_paragraph_screen_memo_replaced_when_full_changes_nothing(monkeypatch):
    from cleaner.filters import language

    texts = ["the cat and the dog " * 5, "und der Hund die Katze " * 5, "le chat et le chien " * 5]
    expected = [language._may_differ(t, lang) for t in texts for lang in ("en", "de", "fr")]
    monkeypatch.setattr(language, "_WORD_VALUES_SIZE", 3)
    monkeypatch.setattr(language, "_word_values", {})
    assert [language._may_differ(t, lang) for t in texts for lang in ("en", "de", "fr")] == expected
    assert expected == [_may_differ_reference(t, lang) for t in texts for lang in ("en", "de", "fr")]
