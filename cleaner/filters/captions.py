"""Captions and photo credits: credit lines, captions ending in a credit, and
captions that repeat a sentence of the body.

The rules are about form, not content:

- a line that *is* a credit (``Foto: dpa``, ``© Reuters``, ``Photo by Jane Doe via
  Getty Images``, ``Kyle Ross/USA TODAY Sports``, ``(File photo)``) goes (CAP101);
- a line that *ends* in a credit (``… Bild: Keystone``, ``… (Representative)``,
  ``…(Foto: SLF/Dürr; 14.01.2022).``) is a caption and goes whole when the text
  before the credit is caption-sized (CAP102); a long paragraph that ends in a
  credit keeps its text and loses only the credit (CAP103);
- a short line that repeats most of the words of a longer body sentence (a caption
  copied from the lede) goes (CAP201).

Credit labels, markers and agency names are data (``cleaner/data/captions/``), in
English, German, French, Spanish, Italian, Portuguese, Dutch, Polish and Russian.

>>> from cleaner import Pipeline
>>> text = ("Storm closes schools\\nFoto: dpa\\n"
...         "The storm that reached the coast on Monday closed schools in three counties.\\n")
>>> [c.code for c in Pipeline([Captions()])(text).report.changes]
['CAP101']
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from itertools import chain
from typing import Iterator

from cleaner import resources
from cleaner.filters.base import Filter, register
from cleaner.findings import Annotation, Finding, Remove
from cleaner.rules import Rule
from cleaner.text import WORD_RE, line_removal, lines

_KNOWN = ("a short sentence that really ends in a credit-like phrase (`… said the photographer: "
          "Smith`) can be taken for a caption; labels need a colon or a preposition and a "
          "capitalised name after them, so prose that merely mentions photos stays.")
_RULES = (
    Rule("CAP101", "credit-line", "A line that is only an image credit was removed.", "removed",
         fixable=True,
         doc="What: a whole line that is a photo credit: a credit label and a name (`Photo: "
             "Reuters`, `Foto: dpa`, `Bild: Keystone`, `Crédit photo : AFP`), a copyright line "
             "(`© Jane Doe`), `Photo by NAME via Getty Images`, `NAME/AGENCY`, or a marker alone "
             "(`(File photo)`, `Symbolbild`, `Imagen de archivo`).\n\nWhy: credits are page "
             f"furniture, not text.\n\nKnown problems: {_KNOWN}\n\nExample: `Foto: dpa`.\n\n"
             "Fix safety: safe."),
    Rule("CAP102", "caption-with-credit", "An image caption ending in a credit was removed.",
         "removed", fixable=True,
         doc="What: a line of caption size (at most `caption_max_words` words before the credit) "
             "that ends in a credit or a representative-image marker.\n\nWhy: the caption "
             "describes a picture that is not there and often repeats the body.\n\nKnown "
             f"problems: {_KNOWN}\n\nExample: `Three Iraqi children and two women from the same "
             "family were killed on Monday. (Representative)`.\n\nFix safety: safe for corpus "
             "building."),
    Rule("CAP103", "credit-suffix", "A credit at the end of a paragraph was trimmed; the text stays.",
         "removed", fixable=True,
         doc="What: a long paragraph (more than `caption_max_words` words) that ends in a credit "
             "keeps its text and loses the credit.\n\nKnown problems: none known.\n\nExample: "
             "`… on Tuesday. Foto: dpa` -> `… on Tuesday.`\n\nFix safety: safe."),
    Rule("CAP201", "duplicate-caption", "A short line repeating a body sentence (a caption copy) "
         "was removed.", "removed", fixable=True,
         doc="What: a short line (at most `duplicate_max_words` words) whose words are, for the "
             "most part (`duplicate_overlap`), the words of a longer prose line elsewhere in "
             "the document, at most `duplicate_window` lines away: a caption that copies the lede.\n\nWhy: it repeats the text and "
             "breaks the article's flow.\n\nKnown problems: a short standfirst that restates "
             "the first paragraph is removed too; headings are not (they are not sentences).\n\n"
             "Example: `Three Iraqi children were killed on Monday.` before `Three Iraqi "
             "children were killed on Monday when a missile struck their home, the army said.`"
             "\n\nFix safety: safe for corpus building."),
)

_SENT_END = ".!?…\"”’»)"
_SENT_ENDS = tuple(_SENT_END)


@lru_cache(maxsize=1)
def _data() -> dict[str, object]:
    labels, bys, marks = set(), set(), set()
    for raw in resources.lines("captions/markers.txt"):
        kind, _, phrase = raw.partition(" ")
        phrase = phrase.strip().lower()
        {"label": labels, "by": bys, "mark": marks}[kind].add(phrase)
    agencies = sorted({a.lower() for a in resources.lines("captions/agencies.txt")}, key=lambda a: (-len(a), a))

    def alt(items) -> str:
        return "|".join(re.escape(x) for x in sorted(items, key=lambda x: (-len(x), x)))

    lab, by, mark, ag = alt(labels), alt(bys), alt(marks), alt(agencies)
    name = r"(?P<name>[^\n]{1,100})"
    # Suffix credits, tried on the tail of a line. Each pattern is anchored at the
    # end; repetitions are bounded, so the cost per line is constant. A pattern
    # with a ``name`` group is accepted only if the name looks like one.
    suffix = [
        # "(Foto: SLF/Dürr; 14.01.2022)." / "Bild: Keystone" / "- Bild: PIRO4D / Pixabay"
        re.compile(rf"(?:^|(?<=[\s.!?…»\"”)\]]))[(\[]?(?i:{lab})\s{{0,2}}[:：|]\s{{0,3}}{name}$"),
        # "Photo by Jane Doe via Getty Images" / "Foto von Max"
        re.compile(rf"(?:^|(?<=[\s.!?…»\"”)\]]))[(\[]?(?i:{by})\s{{1,3}}{name}$"),
        # "© Hoklatherm" / ".© Rike/pixelio.de"
        re.compile(r"[(\[]?(?:©|\([cC]\)|(?i:copyright)\s©?)\s{0,3}(?P<name>[^\n©]{1,80})$"),
        # "(AP Photo/John Doe)": an agency inside brackets with a slash or a photo word
        re.compile(rf"(?:^|(?<=[\s.!?…»\"”]))[(\[][^()\[\]\n]{{0,60}}\b(?i:{ag})\b\s{{0,2}}(?i:photo|foto|images?|/)[^()\[\]\n]{{0,60}}[)\]]$"),
        # "picture alliance | Andrew Milligan" / "Getty Images / Jane Doe"
        re.compile(rf"(?:^|(?<=[\s.!?…»\"”)\]]))(?i:{ag})\s{{0,2}}[|/]\s{{0,2}}{name}$"),
        # "(Representative)" / "Representative image" / "File photo" / glued "…Saber.Cedida"
        re.compile(rf"(?:^|(?<=[\s.!?…»\"”)\]]))[(\[]?(?i:{mark})[)\]]?$"),
        # "Kyle Ross/USA TODAY Sports", "APA/Georg Hochmuth": NAME/NAME, checked in _plausible_pair
        re.compile(r"(?:^|(?<=[.!?…»\"”]\s)|(?<=[.!?…»\"”]))(?P<pair>(?:[A-ZÀ-Þ][\w.'’-]{0,20}\s){0,3}"
                   r"[A-ZÀ-Þ][\w.'’-]{0,20}\s?/\s?(?:[A-ZÀ-Þ0-9][\w.'’&-]{0,20}\s?){1,4})$"),
    ]
    # a suffix pattern's match ends at the end of the line and is at most this long,
    # so the search can start that far from the end instead of at the tail's start
    widths = [_max_width(rx) for rx in suffix]
    return {"labels": labels, "bys": bys, "marks": marks, "agencies": set(agencies), "suffix": suffix,
            "suffix_widths": widths, "mark_suffixes": tuple(sorted(marks)),
            # a "by" phrase anywhere in the lower-cased tail: one pattern of literals
            # instead of a substring test per phrase
            "by_re": re.compile("|".join(re.escape(b) for b in sorted(bys, key=lambda b: (-len(b), b))))}


def _max_width(rx: re.Pattern[str]) -> int | None:
    """The longest match of ``rx`` (None if unbounded or not known)."""
    try:
        from re import _parser  # type: ignore[attr-defined]

        width = _parser.parse(rx.pattern, rx.flags).getwidth()[1]
    except Exception:  # noqa: BLE001 - another Python: no bound, the plain search
        return None
    return width if width < _parser.MAXREPEAT else None


_TAIL = 220  # credits sit at the end of a line: only the tail is searched
_CREDIT_MAX_WORDS = 14


_TRIGGER_CHARS = frozenset(":：©/|(")


def _might_have_credit(text: str, pos: int) -> bool:
    """Cheap pre-check: every credit pattern needs one of ``: © / | (`` in the
    tail, a "by" phrase, or a marker word at the very end."""
    tail = text[pos:]
    if not _TRIGGER_CHARS.isdisjoint(tail):
        return True
    low = tail.lower()
    data = _data()
    if data["by_re"].search(low):  # type: ignore[union-attr]
        return True
    return low.rstrip(" .)]").endswith(data["mark_suffixes"])  # type: ignore[arg-type]


def find_credit(line: str) -> int | None:
    """Start offset of a credit at the end of ``line``, or None.

    >>> line = "Motivierte Akteure beim Netzwerktreffen. Foto: Energiewende Oberland"
    >>> line[find_credit(line):]
    'Foto: Energiewende Oberland'
    >>> find_credit("The photo shows the river in spring.") is None
    True
    """
    text = line.rstrip()
    if not text:
        return None
    pos = max(0, len(text) - _TAIL)
    if not _might_have_credit(text, pos):
        return None
    best = None
    data = _data()
    n = len(text)
    for rx, width in zip(data["suffix"], data["suffix_widths"]):  # type: ignore[call-overload]
        m = rx.search(text, pos if width is None else max(pos, n - width))
        if m is None:
            continue
        groups = m.groupdict()
        if groups.get("name") is not None and not _plausible_name(groups["name"]):
            continue
        if groups.get("pair") is not None and not _plausible_pair(groups["pair"]):
            continue
        credit = text[m.start():]
        if len(credit.split()) > _CREDIT_MAX_WORDS:
            continue
        if best is None or m.start() < best:
            best = m.start()
    return best


_NAME_STOP = frozenset("""the a an it is was were are be this that these those and or but of to in on at for with
der die das ein eine ist war sind und oder le la les un une est et il elle el los las es y
il lo gli è e""".split())


def _plausible_name(name: str) -> bool:
    """A credit's name: short, starts like a name (capital, digit, ©) or is an
    agency/handle/domain, and reads as a name rather than a clause."""
    name = name.strip().strip("()[]").strip()
    ws = name.split()
    if not ws or len(ws) > 10:
        return False
    if sum(w.lower().strip(",.;:") in _NAME_STOP for w in ws) >= 2:
        return False
    first = ws[0]
    if first[0].isupper() or first[0].isdigit() or first[0] == "©":
        return True
    low = name.lower()
    return any(low.startswith(a) for a in _data()["agencies"]) or "/" in first or "." in first.strip(".")  # type: ignore[union-attr]


def _plausible_pair(pair: str) -> bool:
    """``NAME/AGENCY``: one side is a known agency, or the left is a person's name."""
    left, _, right = pair.partition("/")
    agencies = _data()["agencies"]
    if left.strip().lower() in agencies or right.strip().lower() in agencies:  # type: ignore[operator]
        return True
    # "Kyle Ross/USA TODAY Sports": a person's name glued to the slash (titles such
    # as "Thai Pandan Chicken / Gai Haw" put spaces around it)
    return (len(left.split()) >= 2 and len(pair.split()) >= 3
            and not left.endswith(" ") and not right.startswith(" "))


@register
class Captions(Filter):
    """Remove image captions and photo credits (see the module docstring).

    ``caption_max_words``: a line ending in a credit with at most this many words
    before the credit is a caption and goes whole; longer lines lose only the credit.
    ``duplicate_max_words`` / ``duplicate_overlap`` / ``duplicate_min_words`` /
    ``duplicate_window``: the duplicate-caption rule (CAP201: the repeated body
    sentence must stand within ``duplicate_window`` lines); ``duplicates`` switches
    it off.
    """

    name = "captions"
    stage = 25  # before boilerplate: its main-block decisions then see the text without captions
    rules = _RULES

    caption_max_words: int = 45
    duplicates: bool = True
    duplicate_max_words: int = 40
    duplicate_min_words: int = 5
    duplicate_overlap: float = 0.8
    duplicate_window: int = 4
    max_lines_for_duplicates: int = 5000

    def find(self, doc) -> Iterator[Finding]:
        text = doc.text
        spans = [s for s in lines(text) if s.text.strip()]
        removed: set[int] = set()
        n_credit = n_suffix = n_dup = 0
        for i, s in enumerate(spans):
            start = find_credit(s.text)
            if start is None:
                continue
            before = s.text[:start].strip()
            credit = s.text[start:].strip()
            words_before = len(WORD_RE.findall(before))
            if words_before == 0:
                a, b = line_removal(text, s)
                yield Remove(a, b, "CAP101", f"image credit line: {credit[:60]!r}", {"credit": credit[:120]})
                removed.add(i)
                n_credit += 1
            elif words_before <= self.caption_max_words:
                a, b = line_removal(text, s)
                yield Remove(a, b, "CAP102", f"caption ending in a credit ({credit[:60]!r})",
                             {"credit": credit[:120], "caption_words": words_before})
                removed.add(i)
                n_credit += 1
            else:
                # keep the text: remove the credit and the space before it
                cut = start
                while cut > 0 and s.text[cut - 1] in " \t-–—|":
                    cut -= 1
                yield Remove(s.start + cut, s.end, "CAP103", f"credit at the end of a paragraph: {credit[:60]!r}",
                             {"credit": credit[:120]})
                n_suffix += 1
        if self.duplicates and len(spans) <= self.max_lines_for_duplicates:
            # Removing a copy changes which lines stand near each other: judge what
            # is left again until nothing changes (what a second run would do).
            # page chrome (comment forms, share lines… that the boilerplate filter
            # removes) does not count as a neighbour: windows must not depend on it
            from cleaner.filters.boilerplate import phrase_book
            from cleaner.text import normalize

            toks = [[w.lower() for w in WORD_RE.findall(s.text)] for s in spans]
            sentence = [s.text.rstrip().endswith(_SENT_ENDS) for s in spans]
            need = self._chrome_needed(toks, sentence, removed)
            dups: set[int] = set()
            if need is None or need:
                book = phrase_book()

                def chrome(i: int) -> bool:
                    return book.match(normalize(spans[i].text), spans[i].text) is not None

                if need is None:
                    need = range(len(spans))
                else:  # and the lines before the first one that is not chrome
                    first = set()
                    for i in range(len(spans)):
                        if i in removed:
                            continue
                        first.add(i)
                        if not chrome(i):
                            break
                    need = need | first
                alive = [i for i in range(len(spans)) if i not in removed and not (i in need and chrome(i))]
                for _ in range(8):
                    sub = [spans[i] for i in alive]
                    new = {alive[k] for k in self._duplicates(sub, set(), [toks[i] for i in alive])}
                    if not new:
                        break
                    dups |= new
                    alive = [i for i in alive if i not in new]
            for i in sorted(dups):
                a, b = line_removal(text, spans[i])
                yield Remove(a, b, "CAP201", "short line repeating a sentence of the body (a caption copy)")
                n_dup += 1
        if n_credit or n_suffix or n_dup:
            yield Annotation("captions", {"credit_lines": n_credit, "credit_suffixes": n_suffix,
                                          "duplicates": n_dup})

    def _chrome_needed(self, toks: list[list[str]], sentence: list[bool], removed: set[int]) -> set[int] | None:
        """The lines whose page-chrome status can change which lines CAP201 removes:
        empty when no line can be a copy whatever the chrome, None when it cannot
        be told cheaply (then every line's status is needed).

        A short line can be removed only as a copy of a prose line that has, of its
        distinct words, at least ``duplicate_overlap`` (words on more than 50 prose
        lines do not count; with at most 50 prose lines there are none such). These
        pairs do not depend on the chrome; what does is whether the two are alive
        and how many alive lines stand between them: so the lines from the one to
        the other are needed, nothing else (and where the alive lines begin, which
        the caller adds)."""
        n = len(toks)
        prose = [j for j in range(n) if len(toks[j]) >= 12 and sentence[j] and j not in removed]
        if not prose:
            return set()
        if len(prose) > 50:
            return None
        index: dict[str, list[int]] = {}
        for j in prose:
            for w in set(toks[j]):
                index.setdefault(w, []).append(j)
        need: set[int] = set()
        least = max(1, self.duplicate_min_words - 1)
        for i in range(n):
            t = toks[i]
            if i in removed or not sentence[i] or not (self.duplicate_min_words <= len(t) <= self.duplicate_max_words):
                continue
            words = set(t)
            if len(words) < least:
                continue
            counts = Counter(chain.from_iterable(map(index.get, words & index.keys())))
            for j, c in counts.items():
                if j != i and len(toks[j]) > len(t) and c / len(words) >= self.duplicate_overlap:
                    need.update(range(min(i, j), max(i, j) + 1))
        return need

    def _duplicates(self, spans, removed: set[int], toks: list[list[str]] | None = None) -> Iterator[int]:
        if toks is None:
            toks = [[w.lower() for w in WORD_RE.findall(s.text)] for s in spans]
        prose = [j for j, t in enumerate(toks)
                 if len(t) >= 12 and spans[j].text.rstrip().endswith(_SENT_ENDS) and j not in removed]
        if not prose:
            return
        index: dict[str, list[int]] = {}
        for j in prose:
            for w in set(toks[j]):
                index.setdefault(w, []).append(j)
        for i, t in enumerate(toks):
            if i == 0 or i in removed or not (self.duplicate_min_words <= len(t) <= self.duplicate_max_words):
                continue
            if not spans[i].text.rstrip().endswith(_SENT_ENDS):
                continue  # headings and titles are not captions of this kind
            words = set(t)
            counts: dict[int, int] = {}
            for w in words:
                postings = index.get(w, ())
                if len(postings) > 50:
                    continue  # stop words: too common to tell anything
                for j in postings:
                    if j != i and abs(j - i) <= self.duplicate_window and len(toks[j]) > len(t):
                        counts[j] = counts.get(j, 0) + 1
            if not counts:
                continue
            rare = [w for w in words if len(index.get(w, ())) <= 50]
            if not rare:
                continue
            best = max(counts.values())
            if best / len(rare) >= self.duplicate_overlap and len(rare) >= self.duplicate_min_words - 1:
                yield i
