"""Language of the document and of its paragraphs, deterministic.

Annotates ``language`` in the report: the document's language and confidence,
the top candidates, how many paragraphs are in each language, and the spans of
paragraphs whose language differs from the document's (the input of the
translation filter's untranslated-fragment rule). Short or letterless text is
``"und"`` (undetermined).

In the default pipeline it runs after captions and boilerplate (stage 35): the
language is that of the text that is kept, not of a page's head (menus, cookie
banners, server warnings), which the bounded sample would otherwise read.

>>> from cleaner import Pipeline
>>> r = Pipeline([Language()])("Der Hund schläft im Garten, weil die Sonne scheint.")
>>> r.report.language["lang"]
'de'
"""

from __future__ import annotations

import sys
from itertools import repeat
from operator import methodcaller
from typing import Iterator

from cleaner import langid
from cleaner.filters.base import Filter, register
from cleaner.findings import Annotation, DocumentFlag, Finding
from cleaner.rules import Rule
from cleaner.text import paragraphs


@register
class Language(Filter):
    """Identify the language of the document and of each paragraph.

    ``screen_paragraphs``: identify a paragraph with langdetect only when a cheap
    stop-word count (15 major languages) says it may be in another language than
    the document (most paragraphs are not; langdetect is the costliest step).
    ``min_paragraph_chars``: paragraphs shorter than this are not identified on
    their own (too short to be reliable). ``keep_languages``: if set, documents in
    another language are dropped (``LANG003``).
    """

    name = "language"
    stage = 35  # after captions and boilerplate: the language of the text that is kept
    rules = (
        Rule("LANG001", "undetermined-language",
             "The document's language could not be determined (too little text).", "flagged",
             check=False,
             doc="What: the document has fewer letters than language identification needs, or "
                 "no profile matches.\n\nFix safety: not fixable."),
        Rule("LANG002", "declared-language-mismatch",
             "The detected language differs from the declared one.", "flagged",
             doc="What: the input record declares a language (`--lang-field`, `lang=`) and the "
                 "text is confidently identified as another.\n\nFix safety: not fixable."),
        Rule("LANG003", "unwanted-language",
             "The document is not in one of the configured languages (`keep_languages`).",
             "flagged", check=False,
             doc="What: with `keep_languages = [\"en\", \"de\"]`, documents detected as another "
                 "language are dropped.\n\nFix safety: not fixable; a verdict input."),
    )

    min_paragraph_chars: int = 80
    screen_paragraphs: bool = True
    min_confidence: float = 0.80
    keep_languages: tuple[str, ...] = ()

    def find(self, doc) -> Iterator[Finding]:
        text = doc.text
        guess = langid.detect(text)
        info = guess.to_dict()
        counts: dict[str, int] = {}
        other = []
        screened = 0
        for para in paragraphs(text):
            if len(para.text) < self.min_paragraph_chars:
                continue
            if self.screen_paragraphs and not _may_differ(para.text, guess.lang):
                counts[guess.lang] = counts.get(guess.lang, 0) + 1
                screened += 1
                continue
            p = langid.detect(para.text)
            counts[p.lang] = counts.get(p.lang, 0) + 1
            if p.lang not in (guess.lang, langid.UNDETERMINED) and p.confidence >= self.min_confidence:
                start, end = doc.to_original(para.start, para.end)
                other.append({"start": start, "end": end, "lang": p.lang,
                              "confidence": round(p.confidence, 4)})
        info["paragraphs"] = dict(sorted(counts.items()))
        info["paragraphs_screened"] = screened
        info["other_language_paragraphs"] = other
        yield Annotation("language", info)
        yield Annotation("scores", {"language_confidence": info["confidence"]})

        if guess.lang == langid.UNDETERMINED:
            yield DocumentFlag("LANG001", "language undetermined: too little text")
            return
        declared = doc.meta.lang
        if declared and declared.split("-")[0].lower() != guess.lang and guess.confidence >= self.min_confidence:
            yield DocumentFlag("LANG002", f"declared {declared!r} but detected {guess.lang!r} "
                                          f"({guess.confidence:.2f})",
                               detail={"declared": declared, "detected": guess.lang})
        if self.keep_languages and guess.lang not in self.keep_languages:
            yield DocumentFlag("LANG003", f"language {guess.lang!r} not in {list(self.keep_languages)}",
                               detail={"lang": guess.lang}, drop=True)


def _may_differ(text: str, doc_lang: str) -> bool:
    """True unless the paragraph's stop words clearly point to the document's
    language: the best-scoring stoplist is ``doc_lang``'s (or near it), or there is
    too little evidence to say anything (then langdetect would not be sure either,
    unless the script differs, which stop words of other scripts catch)."""
    from cleaner.filters.boilerplate import PER_LINE_LANGS

    words = text.split(None, 300)[:300]  # the first 300 words (the rest is not split)
    n = len(words)
    # the words on each stoplist (lower-cased, edge punctuation stripped): one
    # 16-bit counter per stoplist in the packed sum of the words' values
    values = _word_values  # replaced, never cleared, when full
    try:
        total = sum(map(values.__getitem__, words))
    except KeyError:  # words not seen yet: all of them at once
        values = _add_word_values(words)
        total = sum(map(values.__getitem__, words))
    counts = list(memoryview(total.to_bytes(2 * len(PER_LINE_LANGS), sys.byteorder)).cast("H")) \
        if total else [0] * len(PER_LINE_LANGS)
    best = max(range(len(counts)), key=lambda i: (counts[i], -i))
    if counts[best] < 3:
        return doc_lang in PER_LINE_LANGS and n >= 8 and any(ch.isalpha() for ch in text) and not any(counts)
    if doc_lang not in PER_LINE_LANGS:
        return True
    own = counts[PER_LINE_LANGS.index(doc_lang)]
    return counts[best] > 1.5 * own + 1


_STRIP_EDGES = methodcaller("strip", ".,;:!?\"'()“”„«»")


def _add_word_values(words: list[str]) -> dict[str, int]:
    """Put ``words`` in the memo of the words' values (a word as it stands in the
    text -> the packed stoplist counters of its lower-cased, edge-stripped form,
    ``boilerplate._packed`` with 16-bit fields: a paragraph's 300 words cannot
    overflow one; 0 for a word on no stoplist), and return the memo."""
    global _word_values
    from cleaner.filters.boilerplate import _packed, per_line_stoplists

    values = _word_values
    missing = set(words).difference(values)
    if len(values) + len(missing) > _WORD_VALUES_SIZE:
        values = _word_values = {}
        missing = set(words)
    values.update(zip(missing, map(_packed(per_line_stoplists(), 16).get,
                                   map(_STRIP_EDGES, map(str.lower, missing)), repeat(0))))
    return values


_WORD_VALUES_SIZE = 50_000
_word_values: dict[str, int] = {}
