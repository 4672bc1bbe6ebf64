"""Boilerplate: comment forms, share/cookie/newsletter/navigation/footer lines.

Three signals, combined per line:

1. **Phrases** (``cleaner/data/boilerplate/*.txt``): whole-line, anchored-prefix
   and anchored-pattern rules per family (comment form, share, cookie,
   newsletter, navigation, footer, ads) in many languages. Every language's
   phrases apply to every document (site templates mix languages). Matching is
   on the normalised line (case, whitespace, edge punctuation and ``*``; Greek
   accents, Turkish i, Arabic marks: :func:`fold`), never on a substring inside
   a sentence; in unspaced scripts a prefix is matched by characters.
2. **jusText's classifier** (stopword density, length, context revision) on the
   document's own lines, with the stoplist of the detected language.
3. **The main block**: the run of lines that holds the article (the best-scoring
   run of prose lines). Short lines inside it are content (headings, datelines,
   list items); lines outside it that jusText does not call good are debris.

Debris glued to content inside a line ("…gesetzt.OK", "… Read More…") is
trimmed as a partial removal with its own offsets.

>>> from cleaner import Pipeline
>>> from cleaner.filters.layout import Layout
>>> text = ("Storm closes schools across the region\\n"
...         "The storm that reached the coast on Monday has closed schools in three counties, "
...         "and officials said that they would stay closed until the power is back.\\n"
...         "Please enter your comment!\\nPlease enter your name here\\n")
>>> Pipeline([Boilerplate(), Layout()])(text).text.splitlines()[-1][:40]
'The storm that reached the coast on Mond'
"""

from __future__ import annotations

import re
import struct
import sys
import unicodedata
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import accumulate
from typing import Iterator, Literal
from unicodedata import is_normalized

from cleaner import resources
from cleaner.filters.base import Filter, register
from cleaner.findings import Annotation, Finding, Remove
from cleaner.rules import Rule
from cleaner.text import _EDGE_PUNCT, normalize

FAMILIES = {
    # family: (code of a whole-line removal, code of a partial trim, label)
    "comment": ("BP101", "BP102", "comment form or comment-section chrome"),
    "share": ("BP201", "BP202", "share / social-media line"),
    "cookie": ("BP301", "BP302", "cookie / consent banner"),
    "newsletter": ("BP401", "BP402", "newsletter / subscription / paywall prompt"),
    "navigation": ("BP501", "BP502", "navigation, related-content or read-more line"),
    "footer": ("BP601", "BP602", "footer / copyright / legal line"),
    "ads": ("BP701", "BP702", "advertising label"),
    "system": ("BP801", None, "server error or debug output"),  # no glued form
}


def _rule(code: str, name: str, summary: str, what: str, example: str, known: str,
          fixable: bool = True, safety: str = "safe: only whole lines or the recorded partial "
                                              "span are removed") -> Rule:
    return Rule(code, name, summary, "removed", fixable=fixable,
                doc=f"What: {what}\n\nWhy: scraped pages carry the site around the article; "
                    f"this text is not part of the document.\n\nKnown problems: {known}\n\n"
                    f"Example: {example}\n\nFix safety: {safety}.")


_PHRASE_KNOWN = ("a one-word line such as `Comments` or `Share` is removed even when the author "
                 "meant it as a heading; phrases are whole-line or anchored, so sentences that "
                 "merely contain the words stay.")
_RULES = (
    _rule("BP101", "comment-form", "A comment-form or comment-section line was removed.",
          "whole lines of comment forms and comment-section chrome: `Leave a Reply`, `Please "
          "enter your comment!`, `Save my name, email, and website in this browser…`, Disqus "
          "and Facebook-comments widgets, `3 comments`, in many languages.",
          "`Please enter your comment!` (tagDiv Newspaper theme).", _PHRASE_KNOWN),
    _rule("BP102", "comment-form-glued", "Comment-form text glued to other text was trimmed.",
          "comment-form labels glued to the end of a line (`…name hereComment:`).",
          "`Please enter your name hereComment:` -> `Please enter your name here`.", _PHRASE_KNOWN),
    _rule("BP201", "share-line", "A share / social-media line was removed.",
          "share buttons and follow prompts: `Share on Facebook`, `Tweet`, `Teilen mit:`, "
          "`Facebook | Twitter | WhatsApp`.", "`Click to share on Twitter (Opens in new window)`.",
          _PHRASE_KNOWN),
    _rule("BP202", "share-glued", "Share-button text glued to other text was trimmed.",
          "share labels glued to the end of a content line.", "`…today.Share this:`.",
          _PHRASE_KNOWN),
    _rule("BP301", "cookie-banner", "A cookie / consent banner line was removed.",
          "cookie banners and their buttons: `This website uses cookies…`, `Accept all`, "
          "`Diese Website verwendet Cookies…`, `Akzeptieren`.", "`We use cookies to improve your "
          "experience.`", _PHRASE_KNOWN),
    _rule("BP302", "cookie-button-glued", "A consent button glued to a sentence was trimmed.",
          "a consent button label glued directly after a sentence's final punctuation "
          "(`…Cookies zu.OK`).", "`…stimmen Sie der Verwendung von Cookies zu.OK` -> without "
          "`OK`.", "only button labels from the cookie phrase list, only right after `.`, `!` or "
          "`?` with no space."),
    _rule("BP401", "newsletter-prompt", "A newsletter, subscription or paywall prompt was removed.",
          "newsletter boxes, subscribe prompts and paywall notices: `Subscribe to our newsletter`, "
          "`Already a subscriber? Log in`, `Jetzt abonnieren`.", "`Sign up for our daily "
          "newsletter`.", _PHRASE_KNOWN),
    _rule("BP402", "newsletter-glued", "A subscribe prompt glued to other text was trimmed.",
          "subscribe labels glued to the end of a line.", "`…story.Subscribe now`.", _PHRASE_KNOWN),
    _rule("BP501", "navigation-line", "A navigation, related-content or read-more line was removed.",
          "menus, breadcrumbs, pagination, `Related posts`, `Read more`, `Lesen Sie auch`, "
          "section names standing alone.", "`Home » News » World`.", _PHRASE_KNOWN),
    _rule("BP502", "read-more-glued", "A `Read more` link glued to the end of a line was trimmed.",
          "`Read more`, `Weiterlesen`, `Lire la suite`… with an optional arrow or ellipsis at the "
          "end of a teaser line, decorated as a link (`»`, `…`, `[…]`) or after the end of the "
          "teaser's text (`. `, `… `, `: `); never the last words of a sentence, a question or a "
          "heading (`keine Sorgen mehr.`, `nicht mehr?`, `Sport, Kultur und mehr`); the teaser "
          "text is kept.", "`The mayor said on Monday… Read More…` -> `The mayor said on "
          "Monday…`.", "a sentence after a full stop that is only the words of a link "
          "(`… said. Learn more`) loses them."),
    _rule("BP503", "menu-run", "A run of short menu-like lines outside the article was removed.",
          "three or more consecutive short lines (a few words, no sentence punctuation) outside "
          "the main block: a menu or a list of links.", "`Politik` / `Wirtschaft` / `Sport` / "
          "`Kultur` above the article.", "a short list before the article's first paragraph "
          "can be taken for a menu."),
    _rule("BP601", "footer-line", "A footer, copyright or legal line was removed.",
          "`© 2024 Example Media. All rights reserved.`, `Privacy policy`, `Impressum`, "
          "`Powered by WordPress`.", "`Copyright © 2023 Example Ltd`.", _PHRASE_KNOWN),
    _rule("BP602", "footer-glued", "Footer text glued to other text was trimmed.",
          "copyright notices glued to the end of a line.", "`…end.© 2024 Example`.", _PHRASE_KNOWN),
    _rule("BP701", "ad-label", "An advertising label was removed.",
          "`Advertisement`, `Anzeige`, `Publicité`, `Sponsored` standing alone.",
          "`ADVERTISEMENT`.", _PHRASE_KNOWN),
    _rule("BP702", "ad-label-glued", "An advertising label glued to other text was trimmed.",
          "an advertising label glued to a line.", "`Advertisement…`.", _PHRASE_KNOWN),
    _rule("BP801", "server-message", "A server error or debug message was removed.",
          "PHP warnings and notices, stack-trace lines and similar server output that the page "
          "printed into its HTML (`Warning: … on line 407`).",
          "`Deprecated: Assigning the return value of new by reference is deprecated in "
          "/www/htdocs/wp-includes/cache.php on line 36`.", "an article quoting such a message "
          "verbatim loses the quoted line."),
    _rule("BP901", "outside-main-block",
          "A line outside the article's main block that jusText classifies as boilerplate was "
          "removed.",
          "jusText's paragraph classifier (stopword density with the stoplist of the detected "
          "language, length, context revision) on the document's lines, applied only outside the "
          "main block (the best-scoring run of prose lines). Not on already-clean text (no debris "
          "line and half the lines ending like sentences, or at most 3 debris lines and 80 % of "
          "the others: extracted news; `clean_text_share`, `clean_text_debris`).",
          "a teaser list or sidebar after the article.",
          "content before or after the main block that is short and has few stopwords (a "
          "second article on the page, a fact box) is removed; titles right before the block "
          "are kept.", safety="safe for corpus building; review for archival use"),
    _rule("BP902", "short-line-between-debris",
          "A short line between two removed lines was removed.",
          "debris comes in runs: a short line (a few words) whose neighbours on both sides were "
          "removed is removed too.", "`Tags:` / `Politik` / `Share` -> all removed.",
          "a one-line heading between two removed blocks outside the article.",
          safety="safe for corpus building"),
    _rule("BP903", "repeated-short-line",
          "A short line repeated three or more times on the page was removed.",
          "a line of a few words (no digits, not a label ending in `:`) that stands alone three "
          "or more times on the page: the label of a widget repeated for every comment, answer "
          "or picture (`Antworten ↓`, `Follow`, `Improve this answer`, `Im Ideenbuch speichern`). "
          "All copies go. Indented or code-like lines stay, and so does a text that also stands "
          "inside another line (the page's topic). Pages with more than three such texts are "
          "tables or result lists and are left alone.",
          "`Antworten ↓` under each of ten comments.",
          "a section heading that recurs three times (`Pros` in a review of several products) "
          "or a speaker label on its own line in an interview is removed.",
          safety="safe for corpus building; review for archival use"),
)


# what code has and widget labels do not (a colon in a word: "app:app")
_CODE_CHARS_RE = re.compile(r"[/\\=<>{}\[\]()$;_@#|`]|:(?=\S)")
# BP903's texts (normalised lines): a letter and no digit
_REPEAT_OK_RE = re.compile(r"(?=\D*[^\W\d_])\D+")
# sentence ends of other scripts: Arabic question mark and full stop, Urdu full
# stop, Devanagari danda, Armenian full stop, Ethiopic full stop, Myanmar section
_OTHER_ENDS = "؟۔।॥։።။"
_TERMINAL = tuple(".!?…:;\"”’»)" + _OTHER_ENDS)


# --------------------------------------------------------------------------- phrases
@dataclass(frozen=True)
class _Phrase:
    family: str
    lang: str
    kind: str  # "=", "^", "~"
    phrase: str


# typographic apostrophes, read as ' in phrases and lines ("je m’abonne" = "je m'abonne")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


# What ``fold`` changes. Greek accents (upper case drops them: "ΔΙΑΒΑΣΤΕ ΕΠΙΣΗΣ" =
# "Διαβάστε επίσης"): the combining marks of Greek letters in NFD.
_GREEK_RE = re.compile("[\u0370-\u03ff\u1f00-\u1fff]")
_GREEK_MARKS_RE = re.compile("(?<=[\u0370-\u03ff\u1f00-\u1fff])[\u0300-\u036f]+")
# Dropped: the dot that case folding adds to Turkish "İ" ("i" + U+0307; NFKC has
# composed every other U+0307), Arabic tatweel, harakat and Quranic marks, bidi
# and zero-width marks around right-to-left text.
_FOLD_DROP_RE = re.compile("[\u0307\u0640\u064b-\u065f\u0670\u06d6-\u06ed\u061c\u200b-\u200f"
                           "\u202a-\u202e\u2066-\u2069]+")
# Replaced: Turkish "ı" (what "I" should fold to: "TÜM HAKLARI" = "tüm hakları"),
# the hamza forms of alef, alef maksura.
_FOLD_REPLACE = (("ı", "i"), ("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ٱ", "ا"), ("ى", "ي"))
# a line that has any of these characters may change
_FOLD_GATE = re.compile("[\u0131\u0307\u0386-\u03ce\u0600-\u06ff\u1f00-\u1fff\u200b-\u200f"
                        "\u202a-\u202e\u2066-\u2069]")
# end punctuation of CJK and Arabic text that NFKC keeps ("【関連記事】", "■ 関連記事",
# "同意する。", "هل لديك حساب؟"), and the edge punctuation of ``normalize``
_FOLD_EDGE = "。、・「」『』【】〔〕〈〉《》〖〗〘〙■□◆◇●○★☆▼▽▲△؟،؛۔" + _EDGE_PUNCT


def fold(norm: str) -> str:
    """The form phrases and lines are compared in: ``norm`` (a :func:`normalize`d
    line) without Greek accents, Arabic tatweel, harakat and hamza forms, the dot
    that case folding adds to Turkish "İ" (and "ı" read as "i"), bidi marks, and
    with CJK and Arabic punctuation trimmed at both ends.

    >>> fold("اتـرك تعليقاً"), fold("διαβαστε επισησ") == fold("διαβάστε επίσησ"), fold("【関連記事】")
    ('اترك تعليقا', True, '関連記事')
    """
    if norm.isascii():
        return norm
    s = norm
    # (Latin-1 text has nothing to fold: encoding it is 20x faster than the search)
    if len(s.encode("latin-1", "ignore")) != len(s) and _FOLD_GATE.search(s):
        s = _FOLD_DROP_RE.sub("", s)
        for a, b in _FOLD_REPLACE:
            if a in s:
                s = s.replace(a, b)
        if _GREEK_RE.search(s):
            s = unicodedata.normalize("NFC", _GREEK_MARKS_RE.sub("", unicodedata.normalize("NFD", s)))
    if s and (s[0] in _FOLD_EDGE or s[-1] in _FOLD_EDGE):
        s = s.strip(_FOLD_EDGE)
    return " ".join(s.split()) if s != norm else s


# Scripts written without spaces between words (Han, kana, Thai, Lao, Khmer,
# Myanmar), and Hangul, whose words take their endings and particles unspaced
# ("사용합니다", "사용하고"): a prefix phrase that ends in one of their
# characters cannot end on a word boundary of the line.
_UNSPACED = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HANGUL = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"
_CHAR_PREFIX_END = re.compile(f"[{_UNSPACED}{_HANGUL}]\\Z")
_UNSPACED_RE = re.compile(f"[{_UNSPACED}]")


class PhraseBook:
    """The phrase rules of every data file, indexed for matching one line."""

    def __init__(self, entries: list[_Phrase], max_prefix_words: int = 24,
                 long_prefix_words: int = 80) -> None:
        self.max_prefix_words = max_prefix_words
        self.long_prefix_words = long_prefix_words
        self.exact: dict[str, _Phrase] = {}
        self.prefix: dict[str, list[tuple[tuple[str, ...], _Phrase]]] = {}
        # prefix phrases that end in an unspaced script (or Hangul): matched by
        # characters, by their first character
        self.char_prefix: dict[str, list[tuple[str, _Phrase]]] = {}
        patterns: list[tuple[str, _Phrase]] = []
        for e in entries:
            if e.kind == "=":
                self.exact.setdefault(e.phrase, e)
            elif e.kind == "^" and _CHAR_PREFIX_END.search(e.phrase):
                self.char_prefix.setdefault(e.phrase[0], []).append((e.phrase, e))
            elif e.kind == "^":
                ws = _bare_words(e.phrase)
                self.prefix.setdefault(ws[0], []).append((ws, e))
            else:
                patterns.append((e.phrase, e))
        for v in self.prefix.values():
            v.sort(key=lambda x: -len(x[0]))
        for w in self.char_prefix.values():
            w.sort(key=lambda x: -len(x[0]))
        self._patterns = patterns
        self._exact_words = {_bare_words(k): v for k, v in self.exact.items() if len(k.split()) <= 6}
        # Patterns that float (``.{0,120}creative commons...``) are slow to fail
        # in an alternation; each is tried on its own, and only on lines that
        # hold its literal keyword. The others form one alternation, one named
        # group per pattern: a single linear pass per line.
        anchored, self._gated = [], []
        for i, (pat, e) in enumerate(patterns):
            key = _floating_keyword(pat)
            if key:
                self._gated.append((key, re.compile(pat), e))
            else:
                anchored.append((i, pat))
        self._gate = re.compile("|".join(sorted({re.escape(k) for k, _, _ in self._gated}))) \
            if self._gated else None
        # The alternation is tried only with the patterns that can start with
        # the line's first character (one smaller alternation per character,
        # built when the character is first seen; order kept, so the first
        # pattern that matches is the same).
        self._anchored = [(i, p, _first_char_test(p)) for i, p in anchored]
        self._widths = {i: _width(p) for i, p in anchored}
        self._by_key: dict[tuple[str, int], re.Pattern[str] | None] = {}
        self._first_members: dict[str, tuple[tuple[int, int, float], ...]] = {}
        self._by_members: dict[tuple[int, ...], re.Pattern[str] | None] = {}
        # a line covered by whole-line phrases starts with a phrase's first word
        # and ends with a phrase's last word
        self._cover_first = frozenset(k[0] for k in self._exact_words if k)
        self._cover_last = frozenset(k[-1] for k in self._exact_words if k)
        self._memo: dict[str, _Phrase | None] = {}  # short raw line -> its match
        # share words of 4+ letters, letters only ("e-mail" -> "email"): the pieces
        # of a share bar scraped without spaces ("FacebookTwitterE-MailWhatsApp")
        self._share_pieces: dict[str, _Phrase] = {}
        for e in entries:
            w = _NON_ALNUM_RE.sub("", e.phrase)
            if e.kind == "=" and e.family == "share" and " " not in e.phrase and len(w) >= 4:
                self._share_pieces.setdefault(w, e)
        self._share_longest = max(map(len, self._share_pieces), default=0)

    def match_line(self, raw: str, norm: str) -> _Phrase | None:
        """``match(norm, raw)`` for ``norm = normalize(raw)``, memoised for short
        lines (menus, share buttons and labels recur within and across pages)."""
        hit = self._memo.get(raw, _MISSING)
        if hit is _MISSING:
            hit = self.match(norm, raw)
            if len(raw) <= _MEMO_LINE:
                if len(self._memo) >= _MEMO_SIZE:
                    self._memo.clear()
                self._memo[raw] = hit
        return hit

    @cached_property
    def _regex(self) -> re.Pattern[str] | None:
        """The alternation of every anchored pattern (what the per-key ones
        prune; matching uses only those, so it is compiled when asked for)."""
        return self._alternation(tuple(i for i, _, _ in self._anchored))

    def _alternation(self, members: tuple[int, ...]) -> re.Pattern[str] | None:
        rx = self._by_members.get(members, _MISSING)
        if rx is _MISSING:
            pats = dict((i, p) for i, p, _ in self._anchored)
            rx = re.compile("|".join(f"(?P<p{i}>{pats[i]})" for i in members)) if members else None
            if len(self._by_members) < 10_000:
                self._by_members[members] = rx
        return rx

    def _first_regex(self, c: str) -> re.Pattern[str] | None:
        """The alternation of the anchored patterns that can start with ``c``."""
        return self._alternation(tuple(i for i, _, test in self._anchored if test is None or test(c)))

    def _key_regex(self, c: str, length: int) -> re.Pattern[str] | None:
        """The alternation of the anchored patterns that can match a line
        starting with ``c`` whose length is in the class of ``length`` (built
        once per key: bounded)."""
        first = self._first_members.get(c)
        if first is None:
            first = tuple((i, *self._widths[i]) for i, _, test in self._anchored if test is None or test(c))
            if len(self._first_members) < 100_000:
                self._first_members[c] = first
        k = _LENGTH_CLASS[length]
        lo_k, hi_k = _LENGTH_CLASSES[k]
        rx = self._alternation(tuple(i for i, lo, hi in first if lo <= hi_k and hi >= lo_k))
        if len(self._by_key) < 100_000:
            self._by_key[(c, k)] = rx
        return rx

    def match(self, norm: str, raw: str = "") -> _Phrase | None:
        """The phrase rule that ``norm`` (a normalised line) matches, if any.

        Besides whole-line, prefix and pattern rules, a line made only of
        whole-line phrases (``share share``, ``leave a comment antworten
        abbrechen``, ``email thisblogthis!share to twitter``) matches too.
        """
        if not norm:
            return None
        if "’" in norm or "‘" in norm or "ʼ" in norm:
            norm = norm.translate(_APOSTROPHES)  # the phrases are written with ' (folded alike)
        norm = fold(norm)
        if not norm:
            return None
        hit = self.exact.get(norm)
        if hit is not None:
            return hit
        cp = self.char_prefix.get(norm[0])
        if cp is not None:
            hit = self._char_prefix(norm, cp)
            if hit is not None:
                return hit
        # a line of more words than the longest prefix rule allows can only match a pattern
        ws = ()
        if norm.count(" ") < self.long_prefix_words:
            # the words are needed only when a prefix rule or a cover can start
            # with the first one, or when the line has glued words to split
            first = norm.split(None, 1)[0].strip(_WORD_EDGE)
            if not first or first in self.prefix or first in self._cover_first \
                    or (raw and _GLUED_PAIR.search(raw)):
                ws = _bare_words(norm)
        if ws:
            for ws_p, e in self.prefix.get(ws[0], ()):
                limit = self.long_prefix_words if e.family in _LONG_FAMILIES else self.max_prefix_words
                if len(ws) <= limit and ws[: len(ws_p)] == ws_p:
                    return e
            if len(ws) <= 16:
                hit = self._cover(ws)
                if hit is None and raw and _GLUED_PAIR.search(raw):
                    hit = self._cover(_bare_words(fold(normalize(_GLUED_RE.sub(" ", raw)).translate(_APOSTROPHES)))) \
                        or self._glued_share(norm)
                if hit is not None:
                    return hit
        if len(norm) <= 400:
            rx = self._by_key.get((norm[0], _LENGTH_CLASS[len(norm)]), _MISSING)
            if rx is _MISSING:
                rx = self._key_regex(norm[0], len(norm))
            if rx is not None:
                m = rx.fullmatch(norm)
                if m is not None:
                    return self._patterns[int(m.lastgroup[1:])][1]
            if self._gate is not None and self._gate.search(norm):
                for key, rx, e in self._gated:
                    if key in norm and rx.fullmatch(norm):
                        return e
        return None

    def _char_prefix(self, norm: str, candidates: list[tuple[str, _Phrase]]) -> _Phrase | None:
        """The prefix phrase of ``candidates`` that ``norm`` starts with (as
        characters: in unspaced text a phrase's end is no word boundary), if the
        line is short enough for its family. In words: the line's tokens plus half
        its unspaced characters (a Japanese or Chinese word is about two
        characters): a Japanese cookie banner of 150 characters is about 75 words."""
        words = -1
        for p, e in candidates:
            if norm.startswith(p):
                if words < 0:
                    words = norm.count(" ") + 1 + (len(norm) - len(_UNSPACED_RE.sub("", norm))) // 2
                if words <= (self.long_prefix_words if e.family in _LONG_FAMILIES else self.max_prefix_words):
                    return e
        return None

    def _glued_share(self, norm: str) -> _Phrase | None:
        """The first share word of ``norm`` when its letters and digits are two or
        more share words of 4+ letters and nothing else (``Share
        FacebookTwitterGoogle+ReddIt``: a share bar whose buttons were scraped
        without spaces). Linear: a segmentation over at most 300 characters with
        pieces of bounded length."""
        s = _NON_ALNUM_RE.sub("", norm)
        n, longest, pieces = len(s), self._share_longest, self._share_pieces
        if n > 300 or n < 8:
            return None
        first: list[_Phrase | None] = [None] * (n + 1)  # first piece of a split of s[:i]
        parts = [0] * (n + 1)  # pieces in that split (0: s[:i] cannot be split)
        for j in range(4, n + 1):
            for i in range(max(0, j - longest), j - 3):
                if (i == 0 or parts[i]) and not parts[j]:
                    e = pieces.get(s[i:j])
                    if e is not None:
                        first[j] = first[i] or e
                        parts[j] = parts[i] + 1
        return first[n] if parts[n] >= 2 else None

    def _cover(self, ws: tuple[str, ...]) -> _Phrase | None:
        """The first phrase of a split of ``ws`` into two or more whole-line phrases."""
        n = len(ws)
        # a cover starts with a phrase's first word and ends with a phrase's last word
        if n < 2 or ws[0] not in self._cover_first or ws[-1] not in self._cover_last:
            return None
        reach: list[_Phrase | None] = [None] * (n + 1)  # reach[i]: first phrase of a cover of ws[:i]
        ok = [False] * (n + 1)
        ok[0] = True
        parts = [0] * (n + 1)
        for i in range(n):
            if not ok[i]:
                continue
            for j in range(i + 1, min(n, i + 6) + 1):
                e = self._exact_words.get(ws[i:j])
                if e is not None and not ok[j]:
                    ok[j] = True
                    reach[j] = reach[i] or e
                    parts[j] = parts[i] + 1
        return reach[n] if ok[n] and parts[n] >= 2 else None


_LIST_ITEM_RE = re.compile(r"[ \t]{0,8}(?:[-*•–·▪►]|\d{1,3}[.)])[ \t]+\S")
_LONG_FAMILIES = frozenset({"cookie", "newsletter", "comment"})
_NON_ALNUM_RE = re.compile(r"[\W_]+")
_GLUED_RE = re.compile(r"(?<=[a-zà-ÿ!?.])(?=[A-ZÀ-Þ])")
_GLUED_PAIR = re.compile(r"[a-zà-ÿ!?.][A-ZÀ-Þ]")  # where _GLUED_RE matches (faster to search)


_MISSING = object()
# lines up to 400 characters are tried against the patterns; by length class,
# only the patterns that can match a line of that length (short ones are many)
_LENGTH_CLASSES = ((0, 24), (25, 64), (65, 400))
_LENGTH_CLASS = [next(k for k, (lo, hi) in enumerate(_LENGTH_CLASSES) if lo <= n <= hi) for n in range(401)]


@lru_cache(maxsize=256)
def _parse(pattern: str):
    """``pattern``'s parse tree (private ``re._parser``; read only, so the two
    analyses below share one parse per pattern)."""
    from re import _parser as P

    return P.parse(pattern)


def _width(pattern: str) -> tuple[int, float]:
    """The shortest and longest text ``pattern`` can match (0, inf if unknown)."""
    try:
        lo, hi = _parse(pattern).getwidth()
    except Exception:  # noqa: BLE001 - a private module: without it, no bound
        return 0, float("inf")
    return lo, hi


def _first_char_test(pattern: str):
    """A test ``c -> bool`` that is true for every character a match of
    ``pattern`` can start with (it may be true for more), or None when any
    character can start one (or the pattern is beyond this simple analysis)."""
    try:
        from re import _constants as C

        tree = _parse(pattern)
    except Exception:  # noqa: BLE001 - a private module: without it, no index
        return None
    if tree.state.flags & (re.IGNORECASE | re.LOCALE):
        return None
    cats = {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_SPACE: r"\s",
            C.CATEGORY_NOT_SPACE: r"\S", C.CATEGORY_WORD: r"\w", C.CATEGORY_NOT_WORD: r"\W"}
    cats = {k: re.compile(v) for k, v in cats.items()}
    repeats = {C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", C.MAX_REPEAT)}

    def in_set(items, c: str) -> bool:
        neg = hit = unknown = False
        o = ord(c)
        for op, av in items:
            if op is C.NEGATE:
                neg = True
            elif op is C.LITERAL:
                hit = hit or o == av
            elif op is C.RANGE:
                hit = hit or av[0] <= o <= av[1]
            elif op is C.CATEGORY and av in cats:
                hit = hit or cats[av].match(c) is not None
            else:
                unknown = True
        return True if unknown else hit != neg

    def seq(items, c: str) -> int:
        """1: a match can start with c; 0: it cannot, but it can be empty; -1: neither."""
        for op, av in items:
            r = item(op, av, c)
            if r:
                return r
        return 0

    def item(op, av, c: str) -> int:
        if op is C.LITERAL:
            return 1 if ord(c) == av else -1
        if op is C.NOT_LITERAL:
            return 1 if ord(c) != av else -1
        if op is C.IN:
            return 1 if in_set(av, c) else -1
        if op is C.BRANCH:
            rs = [seq(b, c) for b in av[1]]
            return 1 if 1 in rs else (0 if 0 in rs else -1)
        if op is C.SUBPATTERN:
            _, add, remove, sub = av
            return 1 if add or remove else seq(sub, c)
        if op in repeats:
            lo, hi, sub = av
            if hi == 0:
                return 0
            r = seq(sub, c)
            return 1 if r == 1 else (0 if lo == 0 or r == 0 else -1)
        if op is getattr(C, "ATOMIC_GROUP", None):
            return seq(av, c)
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):  # zero-width
            return 0
        return 1  # anything else (ANY, back references...): any character

    try:
        items = list(tree)
        seq(items, "a")
    except Exception:  # noqa: BLE001 - an opcode this analysis does not know
        return None
    return lambda c: seq(items, c) == 1


_FLOAT_START = re.compile(r"\(?\.\{\d{1,3},\d{1,3}\}")
# a keyword: 5+ Latin letters, or 3+ Han, kana or Hangul characters (as rare)
_LITERAL_RUN = re.compile(f"[a-zà-ÿ'’\\- ]{{5,}}|[{_UNSPACED}{_HANGUL}]{{3,}}")


def _floating_keyword(pattern: str) -> str | None:
    """For a pattern that starts with ``.{m,n}`` (possibly inside an optional
    group), a literal run of 5+ characters (3+ Han, kana or Hangul ones) at
    parenthesis depth 0, outside character classes, that every match must
    contain; None for anchored patterns or when there is none."""
    if not _FLOAT_START.match(pattern):
        return None
    depth, flat = 0, []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            flat.append("\0")
            i += 2
            continue
        if c == "[":  # a character class: one of its characters, none of them required
            j = i + 1 + (pattern[i + 1:i + 2] == "^")
            j += pattern[j:j + 1] == "]"
            while j < len(pattern) and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            flat.append("\0")
            i = j + 1
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            flat.append("\0")
        elif depth == 0 and c not in "[]{}.*+?|^$":
            # a character followed by a quantifier is optional: not part of the keyword
            nxt = pattern[i + 1] if i + 1 < len(pattern) else ""
            flat.append("\0" if nxt and nxt in "?*{" else c)
        else:
            flat.append("\0")
        i += 1
    runs = [m.group().strip() for m in _LITERAL_RUN.finditer("".join(flat))]
    runs = [r for r in runs if len(r) >= 5 or _CHAR_PREFIX_END.search(r)]
    return max(runs, key=len) if runs else None


def _bare_words(s: str) -> tuple[str, ...]:
    """Words without punctuation at their ends (``name,`` and ``name`` are one word)."""
    return tuple([w for x in s.split() if (w := x.strip(_WORD_EDGE))])


_WORD_EDGE = ",;:.!?\"'()[]“”„«»،؛؟、。"  # (Arabic and CJK commas and stops too)


@lru_cache(maxsize=1)
def phrase_book() -> PhraseBook:
    entries = []
    # language files first, the generic patterns of any.txt last (first match wins)
    for fname in sorted(resources.listdir("boilerplate"), key=lambda f: (f == "any.txt", f)):
        if not fname.endswith(".txt"):
            continue
        lang = fname[:-4]
        for raw in resources.lines(f"boilerplate/{fname}"):
            parts = raw.split(None, 2)
            if len(parts) != 3 or parts[0] not in FAMILIES or parts[1] not in ("=", "^", "~"):
                raise ValueError(f"cleaner/data/boilerplate/{fname}: bad line {raw!r} "
                                 f"(want 'FAMILY =|^|~ PHRASE')")
            family, kind, phrase = parts
            if kind != "~":
                phrase = fold(normalize(phrase).translate(_APOSTROPHES))
            entries.append(_Phrase(family, lang, kind, phrase.translate(_APOSTROPHES)))
    return PhraseBook(entries)


# Glued debris at the end of a line: "... Read more...", "...zu.OK", "...hereComment:".
# Matched on the last few words only, so the cost per line is constant.
@lru_cache(maxsize=1)
def _glued_data() -> tuple[frozenset[str], re.Pattern[str], re.Pattern[str]]:
    book = phrase_book()
    read_more = frozenset(normalize(p) for p in resources.lines("boilerplate/read_more.list"))
    buttons = sorted({p for p, e in book.exact.items() if e.family == "cookie" and len(p.split()) <= 3
                      and len(p) >= 2}, key=lambda p: (-len(p), p))
    # a consent button glued right after a sentence: "...zu.OK" (the last token only)
    cookie = re.compile(r"(?i)(?<=[.!?])(?:" + "|".join(re.escape(b) for b in buttons) + r")\Z")
    # a form label glued to the previous label: "...name hereComment:"
    # (a lower-case letter before it: Latin, Latin Extended-A, Greek, Cyrillic)
    comment = re.compile(r"(?<=[a-zà-ÿ\u0100-\u017f\u03ac-\u03ce\u0430-\u045f])(?:"
                         + "|".join(map(re.escape, _comment_labels())) + r")[:*]?\Z")
    return read_more, cookie, comment


@lru_cache(maxsize=1)
def _comment_labels() -> tuple[str, ...]:
    """The comment forms' "Comment" labels (``boilerplate/comment_labels.list``)."""
    return tuple(resources.lines("boilerplate/comment_labels.list"))


@lru_cache(maxsize=1)
def _glued_checks() -> tuple[tuple[str, ...], frozenset[str], tuple[str, ...]]:
    """Cheap necessary conditions of the glued trims: the read-more phrases (a
    line's normalised tail must end with one) and the endings of a glued label."""
    read_more = tuple(sorted(_glued_data()[0]))
    suffixes = frozenset(p[i:] for p in read_more for i in range(len(p)))
    endings = tuple(label + end for label in _comment_labels() for end in ("", ":", "*"))
    return read_more, suffixes, endings


_TAIL_DECOR = " \t.…»›→>])"
_BEFORE_A_LINK = ".…!?:»›)]|–—-"  # the end of the text before a link glued to it
_LINK_DECOR = "…»›→>])"  # what follows a link (or stands before it: "[")


def _link_shaped(text: str, start: int) -> bool:
    """Whether the read-more phrase from ``start`` to the end of ``text`` stands as a
    link, not as the last words of a sentence: it is not part of a question or an
    exclamation (``nicht mehr?``, ``Da geht mehr!``), and it is decorated as a link
    (``Read more »``, ``[Read more]``, ``More…``) or follows the end of the text
    before it (``… mehr``, ``zu. Weiterlesen``, ``bauen... mehr lesen``), not a word
    of the same sentence (``keine Sorgen mehr.``, ``Max Lee has more.``, ``Sport,
    Kultur und mehr``, ``I want to read more.``)."""
    end = len(text)
    while end > start and not text[end - 1].isalnum():
        end -= 1
    trailing = text[end:].strip()
    if trailing and trailing[0] in "?!":
        return False
    if (trailing and trailing[0] in _LINK_DECOR) or trailing.startswith("...") or text[start:start + 1] in "[(":
        return True
    before = text[:start].rstrip(" \t")
    return bool(before) and before[-1] in _BEFORE_A_LINK


# --------------------------------------------------------------------------- jusText
class _Para:
    """The duck type jusText's classifier needs (see ``justext/paragraph.py``)."""

    __slots__ = ("text", "dom_path", "chars_count_in_links", "heading", "cf_class", "class_type",
                 "_words", "multi", "dens")

    def __init__(self, text: str, heading: bool) -> None:
        self.text = " ".join(text.split())
        self.dom_path = "body.h2" if heading else "body.p"
        self.chars_count_in_links = 0
        self.class_type = ""
        self._words: list[str] | None = None
        self.multi: tuple[frozenset[str], ...] | None = None
        self.dens: float | None = None

    @property
    def words(self) -> list[str]:
        if self._words is None:
            self._words = self.text.split()
        return self._words

    @property
    def is_heading(self) -> bool:
        return self.dom_path.endswith("h2")

    def __len__(self) -> int:
        return len(self.text)

    @property
    def words_count(self) -> int:
        return len(self.words)

    def stopwords_density(self, stopwords) -> float:
        if self.dens is not None:
            return self.dens
        words = self.words
        if not words:
            return 0
        if self.multi is not None:
            return density(words, self.multi)
        return sum(w.lower() in stopwords for w in words) / len(words)

    def links_density(self) -> float:
        return 0


_STOPLIST_NAMES = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
    "pt": "Portuguese", "nl": "Dutch", "pl": "Polish", "ru": "Russian", "sv": "Swedish",
    "cs": "Czech", "tr": "Turkish", "uk": "Ukrainian", "da": "Danish", "fi": "Finnish",
    "no": "Norwegian_Bokmal", "hu": "Hungarian", "ro": "Romanian", "sk": "Slovak",
    "sl": "Slovenian", "hr": "Croatian", "bg": "Bulgarian", "el": "Greek", "ca": "Catalan",
    "id": "Indonesian", "vi": "Vietnamese", "lt": "Lithuanian", "lv": "Latvian",
    "et": "Estonian", "ar": "Arabic", "fa": "Persian", "he": "Hebrew", "hi": "Hindi",
}


@lru_cache(maxsize=64)
def stoplist(lang: str | None) -> frozenset[str]:
    """jusText's stoplist for ``lang`` (ISO 639-1); all stoplists together if unknown."""
    import justext

    name = _STOPLIST_NAMES.get(lang or "")
    if name and name in justext.get_stoplists():
        return justext.get_stoplist(name)
    return frozenset().union(*(justext.get_stoplist(n) for n in sorted(justext.get_stoplists())))


def _doc_stoplist(doc) -> frozenset[str]:
    """The stoplists of the document's likely languages together: every candidate
    language with probability >= 0.15 (a page in two languages, or a German page
    with an English template, gets both), else the declared language's."""
    info = doc.annotations.get("language")
    if info is None:
        # the language filter runs after this one (stage 35): identify the text here
        from cleaner import langid

        info = langid.detect(doc.text).to_dict()
    langs = sorted({c["lang"] for c in info.get("candidates", ()) if c.get("prob", 0) >= 0.15})
    if not langs:
        return stoplist(doc.lang)
    return _union_stoplists(tuple(langs))


@lru_cache(maxsize=256)
def _union_stoplists(langs: tuple[str, ...]) -> frozenset[str]:
    known = [lang for lang in langs if lang in _STOPLIST_NAMES]
    if not known:
        return stoplist(None)
    return frozenset().union(*(stoplist(lang) for lang in known))


def _unrecognised_prose(info: "_Lines") -> bool:
    """Whether the long lines (70+ characters) that jusText calls bad out of
    context outweigh those it calls (near-)good: in a text, with no links, that
    means too few stopwords of any per-line stoplist, as in a page whose
    language has none there."""
    bad = good = 0
    for cf, n in zip(info.cf, info.lengths):
        if cf == "bad" and n >= 70:
            bad += n
        elif cf in ("good", "neargood"):
            good += n
    return bad > good


def _other_stoplists(doc) -> tuple[frozenset[str], ...]:
    """The stoplists of the document's likely languages (probability >= 0.15)
    that are not among the per-line ones."""
    from cleaner import langid

    info = doc.annotations.get("language") or langid.detect(doc.text).to_dict()
    langs = sorted({c["lang"] for c in info.get("candidates", ()) if c.get("prob", 0) >= 0.15})
    return tuple(stoplist(lang) for lang in langs if lang in _STOPLIST_NAMES and lang not in PER_LINE_LANGS)


PER_LINE_LANGS = ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "ru", "sv", "da", "cs", "fi", "tr", "uk")


@lru_cache(maxsize=1)
def per_line_stoplists() -> tuple[frozenset[str], ...]:
    """The stoplists a line's stopword density is taken over (the best one wins)."""
    return tuple(stoplist(lang) for lang in PER_LINE_LANGS)


@lru_cache(maxsize=4)
def _membership(stoplists: tuple[frozenset[str], ...]) -> dict[str, tuple[int, ...]]:
    """word -> the indexes of the stoplists that hold it (one lookup per word)."""
    out: dict[str, list[int]] = {}
    for i, st in enumerate(stoplists):
        for w in st:
            out.setdefault(w, []).append(i)
    return {w: tuple(v) for w, v in out.items()}


def density(words: list[str], stoplists) -> float:
    """Stopword density of ``words``: one stoplist, or the best of several (so a
    line is judged in its own language, whatever the rest of the page is in)."""
    if not words:
        return 0.0
    packed = None if isinstance(stoplists, frozenset) else _packed(stoplists)
    return _density_lower(list(map(str.lower, words)), stoplists, packed)


@lru_cache(maxsize=8)
def _packed(stoplists: tuple[frozenset[str], ...], bits: int = 8) -> dict[str, int]:
    """word -> an integer with one ``bits``-wide counter field per stoplist, 1 in
    the fields of the stoplists that hold the word: the sum over a line's words
    holds every stoplist's count at once (if the line has fewer than
    ``2**bits`` words)."""
    member = _membership(stoplists)
    # a few hundred distinct index tuples for ~100k words: pack each tuple once
    value = {idx: sum(1 << (bits * i) for i in idx) for idx in set(member.values())}
    return dict(zip(member, map(value.__getitem__, member.values())))


_WIDE = 8 * struct.calcsize("I")  # the counter width for lines of 256 words or more


def _stop_total(lw: list[str], stop, packed: dict[str, int] | None) -> int:
    """The stopwords among the lower-cased words ``lw``: their number (one
    stoplist) or the packed counters of every stoplist (``packed``:
    ``_packed(stop)``; one-byte counters under 256 words, wider ones above)."""
    if packed is None:
        return sum(map(stop.__contains__, lw))
    return sum(filter(None, map((packed if len(lw) < 256 else _packed(stop, _WIDE)).get, lw)))


def _total_density(total: int, n: int, stop, packed: dict[str, int] | None) -> float:
    """The density of ``n`` words whose ``_stop_total`` is ``total``."""
    if not n:
        return 0.0
    if packed is None:
        return total / n
    if not total:
        return 0.0
    if n < 256:
        return max(total.to_bytes(len(stop), "little")) / n
    return max(memoryview(total.to_bytes(_WIDE // 8 * len(stop), sys.byteorder)).cast("I")) / n


def _density_lower(lw: list[str], stop, packed: dict[str, int] | None) -> float:
    """``density`` of words already lower-cased."""
    return _total_density(_stop_total(lw, stop, packed), len(lw), stop, packed)


def classify(texts: list[str], headings: list[bool], stop,
             densities: list[float] | None = None) -> list[tuple[str, str]]:
    """jusText's (context-free class, revised class) for each text
    (``densities``: the texts' stopword densities, if already known)."""
    paras = context_free(texts, headings, stop, densities)
    revised = revise_classes([p.cf_class for p in paras], [p.heading for p in paras],
                             [len(p.text) for p in paras])
    return [(p.cf_class, c) for p, c in zip(paras, revised)]


def context_free_classes(texts: list[str], stop) -> tuple[list[str], list[int]]:
    """jusText's context-free class of each text as a paragraph (what
    ``classify_paragraphs`` gives with its default limits, no links, no
    ``select``), and the length of each text with its whitespace collapsed. A
    test checks it against jusText."""
    packed = None if isinstance(stop, frozenset) else _packed(stop)
    classes, lengths = [], []
    for t in texts:
        length = len(" ".join(t.split()))
        classes.append(_context_free(t, length, stop, packed)[0])
        lengths.append(length)
    return classes, lengths


def _context_free(t: str, length: int, stop, packed):
    """jusText's context-free class of the text ``t`` (its whitespace-collapsed
    ``length``), with its lower-cased words and their stopword total and density
    when they were needed: a short text or one with a copyright sign is classed
    without them (then they are None)."""
    if "\xa9" in t or "&copy" in t:
        return "bad", None, None, None
    if length < _LENGTH_LOW:
        return "short", None, None, None
    lw = t.lower().split()  # = each word lower-cased: lower() makes and joins no spaces
    total = _stop_total(lw, stop, packed)
    d = _total_density(total, len(lw), stop, packed)
    if d >= _STOPWORDS_HIGH:
        return ("good" if length > _LENGTH_HIGH else "neargood"), lw, total, d
    return ("neargood" if d >= _STOPWORDS_LOW else "bad"), lw, total, d


# jusText's default limits (justext.core: LENGTH_LOW_DEFAULT, ...), checked by a test
_LENGTH_LOW, _LENGTH_HIGH, _STOPWORDS_LOW, _STOPWORDS_HIGH = 70, 200, 0.30, 0.32


def context_free(texts: list[str], headings: list[bool], stop,
                 densities: list[float] | None = None) -> list[_Para]:
    """The texts as paragraphs with jusText's context-free class (``cf_class``)."""
    from justext.core import classify_paragraphs

    paras = [_Para(t, h) for t, h in zip(texts, headings)]
    if not paras:
        return []
    if densities is not None:
        for p, d in zip(paras, densities):
            p.dens = d
        stop = frozenset()  # not read: every density is known
    elif not isinstance(stop, frozenset):  # several stoplists: each line takes its best
        for p in paras:
            p.multi = stop
        stop = frozenset()
    classify_paragraphs(paras, stop)
    return paras


def revise(paras, max_heading_distance: int = 200) -> None:
    """jusText's ``revise_paragraph_classification``, in linear time: sets
    ``class_type`` of each paragraph (see :func:`revise_classes`)."""
    classes = revise_classes([p.cf_class for p in paras], [p.heading for p in paras],
                             [len(p.text) for p in paras], max_heading_distance,
                             [p.class_type for p in paras])
    for p, c in zip(paras, classes):
        p.class_type = c


def revise_classes(cf: list[str], heading: list[bool], lengths: list[int],
                   max_heading_distance: int = 200, initial: list[str] | None = None) -> list[str]:
    """jusText's context revision of the context-free classes ``cf`` (paragraphs
    with ``heading`` flags and text ``lengths``), in linear time.

    jusText looks for each short paragraph's nearest good/bad neighbour, and for
    each heading's next good paragraph, by walking, which is quadratic on a long
    run of short lines (a million-line list takes hours). This computes the same
    neighbours with one pass in each direction; a test checks it against
    jusText's own function. ``initial``: the paragraphs' classes before the
    revision (jusText's first heading pass reads them: it looks ahead at
    paragraphs whose class it has not copied yet; "" for new paragraphs).
    """
    n = len(cf)
    if not n:
        return []
    cum = [0, *accumulate(lengths)]  # cum[i]: total length of the paragraphs before i

    def next_good(values: list[str]) -> list[int]:
        out, nxt = [n] * n, n
        for i in range(n - 1, -1, -1):
            out[i] = nxt
            if values[i] == "good":
                nxt = i
        return out

    def heading_reaches(i: int, ng: list[int]) -> bool:
        # jusText walks j = i+1, ... while the length between i and j is at most
        # the distance; the first good paragraph on the way counts
        j = ng[i]
        return j < n and cum[j] - cum[i + 1] <= max_heading_distance

    classes = list(cf)
    if initial is not None and "good" in initial:  # good headings
        ng = next_good(initial)
        for i in range(n):
            if heading[i] and cf[i] == "short" and heading_reaches(i, ng):
                classes[i] = "neargood"

    def nearest(values: list[str], wanted: frozenset[str]) -> tuple[list[str], list[str]]:
        prev, nxt = ["bad"] * n, ["bad"] * n
        last = "bad"
        for i in range(n):
            prev[i] = last
            if values[i] in wanted:
                last = values[i]
        last = "bad"
        for i in range(n - 1, -1, -1):
            nxt[i] = last
            if values[i] in wanted:
                last = values[i]
        return prev, nxt

    gb = frozenset({"good", "bad"})
    if "short" in classes:  # classify short
        prev_gb, next_gb = nearest(classes, gb)
        prev_any, next_any = nearest(classes, frozenset({"good", "bad", "neargood"}))
        old = classes
        classes = list(old)
        for i, c in enumerate(old):
            if c != "short":
                continue
            pn, nn = prev_gb[i], next_gb[i]
            if pn == "good" and nn == "good":
                new = "good"
            elif pn == "bad" and nn == "bad":
                new = "bad"
            elif (pn == "bad" and prev_any[i] == "neargood") or (nn == "bad" and next_any[i] == "neargood"):
                new = "good"
            else:
                new = "bad"
            classes[i] = new
    if "neargood" in classes:  # revise neargood: in place, so earlier decisions are seen by later ones
        _, next_gb = nearest(classes, gb)
        last = "bad"
        for i in range(n):
            c = classes[i]
            if c == "neargood":
                c = classes[i] = "bad" if (last, next_gb[i]) == ("bad", "bad") else "good"
            if c in gb:
                last = c
    ng = None
    for i in range(n):  # more good headings (each looks at the classes after it, not yet revised here)
        if heading[i] and classes[i] == "bad" and cf[i] != "bad":
            if ng is None:
                ng = next_good(classes)
            if heading_reaches(i, ng):
                classes[i] = "good"
    return classes


# --------------------------------------------------------------------------- the filter
class _Lines:
    """What the positional rules need of each line, computed once per document
    (it depends on the line only, not on its neighbours)."""

    __slots__ = ("words", "cf", "heading", "lengths", "prose_value", "other_value", "no_prose",
                 "sentence", "prose", "link", "closing", "inline", "embed")

    def __init__(self, raws: list[str], norms: list[str], stop, line_cost: float,
                 teasers: bool, neargood_prose: bool = True) -> None:
        # a line's features depend on its text and these options only: short
        # lines (menus, labels, dates) recur within and across documents, so
        # they are computed once per distinct line (a bounded memo)
        memo = _row_memo(stop, line_cost, teasers, neargood_prose)
        args = (stop, None if isinstance(stop, frozenset) else _packed(stop), line_cost,
                _glued_data()[0] if teasers else None, ("good", "neargood") if neargood_prose else ("good",))
        rows = []
        for t, n in zip(raws, norms):
            row = memo.get(t)
            if row is None:
                row = _line_row(t, n, *args)
                if len(t) <= _MEMO_LINE:
                    if len(memo) >= _MEMO_SIZE:
                        memo.clear()
                    memo[t] = row
            rows.append(row)
        (self.words, self.heading, self.lengths, self.cf, self.no_prose, self.sentence, self.prose,
         self.prose_value, self.other_value, self.link, self.closing) = map(list, zip(*rows)) if rows else ([],) * 11
        if not teasers:
            self.link = None
        self.inline: set[int] = set()  # indexes of debris lines that may stand inside an article
        # indexes of the attribution lines of embedded posts ("— Name (@handle) 4. Mai 2021")
        self.embed: list[int] = [i for i, t in enumerate(raws)
                                 if t[:1] in _DASHES and "(@" in t and _EMBED_RE.fullmatch(t.strip()) is not None]


# the attribution line that ends the text of an embedded post where the embed's script did not
# run (Twitter/X and Bluesky blockquotes): a dash, the author's name, the handle in brackets and
# the date, written in the page's language ("— Elon Musk (@elonmusk) November 4, 2023",
# "— Anja (@AnjaAmaranth) 10. September 2018", "— Ana (@ana.bsky.social) 4 de mayo de 2024")
_DASHES = frozenset("—–-")
_EMBED_RE = re.compile(r"[—–-]{1,2}\s?[^\n()]{1,80}?\s?\(@[\w.-]{1,40}\)\s{0,2}(?=[^\n]{0,40}\d)[^\n]{3,50}")
EMBED_SPAN = 8  # at most this many lines of an embedded post's text above its attribution line


# lines of at most this many characters are memoised (nearly all the lines that
# recur are short; long ones are prose, which rarely does), at most this many
_MEMO_LINE, _MEMO_SIZE = 80, 1 << 15


@lru_cache(maxsize=4)
def _row_memo(stop, line_cost: float, teasers: bool, neargood_prose: bool) -> dict[str, tuple]:
    """The memo of ``_line_row`` for these options (line text -> row)."""
    return {}


def _line_row(t: str, n: str, stop, packed, line_cost: float, read_more, near) -> tuple:
    """The features of the line ``t`` (normalised ``n``), in the order of
    ``_Lines``' attributes: words, heading, length, context-free class,
    no_prose, sentence, prose, prose value, other value, link."""
    w = n.count(" ") + 1 if n else 0  # len(n.split()): a normalised line has single spaces
    st = t.strip()
    rs = t.rstrip()
    heading = 0 < w <= 15 and not st.endswith(_HEADING_END) and _capital(st[:1])
    # jusText's context-free class: the stopword density only where it decides
    # the whitespace-collapsed length: the line's own when its only
    # whitespace is single inner spaces (a printable text has no other)
    if t.isprintable() and "  " not in t and t[:1] != " " and t[-1:] != " ":
        length = len(t)
    else:
        length = len(" ".join(t.split()))
    cf, lw, total, d = _context_free(t, length, stop, packed)
    # a teaser cut off with an ellipsis is not prose; a sentence-shaped line
    # (enough words, final punctuation, stopwords) is, whatever jusText says
    np = rs.endswith(("…", "...")) and w < 60
    sentence = (not np and w >= 8 and rs.endswith(_TERMINAL)
                and _norm_density(n, lw, total, d, stop, packed) >= 0.2)
    # Chinese and Japanese have no stoplist and no spaces: a line of 20+ Han or
    # kana characters that ends like a sentence is one (5+: a short one)
    cjk = len(_UNSPACED_RE.findall(t, 0, 400)) if not np and rs.endswith(_CJK_SENTENCE_END) else 0
    sentence = sentence or cjk >= 20
    # a line jusText calls (near-)good out of context is text, even where
    # its neighbours make jusText call it bad: the main block decides
    prose = not np and (sentence or cf in near)
    # list items inside an article are cheap
    c0 = t[:1]
    other = (-20.0 if (c0 in _LIST_START or c0.isdecimal()) and _LIST_ITEM_RE.match(t)
             else -(line_cost + 0.5 * min(len(st), 300)))
    link = (read_more is not None and w <= 5 and not rs.endswith(":")
            and normalize(st.strip(_TAIL_DECOR + "→»›")) in read_more)
    # a short sentence that can close an article ("That is all.", "Stay tuned!")
    closing = (not np and 3 <= w <= 40 and rs.endswith(_CLOSING_END) and _capital(st[:1])) or 5 <= cjk <= 80
    # (a Han or kana character counts twice in a prose line's value: it carries about
    # what two Latin letters and a space do)
    return w, heading, length, cf, np, sentence, prose, float(len(st) + cjk), other, link, closing


_CJK_SENTENCE_END = ("。", "！", "？", "」", "』")
_HEADING_END = (".", "!", "?", *_OTHER_ENDS, *_CJK_SENTENCE_END)
_CLOSING_END = (".", "!", "?", "…", ".\"", "!\"", "?\"", ".”", "!”", "?”", ".»", "!»", "?»", ".“", "!“", "?“",
                *_OTHER_ENDS)


def _capital(c: str) -> bool:
    """Whether ``c`` can start a sentence or a heading: a capital, or a letter of a
    script without case (Arabic, Hebrew, Devanagari, Thai, Han...)."""
    return c.isupper() or c.isalpha() and not c.islower()
_LIST_START = frozenset(" \t-*•–·▪►")  # what a list item (_LIST_ITEM_RE) starts with, or a digit


def _norm_density(n: str, lw: list[str] | None, total, d, stop, packed) -> float:
    """The stopword density of the normalised line ``n``'s words, from what the
    line's lower-cased words ``lw`` gave (``total``, ``d``) when they are the same
    words, or the same but for punctuation cut from the first and the last (the
    usual case: a sentence's final stop): only those two are looked up again."""
    if lw is not None and len(lw) >= 2:
        joined = " ".join(lw)
        if n == joined:
            return d
        if n.count(" ") == len(lw) - 1 and joined.strip(_EDGE_PUNCT) == n:
            first, last = n[:n.find(" ")], n[n.rfind(" ") + 1:]
            if packed is None:
                total += (first in stop) + (last in stop) - (lw[0] in stop) - (lw[-1] in stop)
            else:
                get = (packed if len(lw) < 256 else _packed(stop, _WIDE)).get
                total += get(first, 0) + get(last, 0) - get(lw[0], 0) - get(lw[-1], 0)
            return _total_density(total, len(lw), stop, packed)
    return _density_lower(n.lower().split(), stop, packed)


def widget_shaped(raw: str, norm: str, max_words: int = 5) -> bool:
    """Whether a line has the shape of a widget label that BP903 removes when it
    recurs: at most ``max_words`` words, a letter, no digit (counters, table
    cells), not a label ending in ``:`` (it heads what follows), not indented nor
    code-like (``RUN pip install /tmp/app``, ``CMD flask run app:app``, a lone
    lower-case word such as ``end`` or ``done``)."""
    if not norm or norm.count(" ") >= max_words or not _REPEAT_OK_RE.fullmatch(norm):
        return False
    if raw[:1] in " \t" or raw.rstrip().endswith((":", "：")):
        return False
    t = raw.strip()
    return not (_CODE_CHARS_RE.search(t) or (" " not in t and t.islower()))


@register
class Boilerplate(Filter):
    """Remove page boilerplate from text, line by line, with a reason for each line.

    Options: ``phrases`` / ``classifier`` / ``context`` switch the three signals
    (``position_on_extracted``: the extractors after which the main-block rules
    still run on HTML input; trafilatura has already cut the page to its article);
    ``short_words``: lines of at most this many words count as short (menu items,
    labels); ``title_lines``: how many lines right before the main block are kept
    as its title, dateline and byline; ``tail_lines``: how many short sentences
    right after it are kept as its last paragraph; ``other_languages``: add the
    stoplists of the document's languages when they are not among the per-line
    ones and its long lines read as no language; ``clean_text_share``: a text with no debris
    phrase, no glued debris and at least this share of its lines ending like a
    sentence is already clean, and the main-block rules do not run on it (0: they
    always run); so is one with at most ``clean_text_debris`` debris lines (which
    go) when 80 % of its other lines end like a sentence; ``gap_lines``: two main
    blocks at most this many lines apart, with no debris line between them, are
    one (the article goes on across a results table or a run of short lines; 0: off);
    ``embeds``: the text of an embedded post (a tweet quoted as its blockquote,
    ending in ``— Name (@handle) date``) counts nothing for the main block.
    """

    name = "boilerplate"
    stage = 30
    rules = _RULES

    phrases: bool = True
    classifier: bool = True
    context: bool = True
    glued: bool = True
    short_words: int = 4
    title_lines: int = 3
    min_block_chars: int = 200
    block_ratio: float = 0.5
    line_cost: float = 100.0
    debris_cost: float = 300.0
    keep_outside_words: int = 1000
    position_on_extracted: tuple[str, ...] = ("justext",)
    stoplist: Literal["per-line", "detected", "all"] = "per-line"
    teasers: bool = True
    title_skip: int = 1
    neargood_prose: bool = True
    block_min_lines: int = 2
    menu_depth: int = 6
    tail_lines: int = 1
    lede_skip: int = 6
    inline_debris_cost: float = 50.0
    other_languages: bool = True
    repeat_min: int = 3
    repeat_max_words: int = 5
    repeat_max_kinds: int = 3
    clean_text_share: float = 0.5
    clean_text_debris: int = 3
    gap_lines: int = 6
    embeds: bool = True

    def find(self, doc) -> Iterator[Finding]:
        text = doc.text
        # the non-blank lines: where each starts, its text, its normalised form
        starts: list[int] = []
        raws: list[str] = []
        norms: list[str] = []
        pos = 0
        for t in text.split("\n"):
            n = normalize(t)
            if n or t.strip():
                starts.append(pos)
                raws.append(t)
                norms.append(n)
            pos += len(t) + 1
        if not raws:
            return
        drop: dict[int, tuple[str, str, dict]] = {}  # line index -> code, reason, detail
        if self.phrases:
            match = phrase_book().match_line
            for i, (t, n) in enumerate(zip(raws, norms)):
                e = match(t, n)
                if e is not None:
                    drop[i] = (FAMILIES[e.family][0], f"{FAMILIES[e.family][2]} ({e.lang}: "
                                                      f"{e.kind} '{e.phrase[:60]}')",
                               {"family": e.family, "lang": e.lang})

        # glued debris ("… im... mehr lesen"): cut before the positional rules, which
        # judge each line as it will stand in the output, so that a second run on
        # the output sees the same lines (idempotence)
        cuts: dict[int, tuple[int, str, str]] = {}
        if self.glued:
            memo = _GLUED_MEMO
            for i, t in enumerate(raws):
                if i in drop:
                    continue
                cut = memo.get(t, _MISSING)
                if cut is _MISSING:
                    cut = _glued_cut(t)
                    if len(t) <= _MEMO_LINE:  # short lines recur (see _Lines)
                        if len(memo) >= _MEMO_SIZE:
                            memo.clear()
                        memo[t] = cut
                if cut is not None:
                    cuts[i] = cut
        kept_raws, kept_norms = raws, norms
        if cuts:
            kept_raws, kept_norms = raws[:], norms[:]
            for i, (start, _, _) in cuts.items():
                kept_raws[i] = raws[i][:start]
                kept_norms[i] = normalize(kept_raws[i])

        blocks: list[tuple[int, int]] = []
        positional = (self.classifier or self.context) and (
            doc.meta.format != "html"
            or doc.annotations.get("extraction", {}).get("extractor") in self.position_on_extracted)
        clean_text = False
        rep0 = None
        if positional and self.phrases and self.clean_text_share > 0 \
                and _could_be_clean(raws, norms, self.clean_text_share, self.clean_text_debris, self.repeat_min):
            # judged on the lines the repeated-label rule leaves, as a second
            # run on the output would judge them (idempotence)
            rep0 = self._repeated(kept_norms, kept_raws, [i for i in range(len(raws)) if i not in drop])
            left = [i for i in range(len(raws)) if i not in rep0]
            index = {i: k for k, i in enumerate(left)}
            clean_text = already_clean([raws[i] for i in left], self.clean_text_share,
                                       {index[i] for i in (*drop, *cuts) if i in index}, self.clean_text_debris)
        positional = positional and not clean_text
        if positional:
            stop = {"per-line": per_line_stoplists, "detected": lambda: _doc_stoplist(doc),
                    "all": lambda: stoplist(None)}[self.stoplist]()
            info = _Lines(kept_raws, kept_norms, stop, self.line_cost, self.teasers, self.neargood_prose)
            if self.stoplist == "per-line" and self.other_languages and _unrecognised_prose(info):
                # most long lines are in no language of the per-line stoplists
                # (Arabic, Greek, Hungarian...): add the document's own
                extra = _other_stoplists(doc)
                if extra:
                    stop = stop + extra
                    info = _Lines(kept_raws, kept_norms, stop, self.line_cost, self.teasers,
                                  self.neargood_prose)
            info.inline = {i for i, (_, _, detail) in drop.items()
                           if _inline_debris(raws[i], detail.get("family", ""))}
            # Judge by position, then judge again what is left, until nothing
            # changes: the result is what a second run on the output would keep
            # (idempotence), since removed lines no longer stand between others.
            alive = list(range(len(raws)))
            for round_ in range(8):
                # the first round sees the phrase matches as debris; later rounds
                # see only what is left, as a run on the output would
                sub_drop = {k: drop[i] for k, i in enumerate(alive) if i in drop} if round_ == 0 else {}
                new, sub_blocks = self._positional(info, alive, sub_drop)
                if round_ == 0:
                    blocks = [(alive[a], alive[b - 1] + 1) for a, b in sub_blocks]
                for k, why in new.items():
                    drop[alive[k]] = why
                rep = self._repeated(kept_norms, kept_raws, [i for i in alive if i not in drop])
                drop.update(rep)
                if round_ > 0 and not new and not rep:
                    break
                alive = [i for i in alive if i not in drop]
                if not alive:
                    break
        else:
            drop.update(rep0 if rep0 is not None else
                        self._repeated(kept_norms, kept_raws, [i for i in range(len(raws)) if i not in drop]))

        for i in sorted(drop):
            code, reason, detail = drop[i]
            a = starts[i]
            b = a + len(raws[i])
            # line_removal: the newline after the line goes with it, else the one before
            if b < len(text) and text[b] == "\n":
                b += 1
            elif a > 0 and text[a - 1] == "\n":
                a -= 1
            yield Remove(a, b, code, reason, detail)
        for i, cut in cuts.items():
            if i not in drop:
                yield _cut_removal(starts[i], raws[i], cut)
        yield Annotation("boilerplate", {
            "lines": len(raws), "removed_lines": len(drop), "clean_text": clean_text,
            "main_blocks": [{"start": doc.to_original(starts[a], starts[a])[0],
                             "lines": b - a} for a, b in blocks],
        })

    def _repeated(self, norms: list[str], raws: list[str], alive: list[int]) -> dict[int, tuple[str, str, dict]]:
        """BP903: the lines of ``alive`` (indexes into ``norms``) whose text stands alone
        ``repeat_min`` or more times among them, every copy :func:`widget_shaped`. A
        page with more than ``repeat_max_kinds`` such texts is a table or a result
        list: nothing goes. Run on what is left after each round of the position
        rules, so that a second run finds nothing new (idempotence)."""
        if self.repeat_min < 2:
            return {}
        counts: dict[str, list[int]] = {}
        most = self.repeat_max_words
        for i in alive:
            n = norms[i]
            if n and n.count(" ") < most:
                counts.setdefault(n, []).append(i)
        out: dict[int, tuple[str, str, dict]] = {}
        kinds = 0
        others = None
        for n, idx in counts.items():
            if len(idx) < self.repeat_min or not all(widget_shaped(raws[i], n, most) for i in idx):
                continue
            kinds += 1
            if kinds > self.repeat_max_kinds:
                return {}
            if others is None:
                others = "\n".join(norms[i] for i in alive)
            # a text that also stands inside another line (a title in the lede or the
            # breadcrumb, a name in the prose) is the page's topic, not a widget's label
            if len(re.findall(rf"(?<!\w){re.escape(n)}(?!\w)", others)) > len(idx):
                continue
            for i in idx:
                out[i] = ("BP903", f"short line repeated {len(idx)} times on the page (a widget label)",
                          {"count": len(idx)})
        return out

    def _positional(self, info: _Lines, alive: list[int], drop: dict):
        """New removals by position (main block, runs of debris) and the blocks,
        for the lines ``alive`` (indexes into ``info``; the result's are into ``alive``)."""
        if len(alive) == len(info.words):  # every line (the first round): no copies
            cf, words, heading, lengths, link = info.cf, info.words, info.heading, info.lengths, info.link
        else:
            cf = list(map(info.cf.__getitem__, alive))
            words = list(map(info.words.__getitem__, alive))
            heading = list(map(info.heading.__getitem__, alive))
            lengths = list(map(info.lengths.__getitem__, alive))
            link = list(map(info.link.__getitem__, alive)) if self.teasers else None
        revised = revise_classes(cf, heading, lengths)
        values = _line_values(info, alive, revised, drop, self.debris_cost, cf, self.menu_depth)
        if self.embeds and info.embed:
            _embed_values(info.embed, alive, values, drop)
        if self.inline_debris_cost != self.debris_cost:
            # one debris line between two prose lines (an ad label, a "Read also:"
            # link inside the article) does not cut the article in two
            inline = info.inline
            for k in drop:
                if alive[k] in inline and 0 < k < len(values) - 1 \
                        and values[k - 1] > 0 and values[k + 1] > 0 and k - 1 not in drop and k + 1 not in drop:
                    values[k] = -self.inline_debris_cost
        if self.teasers:
            _teaser_values(link, values, drop, self.line_cost)
        blocks = _main_blocks(values, self.min_block_chars, self.block_ratio, self.block_min_lines)
        if self.gap_lines and len(blocks) > 1:
            blocks = _bridge(blocks, drop, self.gap_lines)
        new: dict[int, tuple[str, str, dict]] = {}
        if self.classifier and blocks:
            inside = bytearray(len(alive))
            closing = info.closing if len(alive) == len(info.words) else list(map(info.closing.__getitem__, alive))
            tail_kept: set[int] = set()
            for start, end in blocks:
                start = _extend_title(words, drop, start, self.title_lines, self.title_skip, revised,
                                      closing, self.lede_skip)
                for _ in range(self.tail_lines):
                    j = end
                    if j in drop and alive[j] in info.inline:
                        j += 1  # over a "Read also:" link or an ad label
                    if j < len(alive) and j not in drop and closing[j]:
                        end = j + 1
                        tail_kept.add(j)
                inside[start:end] = b"\1" * (end - start)
            for k, c in enumerate(revised):
                if inside[k] or k in drop:
                    continue
                if c == "good" and words[k] >= self.keep_outside_words:
                    continue
                new[k] = ("BP901", f"outside the main block; jusText: {c} "
                                   f"(context-free {cf[k]})", {"justext": c, "cf_class": cf[k]})
        if self.context:
            merged = {**drop, **new}
            # (a sentence-shaped line, e.g. 20+ Han characters ending in 。, is not short)
            sentence = info.sentence
            _short_between([self.short_words + 1 if sentence[i] else w for i, w in zip(alive, words)],
                           merged, self.short_words)
            new.update({i: v for i, v in merged.items() if i not in drop and i not in new})
            if self.classifier and blocks:
                for k in tail_kept:  # an article's closing sentence is not a stray short line
                    new.pop(k, None)
        return new, blocks


def already_clean(raws: list[str], share: float, debris: set[int] | None = None, max_debris: int = 3) -> bool:
    """True for a text that is already clean: at most ``max_debris`` of its
    non-blank lines are debris (``debris``: the indexes, into those lines, of the
    lines that match a debris phrase or hold glued debris; found here when None),
    and of the other lines (two or more) at least ``share`` end like a sentence, or
    80 % when there is debris: extracted news, a text one sentence a line, an
    article with a stray share line. Its second story, a short paragraph at its
    end, a headline repeating its lede, are content, not a sidebar or a caption.
    The debris lines themselves still go. (Every one of the 133 dev page scrapes
    has more debris, or fewer sentence lines: the most sentence-like has 66 %.)"""
    lines_ = [t for t in raws if t.strip()]
    n = len(lines_)
    if share <= 0 or n < 2:
        return False
    ends = [t.rstrip().endswith(_SENTENCE_END) for t in lines_]
    if sum(ends) < share * (n - max_debris):
        return False  # (cheap: not even without the debris lines)
    if debris is None:
        match = phrase_book().match_line
        debris = {i for i, t in enumerate(lines_) if match(t, normalize(t)) is not None or _glued_cut_memo(t) is not None}
    if len(debris) > max_debris or n - len(debris) < 2:
        return False
    need = share if not debris else max(share, _SHARE_WITH_DEBRIS)
    return sum(e for i, e in enumerate(ends) if i not in debris) >= need * (n - len(debris))


_SHARE_WITH_DEBRIS = 0.8


def _could_be_clean(raws: list[str], norms: list[str], share: float, max_debris: int, repeat_min: int) -> bool:
    """A cheap bound of ``already_clean`` on what the repeated-label rule may
    leave (``raws``: the non-blank lines, ``norms``: their normalised forms):
    enough lines end like a sentence even if every line whose normalised form
    recurs ``repeat_min`` times (all BP903 can remove) and ``max_debris`` more went."""
    ends = sum(t.rstrip().endswith(_SENTENCE_END) for t in raws)
    recurring = sum(c for c in Counter(norms).values() if c >= repeat_min) if repeat_min else 0
    return ends >= share * (len(raws) - max_debris - recurring)
_SENTENCE_END = tuple(".!?…\"”»“。！？」』" + _OTHER_ENDS)


def _line_values(info: _Lines, alive: list[int], revised: list[str], drop, debris_cost: float,
                 cf: list[str] | None = None, menu_depth: int = 0) -> list[float]:
    """Each line's value for the main block: prose (jusText good, near-good out
    of context, or a sentence-shaped line) counts its length; debris and other
    lines cost. With ``menu_depth``, a short line that only its context makes
    good counts half when it lies more than ``menu_depth`` lines inside a run of
    short lines (``cf``: the lines' context-free classes): long runs of short
    lines are menus, rankings and link lists, which jusText promotes wholesale
    when they happen to stand between two good paragraphs."""
    out = []
    no_prose, prose, pv, ov = info.no_prose, info.prose, info.prose_value, info.other_value
    promoted = []
    for k, i in enumerate(alive):
        if k in drop:
            out.append(-debris_cost)
        elif prose[i]:
            out.append(pv[i])
        elif revised[k] == "good" and not no_prose[i]:
            out.append(pv[i])
            promoted.append(k)
        else:
            out.append(ov[i])
    if menu_depth and promoted:
        # positions of the lines that are not short; a promoted line's depth is
        # its distance to the nearest of them
        longer = [k for k, c in enumerate(cf) if c != "short"]
        for k in promoted:
            if cf[k] != "short":
                continue
            j = bisect_left(longer, k)
            depth = min(k - longer[j - 1] if j else len(cf), longer[j] - k if j < len(longer) else len(cf))
            if depth > menu_depth:
                out[k] *= 0.5
    return out


def _best_run(values: list[float], lo: int, hi: int) -> tuple[float, int, int] | None:
    """Kadane: the run of ``values[lo:hi]`` with the largest sum."""
    best, span = 0.0, None
    cur, start = 0.0, lo
    for i in range(lo, hi):
        v = values[i]
        if cur <= 0:
            cur, start = v, i
        else:
            cur += v
        if cur > best:
            best, span = cur, (start, i + 1)
    return None if span is None else (best, *span)


def _main_blocks(values: list[float], min_chars: float, ratio: float,
                 min_lines: int = 1) -> list[tuple[int, int]]:
    """The best-scoring run of lines, plus runs elsewhere that score at least
    ``ratio`` of it (an article split by a gallery or an ad block) and hold at
    least ``min_lines`` prose lines (one long paragraph away from the article is
    an author box or a footer notice, not its second part)."""
    first = _best_run(values, 0, len(values))
    if first is None or first[0] < min_chars:
        return []
    blocks = [(first[1], first[2])]
    todo = [(0, first[1]), (first[2], len(values))]
    while todo:
        lo, hi = todo.pop()
        r = _best_run(values, lo, hi)
        if r is None or r[0] < max(min_chars, ratio * first[0]):
            continue
        if min_lines <= 1 or sum(1 for v in values[r[1]:r[2]] if v > 0) >= min_lines:
            blocks.append((r[1], r[2]))
        todo += [(lo, r[1]), (r[2], hi)]
    return sorted(blocks)


def _embed_values(embed: list[int], alive: list[int], values: list[float], drop) -> None:
    """An embedded post (a quoted tweet: its text in a few short lines, then the
    attribution line ``— Name (@handle) date``) is part of the text it stands in:
    its lines count nothing (neither prose that builds a block nor debris that
    cuts one), so an article goes on across it. ``embed``: indexes (into the
    document's lines) of the attribution lines; the post's text is the run of
    lines right above one that do not count as prose, at most ``EMBED_SPAN``
    lines, up to the nearest prose or removed line."""
    # (alive holds every line in the first round: its indexes are the lines')
    pos = None if alive[-1] == len(alive) - 1 else {i: k for k, i in enumerate(alive)}
    for i in embed:
        k = i if pos is None else pos.get(i)
        if k is None or k in drop:
            continue
        values[k] = max(values[k], 0.0)
        j = k - 1
        while j >= 0 and k - j <= EMBED_SPAN and j not in drop and values[j] < 0:
            values[j] = 0.0
            j -= 1


def _bridge(blocks: list[tuple[int, int]], drop, gap: int) -> list[tuple[int, int]]:
    """Join main blocks (sorted) that are at most ``gap`` lines apart when no
    line between them is debris (``drop``): an article goes on across a table,
    a line-up or a run of short lines that cost more than they count."""
    out = [blocks[0]]
    for a, b in blocks[1:]:
        pa, pb = out[-1]
        if a - pb <= gap and not any(k in drop for k in range(pb, a)):
            out[-1] = (pa, b)
        else:
            out.append((a, b))
    return out


# debris that stands inside an article: an ad label, a "Read also: <headline>" link
# (a full-width colon and an unspaced Chinese or Japanese headline too)
_INLINE_LINK_RE = re.compile(r"^[^:：]{1,40}(?::\s{1,3}|：\s{0,3})(?:\S{1,60}(?:\s{1,3}\S{1,60}){1,29}|\S{4,80})$")


def _inline_debris(raw: str, family: str) -> bool:
    """Whether a debris line of ``family`` is of the kind that stands inside an
    article: an ad label, or a link to another story (``Read also: Headline``)."""
    return family == "ads" or family == "navigation" and _INLINE_LINK_RE.match(raw.strip()) is not None


def _extend_title(words: list[int], drop, start: int, n: int, skip: int = 0,
                  revised: list[str] | None = None, lede: list[bool] | None = None,
                  lede_skip: int = 0) -> int:
    """Include up to ``n`` lines right before the block (title, dateline, byline).
    With ``skip``, up to that many removed lines (share buttons, a caption
    between the lede and the body) are stepped over when the line above them is
    prose; they stay removed. With ``lede``, a run of up to ``lede_skip``
    removed lines right above the block (a share bar of several buttons) is
    stepped over too when the line above it is a sentence (``lede``: 3 to 40
    words, a capital first, final punctuation)."""
    i, taken, skipped = start, 0, 0
    j = start - 1
    if lede is not None and lede_skip and j in drop:
        # a share bar right above the body, under a one-sentence lede
        r = j
        while r >= 0 and r in drop and j - r <= lede_skip:
            r -= 1
        if r >= 0 and r not in drop and lede[r]:
            j, skipped = r, skip
    while j >= 0 and taken < n:
        if j in drop:
            if skipped >= skip:
                break
            skipped += 1
            j -= 1
            continue
        if words[j] > 40 and not (revised and revised[j] == "good"):
            break
        i = j
        taken += 1
        j -= 1
    return i


def _teaser_values(link: list[bool], values, drop, line_cost: float) -> None:
    """Lower the value of teaser excerpts: a series of stand-alone read-more
    links a few lines apart is a teaser list; each link closes a teaser (title,
    date, excerpt) that starts after the previous link, and the first teaser is
    as long as the next one. A lone link (the end of the article) or a label
    ending in a colon ("Read more:" above a list) changes nothing."""
    links = [i for i, x in enumerate(link) if x]
    for k, i in enumerate(links):
        prev_gap = i - links[k - 1] if k else None
        next_gap = links[k + 1] - i if k + 1 < len(links) else None
        if prev_gap is not None and prev_gap <= TEASER_SPAN:
            start = links[k - 1] + 1
        elif next_gap is not None and next_gap <= TEASER_SPAN:
            start = max(0, i - next_gap + 1)
        else:
            continue
        for j in range(start, i):
            if j not in drop and values[j] > -line_cost:
                values[j] = -line_cost


TEASER_SPAN = 8  # read-more links at most this many lines apart form a teaser list


def _short_between(words: list[int], drop, short_words: int) -> None:
    """A short line between two removed lines goes too (debris comes in runs)."""
    changed = True
    while changed:
        changed = False
        for i in range(1, len(words) - 1):
            if i in drop or words[i] > short_words:
                continue
            if i - 1 in drop and i + 1 in drop:
                drop[i] = ("BP902", "short line between two removed lines", {})
                changed = True


def _glued_trim(offset: int, text: str) -> Remove | None:
    """The glued-debris trim of the line ``text`` that starts at ``offset``, if any."""
    cut = _glued_cut(text)
    return None if cut is None else _cut_removal(offset, text, cut)


def _cut_removal(offset: int, text: str, cut: tuple[int, str, str]) -> Remove:
    """The removal of ``_glued_cut(text)`` in the line ``text`` at ``offset``."""
    start, family, what = cut
    return Remove(offset + start, offset + len(text), FAMILIES[family][1],
                  f"{FAMILIES[family][2]} glued to the end of a line: {what!r}", {"family": family})


_GLUED_MEMO: dict[str, tuple[int, str, str] | None] = {}  # short line -> _glued_cut(line)


def _glued_cut_memo(text: str) -> tuple[int, str, str] | None:
    """``_glued_cut(text)``, memoised for short lines in the memo the filter's own
    loop fills (the captions filter, which runs first, asks through
    :func:`already_clean` about lines the boilerplate filter then sees)."""
    cut = _GLUED_MEMO.get(text, _MISSING)
    if cut is _MISSING:
        cut = _glued_cut(text)
        if len(text) <= _MEMO_LINE:
            if len(_GLUED_MEMO) >= _MEMO_SIZE:
                _GLUED_MEMO.clear()
            _GLUED_MEMO[text] = cut
    return cut


def _glued_cut(text: str) -> tuple[int, str, str] | None:
    """The glued debris at the end of the line ``text``, if any: where it starts,
    its family and its text (as the reason quotes it)."""
    core = text.rstrip(_TAIL_DECOR)
    if not core:
        return None
    read_more, cookie, comment = _glued_data()
    tail_from = max(0, len(core) - 60)
    window = core[tail_from:]
    toks = window.split()  # the words of the last 60 characters
    if tail_from and toks:
        toks = toks[1:]  # the first token may be cut
    if not toks:
        return None
    starts = []  # where the last (up to) four words start in ``core``
    pos = len(window)
    for tok in reversed(toks[-4:]):
        pos = window.rfind(tok, 0, pos)  # a word holds no space: this is the word itself
        starts.append(tail_from + pos)
    starts.reverse()
    read_more_ends, read_more_suffixes, comment_ends = _glued_checks()
    # "… Read more…": the last 1-4 words are a read-more phrase, after 2+ other words.
    # On a tail already in NFKC form (a word's form then does not depend on the
    # words before it, and case folding goes character by character), the
    # case-folded last word without its end punctuation and any normalised
    # last-k-words both end the same string: if neither that word nor a phrase
    # ends the other, no k can match (this skips the normalisations).
    ks = (4, 3, 2, 1)
    last_word = toks[-1].casefold().rstrip(_EDGE_PUNCT)
    if last_word and last_word not in read_more_suffixes and not last_word.endswith(read_more_ends):
        tail = core[starts[0]:]
        if tail.isascii() or is_normalized("NFKC", tail):
            ks = ()
    for k in ks:
        if len(starts) < k:
            continue
        start = starts[-k]
        phrase = normalize(core[start:])
        if phrase in read_more:
            if start > 0 and text[start - 1] in "[(":
                start -= 1
            while start > 0 and text[start - 1] in " \t":
                start -= 1
            if len(text[:start].split()) >= 2 and _link_shaped(text, start):
                return start, "navigation", text[start:].strip()
    last = starts[-1]
    # a button follows ".", "!" or "?"; a label ends the line
    after = core[max(last - 1, 0):]
    cookie_may = "." in after or "!" in after or "?" in after
    comment_may = core.endswith(comment_ends)
    for family, rx, may in (("cookie", cookie, cookie_may), ("comment", comment, comment_may)):
        if not may:
            continue
        m = rx.search(core, last)
        if m is not None and len(text[: m.start()].split()) >= 2:
            return m.start(), family, m.group().strip()
    return None
