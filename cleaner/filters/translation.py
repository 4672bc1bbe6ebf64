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
from functools import lru_cache
from typing import Any, Iterator

from cleaner import langid, resources
from cleaner.filters.base import Filter, register
from cleaner.findings import Annotation, DocumentFlag, Finding, Flag, Remove
from cleaner.rules import Rule
from cleaner.text import WORD_RE, iter_sentences, line_removal, lines, normalize


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
_SPACE_PUNCT_RE = re.compile(r"(?<=\w)[ \u00a0\u202f][?!:;](?=\s|$)")
_GUILLEMET_RE = re.compile(r"«[^»\n]{1,300}»")
_DECIMAL_COMMA_RE = re.compile(
    r"(?<![\d,])\d{1,3},\d{1,2}(?![\d,])[ \u00a0]?(?:%|percent|per cent|million|billion|trillion|"
    r"km|kg|m|cm|mm|degrees|°)(?!\w)")
_SPACE_THOUSANDS_RE = re.compile(r"(?<![\d,.])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,.]|[ \u00a0\u202f]\d)")
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
    return re.compile(rf"\b[Tt]he ({alt})(?=[.,;:!?)\]”\"]|$|\s(?:said|says|reported|reports|that|which|in|on|"
                      rf"at|of|and|or|but|was|is|had|has|from|to|for|with)\b)", re.M)


@lru_cache(maxsize=1)
def model() -> dict[str, Any]:
    """The fitted linear model (see ``benchmarks/fit_translation.py``)."""
    return resources.json_data("translation/model.json")


_TOKEN_RE = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
# typography is normalised before the features are computed: the model must not
# learn which quotation marks or dashes an outlet (or a data set) uses
_TYPO = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "—": "-",
                       "–": "-", "‐": "-", "\u00a0": " "})
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


def _sentence_tokens(text: str) -> list[list[str]]:
    """Tokens of each prose sentence: lines are sentence boundaries too, and only
    sentences of 4+ words that end with ``. ! ? …`` count, so headings, menus, list
    items, prices and captions (web pages have many) do not reach the model."""
    out = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        for s in iter_sentences(line):
            if not _PROSE_END_RE.search(s.text):
                continue
            toks = _TOKEN_RE.findall(s.text)
            if sum(1 for t in toks if t[0].isalnum()) >= MIN_PROSE_WORDS:
                out.append(toks)
    return out


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

    >>> f = features("The cat sat on the mat. It said that it was happy.")
    >>> round(f["w:the"], 3), f["n_words"], f["n_sentences"], round(f["g:on the"], 3)
    (5.658, 12.0, 2.0, 4.215)
    """
    fws = _function_word_set()
    skip = register_tokens()
    sents = _sentence_tokens(text.translate(_TYPO))
    counts: dict[str, int] = {}
    punct: dict[str, int] = {}
    grams: dict[str, int] = {}
    lengths: list[int] = []
    head: list[str] = []
    n_quotes = n_apos = n_digit = n_chars = n_long = n_stream = 0
    for toks in sents:
        prev = "<s>"
        n_sw = 0
        for t in toks:
            if t in _QUOTE_TOKENS:
                n_quotes += 1
                continue
            c0 = t[0]
            low = t.lower()
            if c0.isalnum() or c0 == "_":
                n_sw += 1
                counts[low] = counts.get(low, 0) + 1
                n_chars += len(t)
                n_long += len(t) >= 8
                n_apos += "'" in t
                n_digit += c0.isdigit()
                if len(head) < 400:
                    head.append(low)
            else:
                punct[t] = punct.get(t, 0) + 1
            if low in skip:
                continue
            sh = _shape(t, fws)
            g = f"g:{prev} {sh}"
            grams[g] = grams.get(g, 0) + 1
            prev = sh
            n_stream += 1
        g = f"g:{prev} </s>"
        grams[g] = grams.get(g, 0) + 1
        n_stream += 1
        if n_sw:
            lengths.append(n_sw)
    n = sum(lengths)
    out: dict[str, float] = {"n_words": float(n), "n_sentences": float(len(lengths))}
    if not n:
        return out
    rate = 1000.0 / n
    # function-word rates per 1,000 function words (a per-document normalisation:
    # how the function words are used, whatever the density of content words)
    n_fw = sum(counts.get(fw, 0) for fw in function_words() if fw not in skip)
    fw_rate = 1000.0 / max(n_fw, 1)
    for fw in function_words():
        if fw not in skip:
            out[f"w:{fw}"] = math.log1p(fw_rate * counts.get(fw, 0))
    out["function_words"] = n_fw / n
    for p in _PUNCT_FEATURES:
        if p not in skip:
            out[f"p:{p}"] = math.log1p(rate * punct.get(p, 0))
    out["quotes"] = math.log1p(rate * n_quotes)
    out["contractions"] = math.log1p(rate * n_apos)
    out["digits"] = math.log1p(rate * n_digit)
    out["word_length"] = n_chars / n
    out["long_words"] = n_long / n
    out["ttr400"] = len(set(head)) / len(head)
    mean = n / len(lengths)
    sd = math.sqrt(sum((x - mean) ** 2 for x in lengths) / len(lengths))
    out["sentence_words"] = math.log1p(mean)
    out["sentence_sd"] = math.log1p(sd)
    out["sentence_cv"] = sd / mean
    out["short_sentences"] = sum(x < 10 for x in lengths) / len(lengths)
    out["long_sentences"] = sum(x > 35 for x in lengths) / len(lengths)
    srate = 1000.0 / n_stream
    for g, v in grams.items():
        out[g] = math.log1p(srate * v)
    return out


def model_probability(feats: dict[str, float]) -> float | None:
    """P(translated) from the linear model, or None if the document is too short."""
    m = model()
    if feats["n_sentences"] < m["min_sentences"]:
        return None
    z = m["intercept"]
    for name, (mean, std, w) in m["features"].items():
        z += w * (feats.get(name, 0.0) - mean) / std
    slope, offset = m.get("calibration", (1.0, 0.0))
    z = slope * z + offset
    return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))


def top_cues(feats: dict[str, float], k: int = 5) -> list[dict[str, float]]:
    m = model()
    contrib = [(w * (feats.get(name, 0.0) - mean) / std, name) for name, (mean, std, w) in m["features"].items()]
    contrib.sort(key=lambda x: -abs(x[0]))
    return [{"feature": name, "contribution": round(c, 3)} for c, name in contrib[:k]]


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
        for s in lines(text):
            norm = normalize(s.text)
            if not norm:
                continue
            if norm in whole or s.text.strip().lower() in whole:
                a, b = line_removal(text, s)
                yield Remove(a, b, "TR201", f"machine-translation notice: {s.text.strip()[:60]!r}")
                hit("TR201")
                continue
            low = s.text.lstrip().lower()
            for p in prefixes:
                if low.startswith(p) and len(low) > len(p) + 2:
                    off = s.start + (len(s.text) - len(s.text.lstrip()))
                    end = off + len(p)
                    while end < s.end and text[end] in " \t:":
                        end += 1
                    yield Remove(off, end, "TR202", f"machine-translation label: {s.text.strip()[:len(p)]!r}")
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

        feats = features(text)
        p = model_probability(feats) if (lang in (None, "en", "und")) else None
        families = sorted({_FAMILY[c] for c in fired})
        rest = 1.0 - self.model_weight * (p if p is not None else 0.0)
        for fam in families:
            rest *= 1.0 - _FAMILY_WEIGHT[fam]
        score = round(1.0 - rest, 4)
        decisive = "debris" in families or len([f for f in families if f != "debris"]) >= 2
        yield Annotation("translation", {
            "score": score, "model_probability": None if p is None else round(p, 4),
            "families": families, "flags": dict(sorted(fired.items())),
            "top_cues": top_cues(feats) if p is not None else [], "decisive": decisive})
        yield Annotation("scores", {"translation_score": score})
        if score >= self.threshold:
            yield DocumentFlag("TR901", f"translation score {score:.2f} >= {self.threshold:g} "
                                        f"({', '.join(families) or 'model only'})",
                               detail={"score": score, "families": families},
                               drop=self.drop and decisive)

    def _typography(self, text: str, hit) -> Iterator[Finding]:
        for s in lines(text):
            m = _DASH_SUBHEAD_RE.fullmatch(s.text)
            if m and len(m.group("t").split()) <= 12:
                yield Flag(s.start, s.end, "TR301", "subheading framed by dashes (French/wire style)")
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
        own = _function_word_set() if doc_lang == "en" else _stopwords(doc_lang)
        if not own:
            return
        n = 0
        for line in lines(text):
            if not line.text.strip() or any(a <= line.start < b for a, b in flagged):
                continue
            for s in iter_sentences(line.text, line.start):
                bare = _QUOTED_RE.sub(" ", _URL_RE.sub(" ", s.text))
                ws = _LETTERS_RE.findall(bare)
                if len(ws) < 6:
                    continue
                if sum(w.lower() in own for w in ws) > 0.15 * len(ws):
                    continue  # the document's own function words: its language
                if sum(w[0].isupper() for w in ws) > 0.5 * len(ws):
                    continue  # names, titles
                n += 1
                if n > 200:
                    return
                g = langid.detect(bare)
                if g.lang in (doc_lang, langid.UNDETERMINED) or g.confidence < 0.9:
                    continue
                yield Flag(s.start, s.end, "TR102", f"sentence in {g.lang} in a {doc_lang} document",
                           {"lang": g.lang, "doc_lang": doc_lang, "confidence": round(g.confidence, 4)})
                hit("TR102")

    def _spelled_two_ways(self, text: str, hit) -> Iterator[Finding]:
        lower: set[str] = set()
        first: dict[str, int] = {}
        mid: set[str] = set()
        near: dict[str, set[str]] = {}
        prev_title: tuple[str, int] | None = None
        n = 0
        for m in _LETTER_RUN_RE.finditer(text):
            t = m.group()
            n += 1
            if n > 50_000:
                break
            if t.islower():
                lower.add(t)
                prev_title = None
                continue
            if not (t[0].isupper() and t[1:].islower()):
                prev_title = None
                continue
            first.setdefault(t, m.start())
            j = m.start() - 1
            while j >= 0 and text[j] in " \t":
                j -= 1
            if j >= 0 and (text[j].isalnum() or text[j] in ",;-("):
                mid.add(t)
            # capitalised neighbours (Mustafa al-Kadhemi: "al-" does not break the name)
            if prev_title is not None and 0 <= m.start() - prev_title[1] <= 4:
                near.setdefault(t, set()).add(prev_title[0])
                near.setdefault(prev_title[0], set()).add(t)
            prev_title = (t, m.end())
        folded = {t: _fold(t) for t in first}
        cands = [t for t in first if len(t) >= 4 and t in mid and t.lower() not in lower
                 and folded[t] not in lower and t.lower() not in _function_word_set()]
        buckets: dict[str, list[str]] = {}
        for t in cands:
            buckets.setdefault(folded[t][:2], []).append(t)
        for ts in buckets.values():
            ts.sort()
            if len(ts) > 300:
                ts = ts[:300]
            for i in range(len(ts)):
                for j in range(i + 1, len(ts)):
                    a, b = ts[i], ts[j]
                    why = _spelling_variant(folded[a], folded[b])
                    if why is None:
                        continue
                    na, nb = near.get(a, set()) - {b}, near.get(b, set()) - {a}
                    if na and nb and not (na & nb):
                        continue  # Michael Jordan / Michel Foucault: two people
                    for t, other in ((a, b), (b, a)):
                        yield Flag(first[t], first[t] + len(t), "TR402",
                                   f"name spelled two ways ({why}): {t!r} and {other!r}",
                                   {"spellings": [a, b], "difference": why})
                    hit("TR402")


_URL_RE = re.compile(r"\S{1,200}://\S{1,2000}|www\.\S{1,2000}|\S{1,200}@\S{1,300}")
# a quoted passage; an opening mark left unclosed in the sentence quotes the rest of it
_QUOTED_RE = re.compile(r"\"[^\"\n]{0,400}(?:\"|$)|“[^”\n]{0,400}(?:”|$)|„[^“”\n]{0,400}(?:[“”]|$)|"
                        r"«[^»\n]{0,400}(?:»|$)")
_LETTERS_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_LETTER_RUN_RE = re.compile(r"[^\W\d_]+")
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
