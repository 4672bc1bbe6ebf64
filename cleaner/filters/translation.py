"""Translation artifacts: MT debris, untranslated fragments, another language's
typography, inconsistent renderings, calques; and a document translation score.

Only the debris (``TR2xx``: "Translated by Google", "Translate this page", …) is
removed; everything else is a flag, because translated text is still text. The
``translation_score`` combines a small linear model over function-word rates
(fitted on translated vs original English news by ``benchmarks/fit_translation.py``;
coefficients in ``cleaner/data/translation/model.json``) with the flag families
found. It detects *translation*, not machine translation specifically: it never
drops a document on its own (``drop`` needs MT debris or two independent rule
families besides the score).

>>> from cleaner import Pipeline
>>> r = Pipeline([Translation()])("A Western official told the AFP.\\n– ‘Honeymoons are over’ –\\n", lang="en")
>>> sorted({c.code for c in r.report.changes})
['TR301', 'TR501']
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from functools import lru_cache, reduce
from itertools import accumulate, compress, islice, repeat
from operator import add, itemgetter, mul
from typing import Any, Iterator

from cleaner import langid, resources
from cleaner.filters.base import Filter, register
from cleaner.findings import Annotation, DocumentFlag, Finding, Flag, Remove
from cleaner.rules import Rule
from cleaner.text import _SENT_END_RE, WORD_RE, Span, line_removal, normalize


def _doc(what: str, why: str, known: str, example: str, safety: str) -> str:
    return f"What: {what}\n\nWhy: {why}\n\nKnown problems: {known}\n\nExample: {example}\n\nFix safety: {safety}"


_RULES = (
    Rule("TR101", "untranslated-fragment", "A paragraph is in another language than the document.",
         "flagged", doc=_doc("a paragraph of 80+ characters that the language filter identifies, with "
                             "confidence >= 0.8, as another language than the document's.",
                             "translated pages often keep source-language passages.",
                             "quotations and bilingual pages are flagged too.",
                             "a German paragraph in an English article.", "not fixable; a flag.")),
    Rule("TR102", "untranslated-sentence", "A sentence is in another language than the document.",
         "flagged", doc=_doc("a sentence of 6+ words, outside a paragraph already flagged by TR101, "
                             "that the language identifier gives, with confidence >= 0.9, to another "
                             "language than the document's; quoted passages, URLs and e-mail "
                             "addresses are left out first, and sentences mostly of capitalised "
                             "words (names, titles) are skipped. Only sentences with almost no "
                             "function words of the document's language are identified at all "
                             "(a cheap screen). The flag names both languages.",
                             "an untranslated sentence left in a translated page.",
                             "bilingual pages and language-learning pages are flagged too (the text "
                             "is in two languages; the flag says so, it does not say translated).",
                             "`Die Rede ist natürlich von Andalusien.` in an English page.",
                             "not fixable; a flag.")),
    Rule("TR201", "mt-debris-line", "A machine-translation notice line was removed.", "removed",
         fixable=True,
         doc=_doc("whole lines such as `Translated by Google`, `Translate this page`, `Rate this "
                  "translation`, `Show original`, in English, German, French, Spanish, Italian, "
                  "Portuguese, Dutch, Polish and Russian (data: `translation/debris.txt`).",
                  "translation widgets are page furniture, and decisive evidence of MT.",
                  "none known.", "`(Translated by Google)`.", "safe.")),
    Rule("TR202", "mt-debris-label", "A machine-translation label at the start of a line was removed.",
         "removed", fixable=True,
         doc=_doc("a label such as `(Translated by Google)` or `(Original)` at the start of a line "
                  "(review blocks); the text after it stays.", "as TR201.", "none known.",
                  "`(Translated by Google) Great hotel` -> `Great hotel`.", "safe.")),
    Rule("TR301", "dash-subhead", "A subheading between dashes (a French/wire convention).", "flagged",
         doc=_doc("a short line framed by dashes, `– Honeymoons are over –`, as French wire copy "
                  "sets subheads.", "English style does not frame subheads with dashes.",
                  "a decorative dashed line in an English page.", "`– ‘Honeymoons are over’ –`.",
                  "not fixable; a flag.")),
    Rule("TR302", "space-before-punctuation",
         "Spaces before `? ! : ;` (French typography) in an English document.", "flagged",
         doc=_doc("two or more places where a word is followed by a space and `?`, `!`, `:` or `;`.",
                  "French sets a (thin) space before these marks; English does not.",
                  "emoticons and hand-typed text.", "`What now ? he asked ; nobody knew .`",
                  "not fixable; a flag.")),
    Rule("TR303", "guillemets", "« » quotation marks in an English document.", "flagged",
         doc=_doc("`«` or `»` used as quotation marks in a document detected as English.",
                  "English uses “ ” or \" \"; guillemets come from French, Spanish, Russian, "
                  "German sources.", "menus using » as an arrow (usually removed as boilerplate "
                  "first).", "`He said «no».`", "not fixable; a flag.")),
    Rule("TR304", "decimal-comma", "A decimal comma in an English number.", "flagged",
         doc=_doc("a number with a comma and one or two decimals followed by a unit or %, "
                  "`3,5 %`, `1,2 million`.", "English uses a decimal point.",
                  "lists such as `1,2 million and 3 million` are rare but possible.",
                  "`inflation rose 3,5 percent`.", "not fixable; a flag.")),
    Rule("TR305", "space-grouped-thousands", "Thousands grouped with spaces in an English number.",
         "flagged",
         doc=_doc("numbers such as `12 000` or `1 500 000` (space, no-break or thin space between "
                  "groups of three digits).", "English groups thousands with commas.",
                  "two numbers next to each other (`in 2019 200 people`) are excluded by requiring "
                  "one to three leading digits.", "`12 000 soldiers`.", "not fixable; a flag.")),
    Rule("TR306", "german-quotes", "„German“ quotation marks in an English document.", "flagged",
         doc=_doc("a low-9 opening quote `„` in an English document.", "it is German/Polish "
                  "typography.", "none known.", "`He said „no“.`", "not fixable; a flag.")),
    Rule("TR401", "inconsistent-rendering",
         "The same quotation is rendered twice with different wording.", "flagged",
         doc=_doc("two quoted passages whose content words are the same (allowing plural/"
                  "inflection endings) but whose wording differs.",
                  "a translator (or an MT system) rendering one source quote twice.",
                  "a speaker who really repeated himself with other words.",
                  "`‘Honeymoons are over’` vs `“The honeymoon is over.”`", "not fixable; a flag.")),
    Rule("TR402", "name-spelled-two-ways", "The same name is spelled two ways in the document.",
         "flagged",
         doc=_doc("two capitalised words (4+ letters, each used mid-sentence at least once, never "
                  "in lower case in the document) that differ only by diacritics (`Novotný` / "
                  "`Novotny`), or, for words of 6+ letters sharing their first two letters, by "
                  "one or two letters of the kinds transliteration varies: vowels (`Klimenko` / "
                  "`Klymenko`), a doubled letter (`Donbas` / `Donbass`), or a pair such as "
                  "kh/h, c/k, j/y, v/w (data: `translation/spelling_variants.txt`). Endings "
                  "(Russia/Russian, Sweden/Swedes, Minister/Ministry) never count, and two "
                  "spellings that always stand next to different capitalised words (`Michael "
                  "Jordan`, `Michel Foucault`) are taken as two people.",
                  "a translator or MT system transliterating one name two ways.",
                  "two different people or places whose names differ by a vowel and which are "
                  "never written with a neighbouring name.",
                  "`Zelensky` and `Zelenskyy`; `Bakhmut` and `Bahmut`.", "not fixable; a flag.")),
    Rule("TR501", "article-before-acronym", "“the” before a name that takes no article in English.",
         "flagged",
         doc=_doc("`the AFP`, `the Reuters`, `the NATO` not followed by a noun it modifies "
                  "(data: `translation/agencies_no_article.txt`).",
                  "a calque of French/Spanish/Italian article use (`l'AFP`).",
                  "`the AFP` before a noun (`the AFP news agency`) is correct and not flagged.",
                  "`officials informed the AFP.`", "not fixable; a flag.")),
    Rule("TR901", "translation-score",
         "The document's translation score is over the threshold.", "flagged",
         doc=_doc("the translation score (a calibrated linear model over function-word rates and "
                  "function-word shape bigrams of the prose sentences, applied to documents of 5+ "
                  "prose sentences, combined with the flag families found) is at least "
                  "`threshold`. The report lists the model's probability, the families and the "
                  "model's top cues under `annotations.translation`.",
                  "translated text is a different register; corpus builders may want to know.",
                  "it detects translation, not machine translation; it is a flag, and drops a "
                  "document only with `drop = true` and decisive evidence (MT debris or two "
                  "independent rule families). The model was fitted on news: on native English web "
                  "pages about 1 in 8 of the dev sample goes over the threshold.",
                  "the seed scores 0.76 (subhead, inconsistent quote, calque).",
                  "not fixable; a verdict input only when configured.")),
)

_FAMILY_WEIGHT = {"debris": 0.9, "untranslated": 0.3, "typography": 0.35, "inconsistent": 0.35,
                  "calque": 0.3}
_FAMILY = {"TR101": "untranslated", "TR102": "untranslated", "TR402": "inconsistent", "TR201": "debris", "TR202": "debris", "TR301": "typography",
           "TR302": "typography", "TR303": "typography", "TR304": "typography", "TR305": "typography",
           "TR306": "typography", "TR401": "inconsistent", "TR501": "calque"}

_DASH_SUBHEAD_RE = re.compile(r"[ \t]{0,4}[–—-][ \t]{1,3}(?P<t>[^\n–—]{3,90}?)[ \t]{1,3}[–—-][ \t]{0,4}")
# the same as a whole line, in one scan of the text (no part of it matches a line break)
_DASH_SUBHEAD_LINE_RE = re.compile(rf"^(?:{_DASH_SUBHEAD_RE.pattern})$", re.M)
# The next patterns start with the character they consume first, the look-behind after
# it (``x(?<=\wx)`` is ``(?<=\w)x``): the same matches, found by a scan that skips to
# that character instead of trying the look-behind at every position.
_SPACE_PUNCT_RE = re.compile(r"[ \u00a0\u202f](?<=\w[ \u00a0\u202f])[?!:;](?=\s|$)")  # (?<=\w)[ ][?!:;]
_GUILLEMET_RE = re.compile(r"«[^»\n]{1,300}»")
_DECIMAL_COMMA_RE = re.compile(  # (?<![\d,])\d{1,3},\d{1,2}...
    r"\d(?<![\d,]\d)\d{0,2},\d{1,2}(?![\d,])[ \u00a0]?(?:%|percent|per cent|million|billion|trillion|"
    r"km|kg|m|cm|mm|degrees|°)(?!\w)")
_SPACE_THOUSANDS_RE = re.compile(  # (?<![\d,.])\d{1,3}(?:[ ]\d{3})+...
    r"\d(?<![\d,.]\d)\d{0,2}(?:[ \u00a0\u202f]\d{3})+(?![\d,.]|[ \u00a0\u202f]\d)")
_GERMAN_QUOTE_RE = re.compile(r"„[^“”\n]{1,300}[“”]")
_QUOTE_RE = re.compile(r"“([^”\n]{3,300})”|‘([^’\n]{3,200})’|\"([^\"\n]{3,300})\"")
_STOP = frozenset("""a an the is are was were be been being am of to in on at by for with from as and or
but not no this that these those it its he she they we you i his her their our your is are do does did
has have had will would can could shall should may might must so than then there here what which who
whom whose when where why how all any both each few more most other some such only own same too very
s t just don now""".split())


@lru_cache(maxsize=1)
def _debris() -> tuple[frozenset[str], tuple[str, ...]]:
    whole, prefixes = set(), []
    for raw in resources.lines("translation/debris.txt"):
        kind, _, phrase = raw.partition(" ")
        if kind == "line":
            whole.add(normalize(phrase))
        else:
            prefixes.append(phrase.strip().lower())
    return frozenset(whole), tuple(sorted(prefixes, key=len, reverse=True))


@lru_cache(maxsize=1)
def _acronym_re() -> re.Pattern[str]:
    names = sorted(resources.lines("translation/agencies_no_article.txt"), key=len, reverse=True)
    alt = "|".join(re.escape(n) for n in names)
    # "the AFP" followed by punctuation, the end, or a verb/preposition: not by a noun it modifies
    # ``[Tt](?<!\w[Tt])he`` is ``\b[Tt]he`` (T is a word character), scanned for T first
    return re.compile(rf"[Tt](?<!\w[Tt])he ({alt})(?=[.,;:!?)\]”\"]|$|\s(?:said|says|reported|reports|that|which|"
                      rf"in|on|at|of|and|or|but|was|is|had|has|from|to|for|with)\b)", re.M)


@lru_cache(maxsize=1)
def model() -> dict[str, Any]:
    """The fitted linear model (see ``benchmarks/fit_translation.py``)."""
    return resources.json_data("translation/model.json")


_TOKEN_RE = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
# typography is normalised before the features are computed: the model must not
# learn which quotation marks or dashes an outlet (or a data set) uses
_TYPO = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "—": "-",
                       "–": "-", "‐": "-", "\u00a0": " "})
# the same mapping as replacements: no replacement is itself replaced, so applying
# them one after the other is the translation (and str.replace is a fast scan where
# str.translate looks up every character)
_TYPO_PAIRS = tuple((chr(k), v) for k, v in _TYPO.items())


def _normalise_typography(text: str) -> str:
    """``text.translate(_TYPO)``."""
    for a, b in _TYPO_PAIRS:
        if a in text:
            text = text.replace(a, b)
    return text
_PUNCT_FEATURES = ",;:(-?!"
_QUOTE_TOKENS = frozenset("\"'")


@lru_cache(maxsize=1)
def function_words() -> tuple[str, ...]:
    """The function words of ``translation/function_words.txt`` (in file order)."""
    return tuple(dict.fromkeys(w.lower() for w in resources.lines("translation/function_words.txt")))


@lru_cache(maxsize=1)
def _function_word_set() -> frozenset[str]:
    return frozenset(function_words())


@lru_cache(maxsize=1)
def register_tokens() -> frozenset[str]:
    """Tokens the model ignores (``translation/register_tokens.txt``)."""
    return frozenset(w.lower() for w in resources.lines("translation/register_tokens.txt"))


def _shape(tok: str, fws: frozenset[str]) -> str:
    low = tok.lower()
    if low in fws:
        return low
    if tok[0].isdigit():
        return "N"
    if not (tok[0].isalnum() or tok[0] == "_"):
        return tok
    return "X'" if "'" in tok else "w"


_PROSE_END_RE = re.compile(r"[.!?…][\"')\]]{0,3}$")
MIN_PROSE_WORDS = 4
_BOUNDARY = "\n"  # a sentence edge in the token stream (no token is a line break)
_CACHE_MAX = 200_000  # entries per token cache; cleared when full


class _TokenCache(dict):
    """key -> ``fn(key)``, computed on first use, so that ``map(cache.__getitem__,
    tokens)`` runs at C speed; cleared when full (the values are pure functions of
    the key, so a cleared cache only costs time)."""

    def __init__(self, fn) -> None:
        super().__init__()
        self.fn = fn

    def __missing__(self, key: str):
        value = self.fn(key)
        if len(self) >= _CACHE_MAX:
            self.clear()
        self[key] = value
        return value


_FIELD = 1 << 21  # a field of the packed per-token flags
_PACKED_WORDS = _FIELD  # up to this many words a sum of packed flags cannot carry into the next field


@lru_cache(maxsize=1)
def _token_caches() -> tuple[_TokenCache, ...]:
    """Per-token lookups of :func:`features`:

    - ``alnum``: 1 if the token counts for the prose check (starts with a letter or digit);
    - ``word``: 1 if it is a word (starts with a letter, digit or ``_``);
    - ``flags``: whether a word is long (8+ characters), has an apostrophe, starts
      with a digit, as fields of :data:`_FIELD` of one int (a sum of fewer than
      ``_FIELD`` of them sums each field);
    - ``shape``: its class in the bigrams ("" for quotation marks and register tokens,
      which the bigrams skip; the edge for :data:`_BOUNDARY`);
    - ``left`` / ``right``: a shape as the first (``g:A ``, the edge ``g:<s> ``) and the
      second (``B``, the edge ``</s>``) half of a bigram's name.
    """
    fws, skip = _function_word_set(), register_tokens()

    def shape(tok: str) -> str:
        if tok == _BOUNDARY:
            return _BOUNDARY
        if tok in _QUOTE_TOKENS or tok.lower() in skip:
            return ""
        return _shape(tok, fws)

    def flags(tok: str) -> int:
        return (len(tok) >= 8) + ("'" in tok) * _FIELD + tok[0].isdigit() * _FIELD * _FIELD

    return (_TokenCache(lambda t: int(t[0].isalnum())),
            _TokenCache(lambda t: int(t[0].isalnum() or t[0] == "_")),
            _TokenCache(flags),
            _TokenCache(shape),
            _TokenCache(lambda sh: "g:<s> " if sh == _BOUNDARY else f"g:{sh} "),
            _TokenCache(lambda sh: "</s>" if sh == _BOUNDARY else sh))


def _prose_tokens(text: str) -> tuple[list[str], list[int]]:
    """The tokens of the prose sentences in one stream, each sentence followed by
    :data:`_BOUNDARY` (the stream starts with one too), and each sentence's number
    of words. Lines are sentence boundaries too, and only sentences of 4+ words that
    end with ``. ! ? …`` count, so headings, menus, list items, prices and captions
    (web pages have many) do not reach the model.

    The sentences are those of :func:`cleaner.text.iter_sentences`, cut here without
    building spans: one that ends at a sentence break ends with ``. ! ? …`` (so it is
    prose-ended); only a line's last one needs the check. A sentence's tokens are those
    of the line between its offsets (no token holds a space)."""
    caches = _token_caches()
    alnum, is_word = caches[0].__getitem__, caches[1].__getitem__
    finditer, findall, prose_end = _SENT_END_RE.finditer, _TOKEN_RE.findall, _PROSE_END_RE.search
    stream = [_BOUNDARY]
    lengths = []
    for line in text.split("\n"):
        # a prose sentence holds . ! ? or … and 4 words with 3 characters between them:
        # 8 characters at least
        if len(line) < 8 or not ("." in line or "!" in line or "?" in line or "…" in line):
            continue
        pos = 0
        for m in finditer(line):
            toks = findall(line, pos, m.start() + 1)
            n = sum(map(alnum, toks))
            if n >= MIN_PROSE_WORDS:
                stream += toks
                stream.append(_BOUNDARY)
                lengths.append(n if "_" not in line else sum(map(is_word, toks)))
            pos = m.end()
        if pos < len(line):
            last = line[pos:].rstrip()
            if last and prose_end(last):
                toks = findall(last)
                n = sum(map(alnum, toks))
                if n >= MIN_PROSE_WORDS:
                    stream += toks
                    stream.append(_BOUNDARY)
                    lengths.append(n if "_" not in line else sum(map(is_word, toks)))
    return stream, lengths


def _sentence_tokens(text: str) -> list[list[str]]:
    """Tokens of each prose sentence (see :func:`_prose_tokens`)."""
    stream, _ = _prose_tokens(text)
    out, cur = [], []
    for t in stream[1:]:
        if t == _BOUNDARY:
            out.append(cur)
            cur = []
        else:
            cur.append(t)
    return out


@lru_cache(maxsize=1)
def _dense_names() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The function words and their feature names, the punctuation marks and
    theirs (register tokens left out), in feature order."""
    skip = register_tokens()
    fws = tuple(fw for fw in function_words() if fw not in skip)
    marks = tuple(p for p in _PUNCT_FEATURES if p not in skip)
    return fws, tuple(f"w:{fw}" for fw in fws), marks, tuple(f"p:{p}" for p in marks)


def features(text: str) -> dict[str, float]:
    """Inputs of the translation model, over prose sentences only: function-word
    rates (log per 1,000 function words) and their share of the words, punctuation
    rates, sentence-length mean and spread, word length, vocabulary
    variety, and "shape" bigrams (``g:A B``) over the sentence with each function
    word kept and every other word replaced by its class (``w`` a content word,
    ``N`` a number, ``X'`` a word with an apostrophe; ``<s>``/``</s>`` the sentence
    edges), so ``g:according to`` or ``g:<s> at`` describe syntax, not topic.
    Quotation marks and dashes are normalised first; the register tokens (first and
    second person, reporting verbs, ``!`` and ``?``) are left out.

    One tokenisation serves every feature: the prose sentences' tokens in one
    stream, counted with ``Counter`` and per-token lookups (no loop per token).

    >>> f = features("The cat sat on the mat. It said that it was happy.")
    >>> round(f["w:the"], 3), f["n_words"], f["n_sentences"], round(f["g:on the"], 3)
    (5.658, 12.0, 2.0, 4.215)
    """
    stream, lengths = _prose_tokens(_normalise_typography(text))
    n = sum(lengths)
    out: dict[str, float] = {"n_words": float(n), "n_sentences": float(len(lengths))}
    if not n:
        return out
    _, word, flags, shape, left, right = _token_caches()
    tally = Counter(stream)
    wtoks = list(filter(word.__getitem__, stream))
    lowered = list(map(str.lower, wtoks))
    counts = Counter(lowered)
    head = lowered[:400]
    n_chars = sum(map(len, wtoks))
    if len(wtoks) < _PACKED_WORDS:  # each count fits its field of the packed sum
        total = sum(map(flags.__getitem__, wtoks))
        n_long, n_apos, n_digit = total % _FIELD, (total // _FIELD) % _FIELD, total // (_FIELD * _FIELD)
    else:  # a document of millions of words
        n_long = sum(len(t) >= 8 for t in wtoks)
        n_apos = sum("'" in t for t in wtoks)
        n_digit = sum(t[0].isdigit() for t in wtoks)
    n_quotes = sum(tally.get(q, 0) for q in _QUOTE_TOKENS)
    rate = 1000.0 / n
    # function-word rates per 1,000 function words (a per-document normalisation:
    # how the function words are used, whatever the density of content words)
    fws, fw_names, marks, mark_names = _dense_names()
    fw_counts = list(map(counts.get, fws, repeat(0)))
    n_fw = sum(fw_counts)
    fw_rate = 1000.0 / max(n_fw, 1)
    log1p = math.log1p
    out.update(zip(fw_names, map(log1p, map(mul, repeat(fw_rate), fw_counts))))
    out["function_words"] = n_fw / n
    out.update(zip(mark_names, map(log1p, map(mul, repeat(rate), map(tally.get, marks, repeat(0))))))
    out["quotes"] = log1p(rate * n_quotes)
    out["contractions"] = log1p(rate * n_apos)
    out["digits"] = log1p(rate * n_digit)
    out["word_length"] = n_chars / n
    out["long_words"] = n_long / n
    out["ttr400"] = len(set(head)) / len(head)
    mean = n / len(lengths)
    sd = math.sqrt(sum((x - mean) ** 2 for x in lengths) / len(lengths))
    out["sentence_words"] = log1p(mean)
    out["sentence_sd"] = log1p(sd)
    out["sentence_cv"] = sd / mean
    out["short_sentences"] = sum(x < 10 for x in lengths) / len(lengths)
    out["long_sentences"] = sum(x > 35 for x in lengths) / len(lengths)
    # the shape bigrams: quotation marks and register tokens dropped, each sentence
    # between two edges (two edges in a row: <s> </s>, a sentence without shapes)
    shapes = list(filter(None, map(shape.__getitem__, stream)))
    grams = Counter(map(add, map(left.__getitem__, shapes), map(right.__getitem__, islice(shapes, 1, None))))
    srate = 1000.0 / (len(shapes) - 1)
    out.update(zip(grams, map(log1p, map(mul, repeat(srate), grams.values()))))
    return out


_ARRAYS: list[Any] = [None, None]  # [model dict, its arrays]: rebuilt when model() returns another dict


def _model_arrays(m: dict[str, Any]):
    """The model's feature names, means, standard deviations and weights (numpy
    arrays) and each name's position, built once per model dict (``model`` may be
    swapped, as the cross-fitted benchmark does); None if a standard deviation is 0
    (the plain loop then raises as it always did)."""
    if _ARRAYS[0] is not m:
        import numpy as np

        names = tuple(m["features"])
        cols = np.array([m["features"][n] for n in names], dtype=np.float64).reshape(len(names), 3)
        arrays = None if not cols[:, 1].all() else (names, cols[:, 0].copy(), cols[:, 1].copy(), cols[:, 2].copy(),
                                                    {n: i for i, n in enumerate(names)})
        _ARRAYS[:] = [m, arrays]
    return _ARRAYS[1]


def _contributions(feats: dict[str, float], m: dict[str, Any]) -> tuple[tuple[str, ...], Any, Any]:
    """Each feature's ``w * (x - mean) / std``, in the model's feature order, as a
    sequence of floats (a numpy array: its elementwise arithmetic is the same IEEE
    arithmetic as Python's) and as an array (None without numpy arrays: the
    sequence is then a list)."""
    arrays = _model_arrays(m)
    if arrays is None:
        names = tuple(m["features"])
        return names, [w * (feats.get(name, 0.0) - mean) / std for name, (mean, std, w) in m["features"].items()], None
    import numpy as np

    names, mean, std, w, position = arrays
    # the document's features put in place (a few hundred), the model's others are 0
    known = position.keys() & feats.keys()
    x = np.zeros(len(names))
    x[list(map(position.__getitem__, known))] = list(map(feats.__getitem__, known))
    c = w * (x - mean) / std
    return names, c, c


def _probability(m: dict[str, Any], contrib) -> float:
    if isinstance(contrib, list):
        z = reduce(add, contrib, m["intercept"])  # summed in order, as z += c does
    else:  # an array: add.accumulate sums in order too (never pairwise, as add.reduce may)
        import numpy as np

        z = float(np.add.accumulate(np.concatenate(([m["intercept"]], contrib)))[-1])
    slope, offset = m.get("calibration", (1.0, 0.0))
    z = slope * z + offset
    return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))


def _cues(names: tuple[str, ...], contrib, array: Any, k: int) -> list[dict[str, float]]:
    """The ``k`` largest contributions by size, ties in feature order (a stable sort)."""
    if array is None:
        best = sorted(range(len(contrib)), key=lambda i: -abs(contrib[i]))[:k]
    else:
        import numpy as np

        size = np.abs(array)
        if 0 < k < len(size) and not np.isnan(size).any():  # (the sort puts NaN last, partition as largest)
            # the k-th largest size: only those at least as large can be in the top k
            near = np.flatnonzero(size >= np.partition(size, len(size) - k)[len(size) - k])  # in feature order
            best = near[np.argsort(-size[near], kind="stable")[:k]].tolist()
        else:
            best = np.argsort(-size, kind="stable")[:k].tolist()
    return [{"feature": names[i], "contribution": round(float(contrib[i]), 3)} for i in best]


def model_probability(feats: dict[str, float]) -> float | None:
    """P(translated) from the linear model, or None if the document is too short."""
    m = model()
    if feats["n_sentences"] < m["min_sentences"]:
        return None
    return _probability(m, _contributions(feats, m)[1])


def top_cues(feats: dict[str, float], k: int = 5) -> list[dict[str, float]]:
    return _cues(*_contributions(feats, model()), k)


def _model_outcome(feats: dict[str, float]) -> tuple[float | None, list[dict[str, float]]]:
    """``model_probability(feats)`` and, when it is not None, ``top_cues(feats)``,
    from one pass over the model."""
    m = model()
    if feats["n_sentences"] < m["min_sentences"]:
        return None, []
    names, contrib, array = _contributions(feats, m)
    return _probability(m, contrib), _cues(names, contrib, array, 5)


@register
class Translation(Filter):
    """Flag traces of translation; remove MT debris; score the document.

    ``threshold``: score at or above which TR901 is flagged; ``model_weight``: how
    much the model's probability counts (0.71: the model alone flags a document only
    above p = 0.986; with one rule family above p = 0.76). ``drop``: make TR901
    a reason to drop, only with decisive evidence (MT debris, or two independent
    flag families). ``english_only``: typography and calque rules run on English
    documents only (they encode English conventions).
    """

    name = "translation"
    stage = 60
    rules = _RULES

    threshold: float = 0.7
    model_weight: float = 0.71
    drop: bool = False
    english_only: bool = True

    def find(self, doc) -> Iterator[Finding]:
        text = doc.text
        lang = doc.lang
        fired: dict[str, int] = {}

        def hit(code: str) -> None:
            fired[code] = fired.get(code, 0) + 1

        # TR2xx: debris lines and labels
        whole, prefixes = _debris()
        line_end = -1
        for line in text.split("\n"):  # the lines of lines(text), a Span only for a hit
            start = line_end + 1
            line_end = start + len(line)
            norm = normalize(line)
            if not norm:
                continue
            if norm in whole or line.strip().lower() in whole:
                a, b = line_removal(text, Span(start, line_end, line))
                yield Remove(a, b, "TR201", f"machine-translation notice: {line.strip()[:60]!r}")
                hit("TR201")
                continue
            low = line.lstrip().lower()
            if not low.startswith(prefixes):
                continue
            for p in prefixes:
                if low.startswith(p) and len(low) > len(p) + 2:
                    off = start + (len(line) - len(line.lstrip()))
                    end = off + len(p)
                    while end < line_end and text[end] in " \t:":
                        end += 1
                    yield Remove(off, end, "TR202", f"machine-translation label: {line.strip()[:len(p)]!r}")
                    hit("TR202")
                    break

        # TR101: paragraphs in another language (from the language filter)
        info = doc.annotations.get("language", {})
        for para in info.get("other_language_paragraphs", ()):
            cur = doc.to_current(para["start"], para["end"])
            if cur is None:
                continue
            yield Flag(cur[0], cur[1], "TR101",
                       f"paragraph in {para['lang']} in a {info.get('lang')} document",
                       {"lang": para["lang"], "doc_lang": info.get("lang"), "confidence": para.get("confidence")})
            hit("TR101")
        doc_lang = info.get("lang") or lang
        if doc_lang and doc_lang != langid.UNDETERMINED:
            flagged = [doc.to_current(p["start"], p["end"]) for p in info.get("other_language_paragraphs", ())]
            yield from self._untranslated_sentences(text, doc_lang, [c for c in flagged if c], hit)

        if lang == "en" or not self.english_only:
            yield from self._typography(text, hit)
            for m in _acronym_re().finditer(text):
                yield Flag(m.start(), m.end(), "TR501", f"“the” before {m.group(1)}, which takes no article")
                hit("TR501")
        yield from self._inconsistent(text, hit)
        yield from self._spelled_two_ways(text, hit)

        # the model is English: other documents do not need the features at all
        p, cues = _model_outcome(features(text)) if lang in (None, "en", "und") else (None, [])
        families = sorted({_FAMILY[c] for c in fired})
        rest = 1.0 - self.model_weight * (p if p is not None else 0.0)
        for fam in families:
            rest *= 1.0 - _FAMILY_WEIGHT[fam]
        score = round(1.0 - rest, 4)
        decisive = "debris" in families or len([f for f in families if f != "debris"]) >= 2
        yield Annotation("translation", {
            "score": score, "model_probability": None if p is None else round(p, 4),
            "families": families, "flags": dict(sorted(fired.items())),
            "top_cues": cues, "decisive": decisive})
        yield Annotation("scores", {"translation_score": score})
        if score >= self.threshold:
            yield DocumentFlag("TR901", f"translation score {score:.2f} >= {self.threshold:g} "
                                        f"({', '.join(families) or 'model only'})",
                               detail={"score": score, "families": families},
                               drop=self.drop and decisive)

    def _typography(self, text: str, hit) -> Iterator[Finding]:
        for m in _DASH_SUBHEAD_LINE_RE.finditer(text):  # the lines _DASH_SUBHEAD_RE matches whole
            if len(m.group("t").split()) <= 12:
                yield Flag(m.start(), m.end(), "TR301", "subheading framed by dashes (French/wire style)")
                hit("TR301")
        spaced = list(_SPACE_PUNCT_RE.finditer(text))
        if len(spaced) >= 2:
            for m in spaced:
                yield Flag(m.start(), m.end(), "TR302", f"space before {m.group()[-1]!r}")
                hit("TR302")
        for rx, code, why in ((_GUILLEMET_RE, "TR303", "« » quotation marks"),
                              (_DECIMAL_COMMA_RE, "TR304", "decimal comma"),
                              (_SPACE_THOUSANDS_RE, "TR305", "thousands grouped with spaces"),
                              (_GERMAN_QUOTE_RE, "TR306", "„German“ quotation marks")):
            for m in rx.finditer(text):
                yield Flag(m.start(), m.end(), code, f"{why}: {m.group()[:40]!r}")
                hit(code)

    def _inconsistent(self, text: str, hit) -> Iterator[Finding]:
        quotes = []
        for m in _QUOTE_RE.finditer(text):
            q = next(g for g in m.groups() if g is not None)
            words = [w.lower() for w in WORD_RE.findall(q)]
            content = frozenset(_stem(w) for w in words if w not in _STOP)
            if len(content) >= 2:
                quotes.append((m.start(), m.end(), " ".join(words), content))
            if len(quotes) > 400:
                break
        seen = set()
        for i in range(len(quotes)):
            for j in range(i + 1, len(quotes)):
                a, b = quotes[i], quotes[j]
                if a[2] == b[2] or not (a[3] & b[3]):
                    continue
                jac = len(a[3] & b[3]) / len(a[3] | b[3])
                if jac >= 0.75 and (a[0], b[0]) not in seen:
                    seen.add((a[0], b[0]))
                    for q, other in ((a, b), (b, a)):
                        yield Flag(q[0], q[1], "TR401", f"same quotation rendered differently elsewhere: "
                                                        f"{text[other[0]:other[1]][:50]!r}")
                    hit("TR401")


    def _untranslated_sentences(self, text: str, doc_lang: str, flagged, hit) -> Iterator[Finding]:
        # the first 200 sentences the screens leave, scored together by langid.shares
        # (a cheap bound): only those whose share of the document's language is 0.2 or
        # less can get another language with 0.9 from detect, which decides
        cands = list(islice(_tr102_candidates(text, doc_lang, flagged), 200))
        for (start, sentence, bare), share in zip(cands, langid.shares([c[2] for c in cands], doc_lang)):
            if share > 0.2:
                continue
            g = langid.detect(bare)
            if g.lang in (doc_lang, langid.UNDETERMINED) or g.confidence < 0.9:
                continue
            yield Flag(start, start + len(sentence), "TR102", f"sentence in {g.lang} in a {doc_lang} document",
                       {"lang": g.lang, "doc_lang": doc_lang, "confidence": round(g.confidence, 4)})
            hit("TR102")

    def _spelled_two_ways(self, text: str, hit) -> Iterator[Finding]:
        # the words are the letter runs (the first 50,000), cut in one pass with the
        # text between them: parts = [gap, run, gap, run, ..., gap]
        parts = _LETTER_RUN_SPLIT_RE.split(text)
        runs = parts[1:2 * _MAX_RUNS:2]
        distinct = set(runs)
        lower = set(filter(str.islower, distinct))
        # what makes a capitalised run a candidate but its mid-sentence use depends on
        # the run alone: told once per distinct run, and positions looked at only for
        # the runs that pass, and only if two of them could pair (same first two letters)
        fws = _function_word_set()
        folded: dict[str, str] = {}
        for t in filter(_title_cache().__getitem__, distinct - lower):  # (a capitalised run is not lower-case)
            if len(t) >= 4:
                low = t.lower()
                if low not in lower and low not in fws:
                    f = low if t.isascii() else _fold(t)  # (_fold of ASCII is lower())
                    if f not in lower:
                        folded[t] = f
        if len(folded) < 2 or len({f[:2] for f in folded.values()}) == len(folded):
            return  # no two candidates in one bucket: no pair
        # the candidates' places, and whether each stands mid-sentence: after a letter,
        # digit or , ; - ( with only spaces and tabs between (a run after a blank gap
        # follows a letter, unless it is the first run of the text)
        idx = list(compress(range(len(runs)), map(folded.__contains__, runs)))
        titles = list(map(runs.__getitem__, idx))
        marks = list(map(_gap_cache().__getitem__, map(parts.__getitem__, map(mul, idx, repeat(2)))))
        if idx and idx[0] == 0 and marks[0] == 1:
            marks[0] = 0
        mid = set(compress(titles, marks))
        cands = [t for t in dict.fromkeys(titles) if t in mid]  # in the order of their first use
        near: dict[str, set[str]] | None = None
        buckets: dict[str, list[str]] = {}
        for t in cands:
            buckets.setdefault(folded[t][:2], []).append(t)
        offsets = None
        for ts in buckets.values():
            ts.sort()
            if len(ts) > 300:
                ts = ts[:300]
            fs = [folded[t] for t in ts]
            ns = list(map(len, fs))
            for i in range(len(ts)):
                fa, la = fs[i], ns[i]
                for j in range(i + 1, len(ts)):
                    fb = fs[j]
                    if fa != fb and (la < 6 or ns[j] < 6 or not -2 <= la - ns[j] <= 2):
                        continue  # what _spelling_variant rules out first
                    if fa[-1] != fb[-1] and la - ns[j] not in (1, -1):
                        continue  # and what it rules out next: a different ending (not a doubled last letter)
                    a, b = ts[i], ts[j]
                    why = _spelling_variant(fa, fb)
                    if why is None:
                        continue
                    if near is None:  # next to any capitalised run
                        near = _neighbours(runs, parts, list(compress(range(len(runs)),
                                                                      map(_title_cache().__getitem__, runs))))
                    na, nb = near.get(a, set()) - {b}, near.get(b, set()) - {a}
                    if na and nb and not (na & nb):
                        continue  # Michael Jordan / Michel Foucault: two people
                    if offsets is None:  # where each run starts (only when something is flagged)
                        offsets = list(accumulate(map(len, parts)))
                    for t, other in ((a, b), (b, a)):
                        start = offsets[2 * runs.index(t)]  # its first use: every use is capitalised
                        yield Flag(start, start + len(t), "TR402",
                                   f"name spelled two ways ({why}): {t!r} and {other!r}",
                                   {"spellings": [a, b], "difference": why})
                    hit("TR402")


def _tr102_candidates(text: str, doc_lang: str, flagged) -> Iterator[tuple[int, str, str]]:
    """``(start, sentence, bare)`` of the sentences TR102 identifies: 6+ words once
    quoted passages, URLs and e-mail addresses are cut (``bare``), few function words
    of the document's language, not mostly capitalised words; outside ``flagged``."""
    own = _function_word_set() if doc_lang == "en" else _stopwords(doc_lang)
    if not own:
        return
    is_own = own.__contains__
    finditer = _SENT_END_RE.finditer
    line_start = 0
    for line in text.split("\n"):  # the lines of lines(text), their starts counted here
        at = line_start
        line_start += len(line) + 1
        # six words need eleven characters (the cuts below never lengthen a sentence)
        if len(line) < 11 or not line.strip() or (flagged and any(a <= at < b for a, b in flagged)):
            continue
        # the sentences of _sentences_at(line, at), cut inline
        cuts = []
        pos = 0
        for m in finditer(line):
            seg = line[pos:m.start() + 1]
            body = seg.lstrip()
            cuts.append((at + pos + len(seg) - len(body), body.rstrip()))
            pos = m.end()
        seg = line[pos:]
        body = seg.strip()
        if body:
            cuts.append((at + pos + len(seg) - len(seg.lstrip()), body))
        for start, sentence in cuts:
            bare = sentence
            if len(bare) < 11:
                continue  # six words need eleven characters (the cuts below never lengthen)
            # the cuts match nothing in a sentence without their marks
            if "://" in bare or "www." in bare or "@" in bare:
                bare = _URL_RE.sub(" ", bare)
            if '"' in bare or "“" in bare or "„" in bare or "«" in bare:
                bare = _QUOTED_RE.sub(" ", bare)
            ws = _letter_words(bare)
            if len(ws) < 6:
                continue
            if sum(map(is_own, map(str.lower, ws))) > 0.15 * len(ws):
                continue  # the document's own function words: its language
            if sum(map(str.isupper, map(_FIRST, ws))) > 0.5 * len(ws):
                continue  # names, titles
            yield start, sentence, bare


def _sentences_at(text: str, offset: int = 0) -> Iterator[tuple[int, str]]:
    """``(s.start, s.text)`` of :func:`cleaner.text.iter_sentences` (same cuts, no spans)."""
    pos = 0
    for m in _SENT_END_RE.finditer(text):
        seg = text[pos:m.start() + 1]
        body = seg.lstrip()
        yield offset + pos + len(seg) - len(body), body.rstrip()  # never empty: it ends with . ! ? …
        pos = m.end()
    seg = text[pos:]
    body = seg.strip()
    if body:
        yield offset + pos + len(seg) - len(seg.lstrip()), body


_FIRST = itemgetter(0)
_URL_RE = re.compile(r"\S{1,200}://\S{1,2000}|www\.\S{1,2000}|\S{1,200}@\S{1,300}")
# a quoted passage; an opening mark left unclosed in the sentence quotes the rest of it
_QUOTED_RE = re.compile(r"\"[^\"\n]{0,400}(?:\"|$)|“[^”\n]{0,400}(?:”|$)|„[^“”\n]{0,400}(?:[“”]|$)|"
                        r"«[^»\n]{0,400}(?:»|$)")
_LETTERS_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_LETTER_RE = re.compile(r"[^\W\d_]")
_APOSTROPHES = ("'", "’")
# ASCII: a letter stays, the apostrophe stays, every other byte becomes a space
_ASCII_LETTERS = bytes(c if (65 <= c <= 90 or 97 <= c <= 122 or c == 39) else 32 for c in range(256))


class _LetterTable(dict):
    """Code point -> itself for a letter (``[^\\W\\d_]``) or an apostrophe, a space
    for any other character (for ``str.translate``); filled on first use, up to
    ``_CACHE_MAX`` code points (the others are looked up each time)."""

    def __missing__(self, cp: int) -> int:
        ch = chr(cp)
        value = cp if (_LETTER_RE.match(ch) or ch in _APOSTROPHES) else 32
        if len(self) < _CACHE_MAX:
            self[cp] = value
        return value


_LETTER_TABLE = _LetterTable()


def _letter_words(text: str) -> list[str]:
    """``_LETTERS_RE.findall(text)`` without the pattern's per-character class test:
    every character that is neither a letter nor an apostrophe made a space (bytes
    translation for ASCII), the text split there. A match never holds such a
    character and the pattern has no lookaround, so its matches are those of each
    piece; a piece without an apostrophe is all letters, one match; only a piece
    with one needs the pattern ("don't", "'cause", "a''b")."""
    if text.isascii():
        pieces = text.encode("ascii").translate(_ASCII_LETTERS).decode("ascii").split()
        if "'" not in text:
            return pieces
    else:
        pieces = text.translate(_LETTER_TABLE).split()
        if "'" not in text and "’" not in text:
            return pieces
    findall = _LETTERS_RE.findall
    return [w for piece in pieces
            for w in ((piece,) if "'" not in piece and "’" not in piece else findall(piece))]


_LETTER_RUN_RE = re.compile(r"[^\W\d_]+")
_LETTER_RUN_SPLIT_RE = re.compile(r"([^\W\d_]+)")
_MAX_RUNS = 50_000  # words looked at for TR402


def _neighbours(runs: list[str], parts: list[str], idx: list[int]) -> dict[str, set[str]]:
    """Capitalised runs next to each other (at most 4 characters and no word between:
    Mustafa al-Kadhemi, "al-" does not break the name), both ways."""
    near: dict[str, set[str]] = {}
    prev = -2
    for i in idx:
        if prev == i - 1 and len(parts[2 * i]) <= 4:
            t, p = runs[i], runs[prev]
            near.setdefault(t, set()).add(p)
            near.setdefault(p, set()).add(t)
        prev = i
    return near


@lru_cache(maxsize=1)
def _gap_cache() -> _TokenCache:
    """text between two letter runs -> 2 if the run after it is mid-sentence (its last
    character other than spaces and tabs is a letter, digit or , ; - ( ), 0 if not,
    1 if it is only spaces and tabs (the character before is the previous run's)."""
    def mark(gap: str) -> int:
        before = gap.rstrip(" \t")
        if not before:
            return 1
        return 2 if before[-1].isalnum() or before[-1] in ",;-(" else 0
    return _TokenCache(mark)


@lru_cache(maxsize=1)
def _title_cache() -> _TokenCache:
    """letter run -> capitalised (``Name``: an upper-case letter, then lower-case)."""
    return _TokenCache(lambda t: t[0].isupper() and t[1:].islower())
_VOWELS = frozenset("aeiouy")


@lru_cache(maxsize=None)
def _stopwords(lang: str) -> frozenset[str]:
    """A language's stop words (from the quality filter's lists), for the TR102 screen."""
    name = f"quality/stopwords/{lang}.txt"
    try:
        return frozenset(w.lower() for w in resources.lines(name))
    except (FileNotFoundError, OSError):
        return frozenset()


@lru_cache(maxsize=1)
def _variant_pairs() -> frozenset[tuple[str, str]]:
    out = set()
    for raw in resources.lines("translation/spelling_variants.txt"):
        a, _, b = raw.partition(" ")
        a, b = a.strip().replace("-", ""), b.strip().replace("-", "")
        out.add((a, b))
        out.add((b, a))
    return frozenset(out)


def _fold(s: str) -> str:
    if s.isascii():
        return s.lower()  # NFKD leaves ASCII as it is, with no combining marks
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)).lower()


def _spelling_variant(a: str, b: str) -> str | None:
    """Why two folded spellings are one name written two ways, or None.

    >>> _spelling_variant("zelensky", "zelenskyy"), _spelling_variant("klimenko", "klymenko")
    ('doubled letter', 'vowel')
    >>> _spelling_variant("russia", "russian"), _spelling_variant("selena", "serena")
    (None, None)
    """
    if a == b:
        return "diacritics"
    short = min(len(a), len(b))
    if short < 6 or abs(len(a) - len(b)) > 2:
        return None
    lcp = 0
    while lcp < short and a[lcp] == b[lcp]:
        lcp += 1
    if lcp < 2:
        return None
    lcs = 0
    while lcs < short - lcp and a[-1 - lcs] == b[-1 - lcs]:
        lcs += 1
    ma, mb = a[lcp:len(a) - lcs], b[lcp:len(b) - lcs]
    if len(ma) + len(mb) > 3 or (len(ma) + len(mb) > 2 and short < 8):
        return None
    lo, hi = (ma, mb) if len(ma) <= len(mb) else (mb, ma)
    long_word = a if len(ma) > len(mb) else b
    if not lo and len(hi) == 1:
        k = lcp  # position of the extra letter in the longer word
        if (k > 0 and long_word[k - 1] == hi) or (k + 1 < len(long_word) and long_word[k + 1] == hi):
            return "doubled letter"
    if lcs == 0:
        return None  # the difference is at the end: an ending (Russia/Russian, Minister/Ministry)
    if set(ma + mb) <= _VOWELS and (ma or mb):
        return "vowel"
    if (ma, mb) in _variant_pairs():
        return "transliteration"
    return None


def _stem(w: str) -> str:
    for suf in ("ies", "es", "s", "ed", "ing"):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            return w[: -len(suf)]
    return w
