"""Final layout: tidy the blank space other filters' removals leave behind.

Runs last. Collapses runs of blank lines to one blank line, removes blank space
at the start and end of the document, and drops a document with nothing left.

>>> from cleaner import Pipeline
>>> Pipeline([Layout()])("\\n\\nTitle\\n\\n\\n\\nBody.\\n\\n").text
'Title\\n\\nBody.\\n'
"""

from __future__ import annotations

import re
from typing import Iterator

from cleaner.filters.base import Filter, register
from cleaner.findings import DocumentFlag, Finding, Remove
from cleaner.rules import Rule

# three or more line breaks, possibly with spaces between them
_BLANK_RUN_RE = re.compile(r"\n[ \t\u00a0]*\n(?:[ \t\u00a0]*\n)+")
_LEADING_RE = re.compile(r"\A\s+")


@register
class Layout(Filter):
    name = "layout"
    stage = 95
    rules = (
        Rule("WS001", "blank-lines", "A run of blank lines was reduced to one blank line.",
             "removed", fixable=True, check=False,
             doc="What: two or more consecutive blank lines become one.\n\nWhy: removals "
                 "leave gaps; one blank line is the paragraph separator.\n\nFix safety: safe."),
        Rule("WS002", "edge-whitespace",
             "Blank space at the start or end of the document was trimmed (one final newline kept).",
             "removed", fixable=True, check=False,
             doc="What: leading whitespace is removed and trailing whitespace becomes a single "
                 "newline.\n\nFix safety: safe."),
        Rule("WS003", "empty-document", "Nothing is left of the document after cleaning.",
             "flagged", check=False,
             doc="What: the cleaned text is empty or blank; the document is dropped.\n\n"
                 "Fix safety: not fixable; a verdict input."),
    )

    def find(self, doc) -> Iterator[Finding]:
        text = doc.text
        if not text.strip():
            if text:
                yield Remove(0, len(text), "WS002", "document is blank")
            yield DocumentFlag("WS003", "nothing left after cleaning", drop=True)
            return
        lead = _LEADING_RE.match(text)
        lead_end = lead.end() if lead else 0
        # keep the indentation of the first line, drop only the blank lines before it
        if lead:
            lead_end = text.rfind("\n", 0, lead_end) + 1
            if lead_end:
                yield Remove(0, lead_end, "WS002", "blank space at the start of the document")
        # the trailing blank space, from rstrip (the white space of ``\s``): a search for
        # ``\s+\Z`` tries every position of a long inner run of blanks (quadratic)
        trail_start = len(text)
        stripped = len(text.rstrip())
        if stripped < trail_start and text[stripped:] != "\n":
            # keep one final newline if there was one, nothing else
            trail_start = stripped
            nl = text.find("\n", trail_start)
            if nl < 0:
                yield Remove(trail_start, len(text), "WS002", "blank space at the end of the document")
            else:
                if nl > trail_start:
                    yield Remove(trail_start, nl, "WS002", "blank space at the end of the document")
                if nl + 1 < len(text):
                    yield Remove(nl + 1, len(text), "WS002", "blank space at the end of the document")
        for m in _BLANK_RUN_RE.finditer(text, lead_end, trail_start):
            # keep "\n\n": remove what lies between the first and the last line break
            last_nl = m.end() - 1
            first_end = m.start() + 1
            yield Remove(first_end, last_nl, "WS001", "run of blank lines")
