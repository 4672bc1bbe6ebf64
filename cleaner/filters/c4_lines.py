"""C4's line rules as removals (not in the default pipeline).

C4 (Raffel et al. 2020) keeps only lines that end in terminal punctuation, have
enough words, and do not mention javascript or a cookie/terms-of-use phrase; it
also strips Wikipedia citation marks. Here every line it drops is a removal in
the change record, like any other filter's, so the report shows what C4 would
take out. The document-level C4 rules (too few sentences, "lorem ipsum", "{")
are quality rules (Q130-Q135, rule sets ``c4`` / ``c4-datatrove``).

Not in the default pipeline: on real pages it removes headlines, datelines
("Baghdad, Iraq:") and captions that are content. Enable it with
``enable = ["c4_lines"]``.

>>> from cleaner import Pipeline
>>> Pipeline([C4Lines()])("Menu\\nThe cat sat on the mat today.[1]\\nShare\\n").text
'The cat sat on the mat today.\\n'
"""

from __future__ import annotations

import re
from typing import Iterator, Literal

from cleaner.filters.base import Filter, register
from cleaner.filters.quality import rule_table
from cleaner.findings import Finding, Remove
from cleaner.rules import Rule
from cleaner.text import line_removal, lines

_CITATION_RE = re.compile(r"\[\d{0,10}\]|\[edit\]|\[citation needed\]")


def _doc(what: str, why: str, problems: str, example: str, safety: str) -> str:
    return f"What: {what}\n\nWhy: {why}\n\nKnown problems: {problems}\n\nExample: {example}\n\nFix safety: {safety}"


_WHY = "C4's line rules (the reference code in tensorflow_datasets c4_utils, as datatrove's C4QualityFilter)."
_RULES = (
    Rule("Q201", "c4-no-terminal-punctuation",
         "A line not ending in terminal punctuation (or ending in `...`) was removed (C4).", "removed",
         doc=_doc("removes every line that does not end in `.`, `?`, `!` or `\"` (datatrove variant: "
                  "also `'`), and every line ending in `...`.", _WHY + " Menus, buttons and headings "
                  "rarely end a sentence.", "Removes headlines, datelines (`Baghdad, Iraq:`), list items "
                  "and every line of languages with other end marks (`。`, `।`).",
                  "`Home | News | Sport` is removed.", "unsafe: content is lost; not in the default pipeline.")),
    Rule("Q202", "c4-few-words", "A line with too few words was removed (C4: fewer than 5; datatrove: 3).",
         "removed",
         doc=_doc("removes lines with fewer than `min_words_per_line` whitespace-separated words.", _WHY,
                  "Short sentences (`He left.`) and languages written without spaces.",
                  "`Read more.` is removed.", "unsafe: not in the default pipeline.")),
    Rule("Q203", "c4-javascript", "A line mentioning `javascript` was removed (C4).", "removed",
         doc=_doc("removes lines containing `javascript` (any case).", _WHY + " `Please enable "
                  "JavaScript` notices.", "Articles about JavaScript lose their sentences.",
                  "`Please enable JavaScript to view the comments.` is removed.",
                  "unsafe: not in the default pipeline.")),
    Rule("Q204", "c4-policy", "A line with a cookie or terms-of-use phrase was removed (C4).", "removed",
         doc=_doc("removes lines containing `terms of use`, `privacy policy`, `cookie policy`, `uses "
                  "cookies`, `use of cookies` or `use cookies` (`data/quality/rules.json`).", _WHY,
                  "English phrases only, as in C4; articles about privacy lose sentences.",
                  "`This site uses cookies.` is removed.", "unsafe: not in the default pipeline.")),
    Rule("Q205", "c4-long-word", "A line with a word over 1000 characters was removed (C4).", "removed",
         doc=_doc("removes lines with a whitespace-separated word longer than `max_word_length`.", _WHY +
                  " Base64, minified code.", "None known.", "a line with a data: URI is removed.",
                  "safe for prose.")),
    Rule("Q206", "c4-citation", "A Wikipedia citation mark (`[1]`, `[edit]`, `[citation needed]`) was removed.",
         "removed", fixable=True,
         doc=_doc("removes `[12]`, `[edit]` and `[citation needed]` inside lines that stay.", _WHY,
                  "Bracketed numbers that are not citations (`array[3]`) go too.",
                  "`Paris is the capital.[1]` -> `Paris is the capital.`", "safe for prose.")),
)


@register
class C4Lines(Filter):
    """Remove the lines C4's line rules drop; ``variant`` picks the reference
    code's parameters (``c4``: 5 words per line, end marks . ? ! ") or datatrove's
    (``c4_datatrove``: 3 words, and ' as an end mark)."""

    name = "c4_lines"
    stage = 85
    default = False
    rules = _RULES

    variant: Literal["c4", "c4_datatrove"] = "c4"
    remove_citations: bool = True

    def find(self, doc) -> Iterator[Finding]:
        params = rule_table()["c4_variants"][self.variant]
        end_marks = tuple(params["end_marks"])
        min_words = params["min_words_per_line"]
        max_len = params["max_word_length"]
        policy = rule_table()["c4_policy_phrases"]
        text = doc.text
        for ln in lines(text):
            line = ln.text.strip()
            if not line:
                continue  # blank lines separate paragraphs; the layout filter tidies them
            words = line.split()
            cut = _classify(line, words, end_marks, min_words, max_len, policy)
            if cut:
                code, reason = cut
                yield Remove(*line_removal(text, ln), code, reason)
            elif self.remove_citations and "[" in line:
                for m in _CITATION_RE.finditer(ln.text):
                    yield Remove(ln.start + m.start(), ln.start + m.end(), "Q206", f"citation mark {m.group()!r}")


def _classify(line: str, words: list[str], end_marks: tuple[str, ...], min_words: int, max_len: int,
              policy: list[str]) -> tuple[str, str] | None:
    """The code and reason for dropping ``line`` (stripped), or None to keep it.

    >>> _classify("Home | News", ["Home", "|", "News"], (".",), 5, 1000, [])
    ('Q201', 'line does not end in terminal punctuation')
    """
    if max(map(len, words)) > max_len:
        return "Q205", f"a word longer than {max_len} characters"
    bare = _CITATION_RE.sub("", line) if "[" in line else line
    if not bare.endswith(end_marks) or bare.endswith("..."):
        return "Q201", "line does not end in terminal punctuation"
    if len(words) < min_words:
        return "Q202", f"{len(words)} words, fewer than {min_words}"
    low = bare.lower()
    if "javascript" in low:
        return "Q203", "line mentions javascript"
    for p in policy:
        if p in low:
            return "Q204", f"line contains {p!r}"
    return None
