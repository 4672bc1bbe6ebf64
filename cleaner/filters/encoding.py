"""Encoding repair with ftfy, every fix recorded with its offsets.

ftfy explains its steps but gives no offsets, so each line is fixed on its own
and the edits are found by diffing the line before and after. Most lines need
nothing: a fast scan for the characters each of ftfy's fixes acts on (UTF-8 lead
and continuation bytes read as Latin-1/cp1252, entities, controls, ligatures,
fullwidth forms, surrogates, non-NFC text) selects the lines ftfy sees. The scan
runs over the whole text, one simple pattern at a time (about 120 MB/s on the
shared web sample, where it passes 1,373 of 29,025 lines to ftfy and misses none
of the 808 lines ftfy would change); a text that is not in NFC is scanned line by
line. A stricter test then proves most of the lines that change nothing (and most
repaired lines, which a second run would leave alone) unchanged without ftfy: 952
calls instead of 2,325 there. The diff is exact and mostly linear: words paired when the repair kept
their number, and inside a word one replacement where the differing middles
share no character with the other side (what ``SequenceMatcher`` would find).

>>> from cleaner import Pipeline
>>> Pipeline([Encoding()])("cafÃ© &amp; bar\\r\\n").text
'café & bar\\n'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterator

from cleaner.filters.base import Filter, register
from cleaner.findings import Replace
from cleaner.rules import Rule

# every line break but \n; a run of them (blank lines of a CRLF or CR file) is one
# replacement: a file of 200,000 lone CRs was 200,000 changes, 3.9 s in the pipeline
_LINE_BREAK_RE = re.compile(r"(?:\r\n|[\r\u2028\u2029])+")
_ONE_BREAK_RE = re.compile(r"\r\n|[\r\u2028\u2029]")
# Invisible characters that break words for every downstream matcher. Joiners
# (U+200C/U+200D) and direction marks are kept: Persian, Indic scripts and emoji
# sequences need them.
INVISIBLE = "\u200b\u2060\u180e\u00ad\ufeff"
_INVISIBLE_RE = re.compile(f"[{INVISIBLE}]+")
_MAX_ROUNDS = 3  # ftfy re-run on its own output at most this often (see _fix_line)
_DIFF_LIMIT = 4000  # longer changed stretches are recorded as one replacement

_RULES = (
    Rule("ENC001", "mojibake", "Text decoded with the wrong encoding (mojibake) was repaired.",
         "replaced", fixable=True,
         doc="What: ftfy re-decodes sequences such as `Ã©` or `â€™` that are UTF-8 read as "
             "Latin-1/Windows-1252 (or other single-byte codecs), and C1 controls that stand for "
             "Windows-1252 punctuation.\n\nWhy: mojibake breaks words for every later filter and for "
             "readers.\n\nKnown problems: ftfy is conservative; mixed or double encodings it cannot "
             "prove stay as they are.\n\nExample: `cafÃ©` -> `café`.\n\nFix safety: safe."),
    Rule("ENC002", "html-entity", "An HTML entity or character reference was decoded.", "replaced",
         fixable=True,
         doc="What: `&amp;`, `&eacute;`, `&#8217;` become the characters they name (not on lines "
             "that contain `<`, which may be real markup).\n\nExample: `Tom &amp; Jerry` -> "
             "`Tom & Jerry`.\n\nFix safety: safe."),
    Rule("ENC003", "control-character", "A control character or terminal escape was removed.",
         "replaced", fixable=True,
         doc="What: C0 controls other than tab/newline, DEL, deprecated format characters and "
             "ANSI terminal escapes are removed.\n\nFix safety: safe."),
    Rule("ENC004", "invisible-character",
         "A zero-width or invisible character (ZWSP, word joiner, soft hyphen, BOM) was removed.",
         "replaced", fixable=True,
         doc="What: U+200B, U+2060, U+180E, U+00AD and U+FEFF are removed; they split words "
             "invisibly. Zero-width joiners/non-joiners and direction marks are kept, because "
             "Persian, Indic scripts and emoji need them.\n\nFix safety: safe."),
    Rule("ENC005", "line-break", "A CRLF, CR or Unicode line/paragraph separator became `\\n`.",
         "replaced", fixable=True, check=False,
         doc="What: every line break becomes `\\n`; a run of them (the blank lines of a CRLF file) is "
             "one change.\n\nWhy: line-based rules and offsets need one "
             "kind of line break.\n\nFix safety: safe; not reported by `cleaner check` by default "
             "because Windows line endings are a convention, not damage."),
    Rule("ENC006", "unicode-normalization", "Text was put in Unicode NFC form.", "replaced",
         fixable=True, check=False,
         doc="What: decomposed characters (e + combining acute) are composed (é).\n\nFix safety: "
             "safe; not reported by `cleaner check` by default."),
    Rule("ENC007", "compatibility-form",
         "A Latin ligature or fullwidth/halfwidth form was replaced by standard characters.",
         "replaced", fixable=True,
         doc="What: `ﬁ` -> `fi`, fullwidth `ＡＢＣ` -> `ABC`, `２０２０` -> `2020`, halfwidth katakana "
             "-> standard. On a line with Chinese, Japanese or Korean characters the fullwidth "
             "punctuation (`，！：（）` and the ideographic space) is that text's punctuation and stays "
             "(ftfy's width fix would make it ASCII; option `keep_cjk_punctuation`).\n\n"
             "Fix safety: safe."),
    Rule("ENC008", "surrogate", "UTF-16 surrogate code points were repaired or replaced.",
         "replaced", fixable=True,
         doc="What: surrogate pairs left by UCS-2 decoding become the character they encode; lone "
             "surrogates become U+FFFD.\n\nFix safety: safe."),
)

_CURLY_RE = re.compile("[\u2018-\u201b\u201c-\u201f\u02bc]")
_ENTITY_RE = re.compile(r"&#?[0-9A-Za-z]{1,24};")
# Han, kana, Hangul, CJK symbols and punctuation: a line with one is CJK text
_CJK_RE = re.compile(r"[\u3001-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# fullwidth punctuation and symbols (not letters or digits) and the ideographic space
_FULLWIDTH_PUNCT = frozenset(chr(c) for c in (0x3000, *range(0xFF01, 0xFF10), *range(0xFF1A, 0xFF21),
                                              *range(0xFF3B, 0xFF41), *range(0xFF5B, 0xFF61)))


def _without_insertions(line: str, hunks: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The hunks with every pure insertion (``a == b``) joined to a neighbouring
    edit or character: a change record spans characters of the input, and the
    document drops an empty edit. NFC reorders combining marks (Arabic shadda and
    fatha: ``ّ َ`` -> ``َ ّ``), which a diff sees as an insertion and a deletion;
    joined, it is one edit of the two marks (before 2026-12-03 the insertion was
    lost with the mark)."""
    out: list[tuple[int, int, str]] = []
    i, n = 0, len(hunks)
    while i < n:
        a, b, new = hunks[i]
        if a == b:
            nxt = hunks[i + 1] if i + 1 < n else None
            if nxt is not None and nxt[0] - a <= 3:  # the next edit is near: one edit
                a, b, new = a, nxt[1], new + line[a:nxt[0]] + nxt[2]
                i += 1
            elif out and a - out[-1][1] <= 3:  # the previous one is
                pa, pb, pn = out.pop()
                a, b, new = pa, a, pn + line[pb:a] + new
            elif a < len(line):  # take the next character along
                a, b, new = a, a + 1, new + line[a]
            else:  # or the previous one
                a, b, new = a - 1, a, line[a - 1] + new
        out.append((a, b, new))
        i += 1
    return out


def _trimmed(line: str, a: int, b: int, new: str) -> tuple[int, int, str]:
    """The hunk ``line[a:b] -> new`` without the characters it leaves as they are at
    either end."""
    while a < b and new and line[a] == new[0]:
        a, new = a + 1, new[1:]
    while a < b and new and line[b - 1] == new[-1]:
        b, new = b - 1, new[:-1]
    return a, b, new


def _keep_fullwidth_punctuation(old: str, new: str) -> str:
    """``new`` with the fullwidth punctuation of ``old`` put back, where the repair
    is a width fix character by character (``，１３`` -> ``，13``); else ``new``."""
    if len(old) != len(new) or not any(c in _FULLWIDTH_PUNCT for c in old):
        return new
    if new != unicodedata.normalize("NFKC", old):
        return new  # another repair (mojibake, an entity...) is part of this one
    return "".join(o if o in _FULLWIDTH_PUNCT else n for o, n in zip(old, new))


_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\u206a-\u206f\ufff9-\ufffc\x1b]")
_COMPAT_RE = re.compile("[\ufb00-\ufb06\uff01-\uff5e\uff61-\uff9f\u3000]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


_TRIGGER_ENTITY = r"&#?[0-9A-Za-z]{1,24};"
_TRIGGER_CHARS = ("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u206a-\u206f\ufff9-\ufffc"
                  f"{INVISIBLE}\ufb00-\ufb06\uff01-\uff5e\uff61-\uff9f\ud800-\udfff]")


def _trigger_clue() -> str:
    from ftfy.chardata import UTF8_CLUES

    return "[{utf8_first_of_2}{utf8_first_of_3}{utf8_first_of_4}][{utf8_continuation}]".format(**UTF8_CLUES)


@lru_cache(maxsize=1)
def _trigger_re() -> re.Pattern[str]:
    """What makes a line worth ftfy's time: an entity, a control, invisible,
    compatibility or surrogate character, or a UTF-8 lead byte read as Latin-1 or
    Windows-1252 followed by a continuation byte read so."""
    return re.compile(f"{_TRIGGER_ENTITY}|{_TRIGGER_CHARS}|{_trigger_clue()}")


@lru_cache(maxsize=1)
def _trigger_parts() -> tuple[re.Pattern[str], ...]:
    """:func:`_trigger_re`'s alternatives as patterns of their own: each starts with
    a literal or a character class, which the regex engine scans for quickly (an
    alternation of classes it tries at every position). A text has a match of
    the alternation where one of them matches."""
    return (re.compile(_TRIGGER_ENTITY), re.compile(_TRIGGER_CHARS), re.compile(_trigger_clue()))


# A line on which ftfy provably changes nothing (see _ftfy_keeps) is not sent to
# it: most lines with a trigger are fine (an "ß“" or a Cyrillic letter pair), and
# the line ftfy repaired is almost always stable.
_MOJIBAKE_PAIR_RE = re.compile("[\x80-\x9f]|[^\x00-\x7f]{2}|[ÃÂ] |[Œœ][^A-Za-z]")


@lru_cache(maxsize=2)
def _ftfy_chars_re(uncurl_quotes: bool) -> re.Pattern[str]:
    """The characters one of ftfy's character fixes acts on (C1 controls, Latin
    ligatures, width forms, surrogates, terminal escapes, removed controls; curly
    quotes when they are straightened), from ftfy's own tables, and ours (invisible)."""
    from ftfy.chardata import CONTROL_CHARS, LIGATURES, WIDTH_MAP

    chars = {chr(c) for c in (*CONTROL_CHARS, *LIGATURES, *WIDTH_MAP)} | set(INVISIBLE) | {"\x1b"}
    if uncurl_quotes:
        chars |= set("\u02bc\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f")
    chars -= {chr(c) for c in range(0x80, 0xA0)}  # in the ranges below
    chars -= {chr(c) for c in range(0xD800, 0xE000)}
    return re.compile("[\x80-\x9f\ud800-\udfff" + "".join(map(re.escape, sorted(chars))) + "]")


def _line_breaks(start: int, run: str) -> Replace:
    """The replacement of a run of line breaks (none of them a lone ``\\n``) by as many ``\\n``."""
    if len(run) <= 2 and (len(run) == 1 or run == "\r\n"):
        return Replace(start, start + len(run), "\n", "ENC005", f"line break {run!r} -> '\\n'")
    breaks = _ONE_BREAK_RE.findall(run)
    kinds = ", ".join(repr(b) for b in sorted(set(breaks)))
    return Replace(start, start + len(run), "\n" * len(breaks), "ENC005",
                   f"{len(breaks)} line breaks ({kinds}) -> '\\n'")


@register
class Encoding(Filter):
    """Repair encoding damage with ftfy; record each repair with its offsets.

    Options mirror ftfy's ``TextFixerConfig`` where they matter; ``uncurl_quotes``
    is off because ftfy's default straightens ’ “ „ in most real documents;
    ``keep_cjk_punctuation`` keeps the fullwidth punctuation of CJK lines (``，``
    stays ``，`` in Chinese text) where ftfy's width fix would make it ASCII.
    """

    name = "encoding"
    stage = 10
    rules = _RULES

    uncurl_quotes: bool = False
    fix_encoding: bool = True
    unescape_html: bool = True
    remove_controls: bool = True
    remove_invisible: bool = True
    fix_line_breaks: bool = True
    fix_compatibility: bool = True
    keep_cjk_punctuation: bool = True
    normalization: str | None = "NFC"

    def find(self, doc) -> Iterator[Replace]:
        text = doc.text
        # most texts have no break but "\n": three substring tests cost less than the pattern
        if self.fix_line_breaks and ("\r" in text or "\u2028" in text or "\u2029" in text):
            for m in _LINE_BREAK_RE.finditer(text):
                yield _line_breaks(m.start(), m.group())
        if text.isascii() and "&" not in text and not _CONTROL_RE.search(text):
            return  # no line passes the first test of _fix_line
        if self.normalization is not None and not unicodedata.is_normalized(self.normalization, text):
            # some line is not normalised: look at every line
            pos = 0
            for end in _iter_line_ends(text):
                if pos < end:
                    yield from self._fix_line(text, pos, end)
                pos = end + _break_len(text, end)
            return
        # Every line is normalised (normalisation does not reach across a line
        # break), so ftfy sees the lines with a trigger (or a curly quote to
        # straighten): find them with one scan of the whole text (no trigger
        # spans a line break), in order.
        for start, end in _lines_matching(text, *_trigger_parts(), _CURLY_RE if self.uncurl_quotes else None):
            yield from self._fix_line(text, start, end, needs_ftfy=True)

    def _fix_line(self, text: str, start: int, end: int, needs_ftfy: bool = False) -> Iterator[Replace]:
        """The repairs of the line ``text[start:end]``; ``needs_ftfy``: the caller
        knows that it has a trigger (or a quote to straighten)."""
        line = text[start:end]
        if line.isascii() and "&" not in line and not _CONTROL_RE.search(line):
            return
        needs_ftfy = needs_ftfy or bool(_trigger_re().search(line)) or (
            self.uncurl_quotes and bool(_CURLY_RE.search(line))) or (
            self.normalization is not None and not unicodedata.is_normalized(self.normalization, line))
        if not needs_ftfy or self._ftfy_keeps(line):
            return
        fixed, steps, stable = self._ftfy_proved(line)
        if self.remove_invisible and not stable:
            fixed = _INVISIBLE_RE.sub("", fixed)
        if fixed == line:
            return
        step_names = {f"{s.action}:{s.parameter}" for s in steps or ()}
        # ftfy is not always idempotent: a repair (a C1 control read as cp1252, an
        # invisible character gone) can leave a new mojibake sequence ("\xadß\x80" ->
        # "ß€" -> "߀"); repeat until the line is stable, as a second run would
        for _ in range(_MAX_ROUNDS):
            if stable or self._ftfy_keeps(fixed):
                break  # the usual case: a second run would return it as it is
            again, more = self._ftfy(fixed)
            if self.remove_invisible:
                again = _INVISIBLE_RE.sub("", again)
            if again == fixed:
                break
            fixed = again
            step_names |= {f"{s.action}:{s.parameter}" for s in more or ()}
        hunks = list(_hunks(line, fixed))
        if "&" in line:  # an entity is one edit, even where the diff splits it
            hunks = _widen(line, fixed, hunks, [m.span() for m in _ENTITY_RE.finditer(line)])
        if any(a == b for a, b, _ in hunks):
            hunks = _without_insertions(line, hunks)
        if self.keep_cjk_punctuation and _CJK_RE.search(line):
            # ，。！：（） and the ideographic space are the punctuation of Chinese and
            # Japanese text, not a width variant to repair (ftfy's width fix makes
            # them ASCII); fullwidth letters and digits are still made standard
            hunks = [_trimmed(line, a, b, kept) for a, b, new in hunks
                     if (kept := _keep_fullwidth_punctuation(line[a:b], new)) != line[a:b]]
        for a, b, new in hunks:
            code, reason = _classify(line[a:b], new, step_names)
            yield Replace(start + a, start + b, new, code, reason)

    def _ftfy_keeps(self, line: str) -> bool:
        """True only where ftfy (as :meth:`_ftfy` runs it) and the removal of
        invisible characters return ``line`` as it is: no entity, no character a
        character fix acts on, already normalised, and not "bad" for ftfy's mojibake
        detector (which then leaves the encoding alone). Every alternative of
        ftfy's ``BADNESS_RE`` needs a C1 control, two non-ASCII characters in a row,
        "Â " / "Ã " or "œ" before a character that is not a Latin letter: where
        none is, the (slow) detector is not asked."""
        if _ENTITY_RE.search(line) or _ftfy_chars_re(self.uncurl_quotes).search(line):
            return False
        if self.normalization is not None and not unicodedata.is_normalized(self.normalization, line):
            return False
        if self.fix_encoding and _MOJIBAKE_PAIR_RE.search(line):
            from ftfy.badness import is_bad

            return not is_bad(line)
        return True

    def _config(self, line: str):
        from ftfy import TextFixerConfig

        return TextFixerConfig(
            unescape_html=self.unescape_html and "<" not in line,
            fix_encoding=self.fix_encoding,
            fix_latin_ligatures=self.fix_compatibility,
            fix_character_width=self.fix_compatibility,
            uncurl_quotes=self.uncurl_quotes,
            fix_line_breaks=False,  # done above, with offsets
            remove_control_chars=self.remove_controls,
            remove_terminal_escapes=self.remove_controls,
            normalization=self.normalization,  # type: ignore[arg-type]
        )

    def _ftfy(self, line: str):
        from ftfy import fix_and_explain

        return fix_and_explain(line, self._config(line))

    def _ftfy_proved(self, line: str):
        """``_ftfy(line)`` and whether :meth:`_ftfy_keeps` holds for its text.

        ftfy repeats its round of fixes until a round changes nothing: a line it
        repairs costs two rounds or more. Here one round is run (ftfy's own, see
        :func:`_ftfy_round`); where :meth:`_ftfy_keeps` proves that ftfy leaves its
        result as it is, that result is ftfy's (the round ftfy would add changes
        nothing; it could only add steps of the encoding fixer, which
        :func:`_classify` does not read), and the caller's check of the same is
        skipped; else ftfy goes on from it. Without the known round (another ftfy
        version), ftfy itself."""
        if _ftfy_round is None:
            fixed, steps = self._ftfy(line)
            return fixed, steps, False
        from ftfy import fix_and_explain

        config = self._config(line)
        steps: list = []
        fixed = _ftfy_round(line, config, steps)
        if fixed == line:
            return fixed, steps, False  # ftfy stops after this round too
        if self._ftfy_keeps(fixed):
            return fixed, steps, True
        fixed, more = fix_and_explain(fixed, config)  # ftfy's next rounds (the same config)
        return fixed, steps + list(more or ()), False


def _ftfy_round_of_631():
    """One round of ``ftfy.fix_and_explain``'s loop (ftfy 6.3), or None for
    another version of ftfy. A test checks it against ftfy on the test corpus."""
    import ftfy
    from ftfy import ExplanationStep, _try_fix, fix_encoding_and_explain

    if not ftfy.__version__.startswith("6.3."):
        return None
    fixers = ("fix_c1_controls", "fix_latin_ligatures", "fix_character_width", "uncurl_quotes",
              "fix_line_breaks", "fix_surrogates", "remove_terminal_escapes", "remove_control_chars")

    def one_round(text: str, config, steps: list) -> str:
        text = _try_fix("unescape_html", text, config, steps)
        if config.fix_encoding:
            text, encoding_steps = fix_encoding_and_explain(text, config)
            if encoding_steps is not None:
                steps.extend(encoding_steps)
        for fixer in fixers:
            text = _try_fix(fixer, text, config, steps)
        if config.normalization is not None:
            fixed = unicodedata.normalize(config.normalization, text)
            if fixed != text:
                steps.append(ExplanationStep("normalize", config.normalization))
            text = fixed
        return text

    return one_round


try:
    _ftfy_round = _ftfy_round_of_631()
except ImportError:  # (a private name gone: ftfy itself)
    _ftfy_round = None


def _iter_line_ends(text: str) -> Iterator[int]:
    """Offsets where each line ends (before its line break), the last at len(text)."""
    for m in _ANY_BREAK_RE.finditer(text):
        yield m.start()
    yield len(text)


_ANY_BREAK_RE = re.compile(r"\r\n|[\n\r\u2028\u2029]")
_BREAK_CHARS = "\n\r\u2028\u2029"


def _lines_matching(text: str, *patterns: "re.Pattern[str] | None") -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each line (as :func:`_iter_line_ends` cuts them, without
    its break) in which one of ``patterns`` matches, in order; no match of the
    patterns may contain a line break.

    >>> list(_lines_matching("ab\\r\\ncd\\nxb\\n", re.compile("b")))
    [(0, 2), (7, 9)]
    """
    found: set[tuple[int, int]] = set()
    for rx in patterns:
        if rx is None:
            continue
        pos = 0  # a line start, or the "\n" of a "\r\n" whose "\r" ended the last line
        while (m := rx.search(text, pos)) is not None:
            s = m.start()
            # both searches stay within [pos, end of this line]: linear in all
            start = max(pos, max(text.rfind(c, pos, s) for c in _BREAK_CHARS) + 1)
            brk = _ANY_BREAK_RE.search(text, s)
            end = brk.start() if brk else len(text)
            found.add((start, end))
            pos = end + 1
    return iter(sorted(found))


def _break_len(text: str, pos: int) -> int:
    if pos >= len(text):
        return 0
    return 2 if text.startswith("\r\n", pos) else 1


def _hunks(old: str, new: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, replacement)`` edits turning ``old`` into ``new``.

    The two are aligned word by word first (ftfy's repairs stay inside words),
    then character by character inside the words that differ, so a long line
    with a few repairs costs a diff of its words, not of its characters.

    >>> list(_hunks("a Ã© b Ã¨", "a é b è"))
    [(2, 4, 'é'), (7, 9, 'è')]
    """
    p, q = _affix_lens(old, new)
    o_mid, n_mid = old[p:len(old) - q], new[p:len(new) - q]
    if len(o_mid) + len(n_mid) <= _WORD_ALIGN_MIN:
        yield from _char_hunks(o_mid, n_mid, p)
        return
    o_tok, n_tok = _TOKEN_RE.findall(o_mid), _TOKEN_RE.findall(n_mid)
    o_pos = _starts(o_tok)
    if len(o_tok) == len(n_tok):
        # the common case: the repairs kept the words apart; pair them directly (linear)
        for i, (a, b) in enumerate(zip(o_tok, n_tok)):
            if a != b:
                yield from _char_hunks(a, b, p + o_pos[i])
        return
    if len(o_tok) + len(n_tok) > _TOKEN_DIFF_LIMIT:
        yield from _char_hunks(o_mid, n_mid, p)
        return
    n_pos = _starts(n_tok)
    for i1, i2, j1, j2 in _gaps(o_tok, n_tok):
        a, b = o_pos[i1], o_pos[i2]
        c, d = n_pos[j1], n_pos[j2]
        if i1 < i2 and j1 < j2:  # replace
            yield from _char_hunks(o_mid[a:b], n_mid[c:d], p + a)
        else:
            yield p + a, p + b, n_mid[c:d]


_TOKEN_RE = re.compile(r"\s+|\S+")
_WORD_ALIGN_MIN = 64  # below this many changed characters, diff the characters directly
# above this many words (when the repairs changed the number of words), the changed
# stretch is diffed by characters (itself bounded by _DIFF_LIMIT): the word diff is quadratic
_TOKEN_DIFF_LIMIT = 600


def _starts(tokens: list[str]) -> list[int]:
    """Offsets where each token starts, plus the total length."""
    out = [0]
    for t in tokens:
        out.append(out[-1] + len(t))
    return out


def _char_hunks(old: str, new: str, offset: int) -> Iterator[tuple[int, int, str]]:
    if len(old) + len(new) > _DIFF_LIMIT:
        yield offset, offset + len(old), new
        return
    for i1, i2, j1, j2 in _gaps(old, new):
        yield offset + i1, offset + i2, new[j1:j2]


def _affix_lens(a, b) -> tuple[int, int]:
    """Lengths of the common prefix of the sequences ``a`` and ``b`` and of the
    common suffix of what follows it (found by halving: slices compare in C).

    >>> _affix_lens("fÃ¼r", "für"), _affix_lens("aab", "ab"), _affix_lens("ab", "ab")
    ((1, 1), (1, 1), (2, 0))
    """
    n = min(len(a), len(b))
    if a[:n] == b[:n]:
        p = n
    else:
        lo, hi = 0, n  # a[:lo] == b[:lo], a[:hi] != b[:hi]
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if a[:mid] == b[:mid]:
                lo = mid
            else:
                hi = mid
        p = lo
    m, la, lb = n - p, len(a), len(b)
    if a[la - m:] == b[lb - m:]:
        return p, m
    lo, hi = 0, m
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if a[la - mid:] == b[lb - mid:]:
            lo = mid
        else:
            hi = mid
    return p, lo


def _gaps(a, b) -> list[tuple[int, int, int, int]]:
    """``(i1, i2, j1, j2)`` of the opcodes other than "equal" of
    ``SequenceMatcher(None, a, b, autojunk=False)``, exactly.

    The matcher takes the longest matching block (the earliest in ``a``, then in
    ``b``) and does the same on each side of it; each side is a pair of its own,
    so each is first tried with two shortcuts: one side empty (one gap), or ``a = P
    X S`` and ``b = P Y S`` (common prefix and suffix) with X and Y not empty, no
    item of X in ``b`` and no item of Y in ``a``: then every matching block lies in
    P or S and is aligned there (a block can cross neither X nor Y), the blocks cover
    P and S and the only gap is X -> Y. A repaired mojibake sequence (``fÃ¼r`` ->
    ``für``) is such a case.

    >>> _gaps("fÃ¼r", "für"), _gaps("aab", "ab"), _gaps("ab", "ab"), _gaps("Ã©tÃ©", "été")
    ([(1, 3, 1, 2)], [(0, 1, 0, 0)], [], [(0, 2, 0, 1), (3, 5, 2, 3)])
    """
    out: list[tuple[int, int, int, int]] = []
    todo = [(0, len(a), 0, len(b))]
    while todo:
        alo, ahi, blo, bhi = todo.pop()
        x, y = a[alo:ahi], b[blo:bhi]
        if not x or not y:
            if x or y:
                out.append((alo, ahi, blo, bhi))  # nothing can match
            continue
        p, q = _affix_lens(x, y)
        x_end, y_end = len(x) - q, len(y) - q
        if p == x_end and p == y_end:
            continue  # equal
        if p < x_end and p < y_end and set(x[p:x_end]).isdisjoint(y) and set(y[p:y_end]).isdisjoint(x):
            out.append((alo + p, alo + x_end, blo + p, blo + y_end))
            continue
        i, j, k = _longest_match(x, y)
        if not k:
            out.append((alo, ahi, blo, bhi))
            continue
        todo.append((alo, alo + i, blo, blo + j))
        todo.append((alo + i + k, ahi, blo + j + k, bhi))
    out.sort()
    return out


def _longest_match(a, b) -> tuple[int, int, int]:
    """``SequenceMatcher(None, a, b, autojunk=False).find_longest_match()``: the
    longest common block, the earliest in ``a``, then in ``b`` (its algorithm)."""
    b2j: dict = {}
    for j, item in enumerate(b):
        b2j.setdefault(item, []).append(j)
    besti = bestj = bestsize = 0
    j2len: dict[int, int] = {}
    nothing: list[int] = []
    for i, item in enumerate(a):
        get = j2len.get
        new: dict[int, int] = {}
        for j in b2j.get(item, nothing):
            k = new[j] = get(j - 1, 0) + 1
            if k > bestsize:
                besti, bestj, bestsize = i - k + 1, j - k + 1, k
        j2len = new
    return besti, bestj, bestsize


def _widen(old: str, new: str, hunks: list[tuple[int, int, str]],
           units: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Widen edits (of ``old`` into ``new``) so that none cuts a unit of ``old``
    (e.g. an entity); edits that come to overlap merge.

    >>> _widen("a &amp; b", "a & b", [(3, 7, "")], [(2, 7)])
    [(2, 7, '&')]
    """
    if not units:
        return hunks
    spans = sorted([a, b] for a, b, _ in hunks)
    for us, ue in units:
        for span in spans:
            if us < span[1] and span[0] < ue:
                span[0], span[1] = min(span[0], us), max(span[1], ue)
    merged: list[list[int]] = []
    for a, b in sorted(spans):
        if merged and a < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    # a boundary outside every hunk maps to new by the length change of the hunks before it
    deltas = [(b, len(n) - (b - a)) for a, b, n in hunks]

    def to_new(pos: int) -> int:
        return pos + sum(d for end, d in deltas if end <= pos)

    return [(a, b, new[to_new(a):to_new(b)]) for a, b in merged]


def _classify(old: str, new: str, steps: set[str]) -> tuple[str, str]:
    """The rule code and reason of one edit, from its content and ftfy's plan."""
    shown = f"{old!r} -> {new!r}"
    if _SURROGATE_RE.search(old):
        return "ENC008", f"surrogate code points repaired: {shown}"
    if new == "" and old and all(c in INVISIBLE for c in old):
        return "ENC004", f"invisible character removed: {old!r}"
    if new == "" and old and all(_CONTROL_RE.match(c) for c in old):
        return "ENC003", f"control character removed: {old!r}"
    if old.startswith("\x1b") and "apply:remove_terminal_escapes" in steps:
        return "ENC003", f"terminal escape removed: {old!r}"
    if "&" in old and ";" in old and "apply:unescape_html" in steps:
        return "ENC002", f"HTML entity decoded: {shown}"
    if _COMPAT_RE.search(old):
        return "ENC007", f"compatibility character replaced: {shown}"
    if unicodedata.normalize("NFC", old) == new and old != new:
        return "ENC006", f"Unicode normalised to NFC: {shown}"
    return "ENC001", f"mojibake repaired: {shown}"
