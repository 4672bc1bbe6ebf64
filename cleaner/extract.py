"""HTML input: extract the main text of a page, then clean it like any text.

The extracted text becomes the Document's original (offsets in the report point
into it); what the extractor dropped is reported under
``annotations.extraction``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from cleaner import resources

from cleaner.document import Document, Metadata

EXTRACTORS = ("justext", "trafilatura")
MAX_HTML_CHARS = 20_000_000  # larger pages are rejected, not parsed (lxml and jusText are superlinear)


def extract_document(html: str, *, extractor: str = "justext", id: str | None = None,
                     url: str | None = None, lang: str | None = None, source: str | None = None) -> Document:
    """A Document holding the main text of ``html``, with an extraction report."""
    if extractor not in EXTRACTORS:
        raise ValueError(f"unknown extractor {extractor!r}; available: {', '.join(EXTRACTORS)}")
    if len(html) > MAX_HTML_CHARS:
        from cleaner.errors import InputError

        raise InputError(f"HTML page of {len(html):,} characters exceeds the limit of "
                         f"{MAX_HTML_CHARS:,} (cleaner.extract.MAX_HTML_CHARS)")
    text, info = _justext(html, lang) if extractor == "justext" else _trafilatura(html)
    doc = Document(text, Metadata(id=id, source=source, url=url, lang=lang, format="html"))
    doc.annotate("extraction", info)
    return doc


def _justext(html: str, lang: str | None) -> tuple[str, dict[str, Any]]:
    """jusText's classification, read inclusively and with the page's structure.

    1. **DOM hints.** A paragraph inside an element that names page chrome — a
       ``<nav>``, ``<footer>`` or ``<aside>``, a navigation/complementary/
       contentinfo/banner role, a class or id word such as ``sidebar``, ``menu``,
       ``share``, ``comments``, ``related``, ``author`` (``boilerplate/
       html_hints.list``) — is dropped, unless that element holds more than half
       of the page's text (a wrapper like ``<body class="has-sidebar">``).
    2. **jusText, read inclusively**: its good paragraphs plus the non-link
       paragraphs between the first and the last good one (headings, datelines,
       short paragraphs, list items that jusText calls short or bad inside the
       article), and the few right before the first (title, dateline). The text
       filters that run next remove the debris among them; jusText alone drops
       too much real content for a corpus.
    3. **Tables and lists as units** (:func:`_units`): a grid table (rows of
       cells, not a layout table) is written as rows, its cells tab-separated;
       a grid or a list that overlaps or touches the article is kept whole (not
       its link items, nor the chrome), and so is a table of data inside an
       ``<article>``/``<main>``; a link grid, a menu or a calendar is not.
    """
    from cleaner.filters.boilerplate import stoplist

    if not html.strip():
        return "", {"extractor": "justext", "paragraphs": 0, "dropped": []}
    stop = stoplist(lang)  # all stoplists when the language is not declared
    try:
        paragraphs, total = _justext_paragraphs(html, stop)
    except Exception as exc:  # noqa: BLE001 - lxml raises many types on broken markup
        return "", {"extractor": "justext", "error": f"{type(exc).__name__}: {exc}", "dropped": []}
    texts = [p.text for p in paragraphs]  # jusText joins and normalises a paragraph's text at each call
    chrome = [_chrome_hint(p, total) for p in paragraphs]
    in_captions = sum(len(t) for t, c in zip(texts, chrome) if c is not None and c.startswith(CAPTION))
    if in_captions > CHROME_MAX_SHARE * max(1, sum(map(len, texts))):
        # most of the page's text is in caption elements: a gallery or a listicle, whose captions are its text
        chrome = [None if c is not None and c.startswith(CAPTION) else c for c in chrome]
    good = [i for i, p in enumerate(paragraphs) if p.class_type == "good" and chrome[i] is None]
    if not good:  # a short page: jusText's context rule leaves nothing; take its near-good text
        for i, p in enumerate(paragraphs):
            if p.cf_class in ("good", "neargood") and chrome[i] is None:
                p.class_type = "good"
        good = [i for i, p in enumerate(paragraphs) if p.class_type == "good" and chrome[i] is None]
    lo, hi = (good[0] - TITLE_PARAGRAPHS, good[-1]) if good else (1, 0)
    units, whole = _units(paragraphs, texts, chrome, good)
    kept, dropped = [], []
    grid_rows: list[list[str]] = []  # the rows of the grid table being written: its cells' texts
    grid = row = None
    for i, p in enumerate(paragraphs):
        unit = units[i] if units[i] in whole else None
        text = texts[i]
        density = p.chars_count_in_links / len(text) if text else 0  # jusText's links_density()
        if chrome[i] is None and (p.class_type == "good" or (unit is not None and unit.kind == "grid")
                                  or ((lo <= i <= hi or unit is not None) and density < 0.5)):
            cell = p.cell if units[i] is not None and units[i].kind == "grid" else None
            if cell is None or cell[0] is not grid:  # not the grid being written: close it
                if grid_rows:
                    kept.append("\n".join("\t".join(r) for r in grid_rows))
                grid_rows, grid, row = [], None, None
            if cell is None:
                kept.append(text)
                continue
            grid = cell[0]
            if cell[1] is None or cell[1] != row:
                grid_rows.append([])
                row = cell[1]
            grid_rows[-1].append(text)
        else:
            dropped.append({"text": text[:200], "class": p.class_type, "context_free_class": p.cf_class,
                            "link_density": round(density, 3), "xpath": p.xpath,
                            "why": _why(p, lo <= i <= hi, chrome[i])})
    if grid_rows:
        kept.append("\n".join("\t".join(r) for r in grid_rows))
    return "\n\n".join(kept), {"extractor": "justext", "stoplist": lang or "all",
                                "paragraphs": len(paragraphs), "dropped": dropped}


def _units(paragraphs, texts: list[str], chrome: list[str | None],
           good: list[int]) -> tuple[list["_Group | None"], set]:
    """Each paragraph's unit — the outermost grid table or list around it — and
    the units that are kept whole.

    A **grid** is a table of rows of cells: two rows or more, most of them with
    two cells or more, no table inside, at most ``GRID_CELL_PARAGRAPHS``
    paragraphs a cell (a layout table holds a page's columns, not cells). A
    **list** is a ``<ul>``, ``<ol>`` or ``<dl>`` with no table inside and at most
    ``GRID_CELL_PARAGRAPHS`` paragraphs an item (a list of teasers or a wrapper
    of the page is no unit) and at most half of the page's text (a page that is
    a list is read item by item, as jusText reads it).

    jusText judges their rows one short cell or item at a time and calls them
    bad. Read as a whole, a unit whose link density is below 0.5 is kept when it
    overlaps or touches the article (jusText's ``good`` paragraphs, first to
    last) and holds less text than they do (a part of the article, not a page
    section of its own next to a short text), and so is a grid of data cells (see
    :func:`_data_grid`) inside an ``<article>`` or ``<main>`` element. The
    page's chrome is still dropped, and so are the link items of a list.
    Linear: every group is visited once, its totals added to the group around it."""
    groups: list[_Group] = []
    total = 0
    for i, p in enumerate(paragraphs):  # each paragraph's text counts in its innermost group
        g, size = p.group, len(texts[i])
        if chrome[i] is None:
            total += size
        if g is None:
            continue
        if g.first < 0:
            g.first = i
        g.last = i
        if chrome[i] is None:
            g.chars += size
            g.links += p.chars_count_in_links
        cell = p.cell
        if cell is not None and cell[0] is g and cell[2] is not None:
            g.cell_pars[cell[2]] = g.cell_pars.get(cell[2], 0) + 1
            if chrome[i] is None:
                g.cell_chars += size
                g.filled += g.cell_pars[cell[2]] == 1
        elif p.item is not None and p.item[0] is g:
            g.cell_pars[p.item[1]] = g.cell_pars.get(p.item[1], 0) + 1
        while g is not None and g.serial >= 0:  # every group once, O(groups) in all
            groups.append(g)
            g.serial = -1 - g.serial
            g = g.up
    groups.sort(key=lambda g: -g.serial)  # the order the walk opened them: an element before those inside it
    for g in reversed(groups):  # and then into the groups around them
        up = g.up
        if up is not None and g.first >= 0:
            up.first = g.first if up.first < 0 else min(up.first, g.first)
            up.last = max(up.last, g.last)
            up.chars += g.chars
            up.links += g.links
    first, last = (good[0], good[-1]) if good else (1, 0)
    article = sum(len(texts[i]) for i in good)
    whole = set()
    for g in groups:
        if g.kind == "table" and _grid(g):
            g.kind = "grid"
        elif g.kind == "list" and (g.layout or max(g.cell_pars.values(), default=0) > GRID_CELL_PARAGRAPHS
                                   or g.chars > CHROME_MAX_SHARE * total):
            g.kind = "block"  # a list that is no unit: its items are read one by one
        up = g.up.unit if g.up is not None else None
        g.unit = up if up is not None else g if g.kind in ("grid", "list") else None
        if g.unit is g and g.chars and g.links < 0.5 * g.chars and (
                first <= last and g.first <= last + 1 and g.last >= first - 1 and g.chars <= article
                or (g.kind == "grid" and g.main and _data_grid(g))):
            whole.add(g)
    units = [p.group.unit if p.group is not None else None for p in paragraphs]
    return units, whole


GRID_CELL_PARAGRAPHS = 3  # a table cell or list item with more paragraphs than this is a block of a page layout


def _grid(t: "_Group") -> bool:
    return (not t.layout and t.rows >= 2 and 2 * t.multi >= t.rows and bool(t.cell_pars)
            and max(t.cell_pars.values()) <= GRID_CELL_PARAGRAPHS)


def _data_grid(t: "_Group") -> bool:
    """A grid of data: rows of cells that hold words and figures, not a link
    grid (link density below 0.2) and not a widget of one- or two-character
    cells (a calendar, a pager, a rating)."""
    return t.links < 0.2 * t.chars and t.filled >= 4 and t.cell_chars >= DATA_CELL_CHARS * t.filled


DATA_CELL_CHARS = 4  # the mean length of the cells of a grid of data


TITLE_PARAGRAPHS = 4  # paragraphs right before jusText's first good one that are read as title, dateline, byline
CHROME_MAX_SHARE = 0.5  # an element holding more of the page's text than this is a wrapper: its hint is ignored


CAPTION = "caption "  # the prefix of a caption hint: "caption <figcaption>", "caption class~credit"


@lru_cache(maxsize=1)
def _hints() -> tuple[dict[str, str], frozenset[str], dict[str, str]]:
    """The tags and the class/id words, each mapped to its hint prefix ("" for
    chrome, ``CAPTION`` for captions), and the roles."""
    tags, roles, tokens = {}, set(), {}
    for raw in resources.lines("boilerplate/html_hints.list"):
        kind, _, value = raw.partition(" ")
        value = value.strip().casefold()
        if not value or kind not in ("tag", "role", "token", "caption-tag", "caption-token"):
            raise ValueError(f"cleaner/data/boilerplate/html_hints.list: bad line {raw!r}")
        prefix = CAPTION if kind.startswith("caption-") else ""
        if kind.endswith("tag"):
            tags[value] = prefix
        elif kind == "role":
            roles.add(value)
        else:
            tokens[value] = prefix
    return tags, frozenset(roles), tokens


_CLASS_SPLIT = re.compile(r"[\s_\-]+|(?<=[a-z])(?=[A-Z])")


def element_hint(tag: str, attrs: dict[str, str]) -> str | None:
    """Why an element with this tag and these attributes is page chrome, or None."""
    tags, roles, tokens = _hints()
    if tag in tags:
        return f"{tags[tag]}<{tag}>"
    role = attrs.get("role", "").strip().casefold()
    if role and role in roles:
        return f"role={role}"
    for name in ("class", "id"):
        value = attrs.get(name)
        if value:
            for tok in _CLASS_SPLIT.split(value[:500]):
                prefix = tokens.get(tok.casefold()) if tok else None
                if prefix is not None:
                    return f"{prefix}{name}~{tok.casefold()}"
    return None


def _chrome_hint(p, total: int) -> str | None:
    """The hint of the outermost chrome element around ``p`` that is not a wrapper."""
    node, found = p.chrome, None
    while node is not None:
        if node.size <= CHROME_MAX_SHARE * total:
            found = node.hint
        node = node.up
    return found


class _Group:
    """A ``<table>`` or a list (``<ul>``, ``<ol>``, ``<dl>``) on the path of the
    SAX walk: its shape while the walk goes (rows, cells, nested tables), and
    after it the span and the text of its paragraphs (see :func:`_units`)."""

    __slots__ = ("kind", "up", "main", "serial", "unit", "layout", "rows", "multi", "row_cells", "cells",
                 "first", "last", "chars", "links", "cell_pars", "cell_chars", "filled")

    def __init__(self, kind: str, up: "_Group | None", main: bool, serial: int) -> None:
        self.kind, self.up, self.main, self.serial, self.layout = kind, up, main, serial, False
        self.unit: _Group | None = None
        self.rows = self.multi = self.row_cells = self.cells = 0
        self.first = self.last = -1
        self.chars = self.links = self.cell_chars = self.filled = 0
        self.cell_pars: dict[int, int] = {}


class _Node:
    """An element on the path of the SAX walk: its chrome hint, the nearest
    hinted element around it, and (once it is closed) its text size."""

    __slots__ = ("hint", "up", "start", "size")

    def __init__(self, hint: str | None, up: "_Node | None", start: int) -> None:
        self.hint, self.up, self.start, self.size = hint, up, start, 0


def safe_parser():
    """The lxml parser every HTML input goes through: no network, no DTD or
    external entity loading, libxml2's size and depth limits on (``huge_tree``
    off), comments and processing instructions dropped."""
    import lxml.html

    return lxml.html.HTMLParser(no_network=True, huge_tree=False, remove_comments=True, remove_pis=True,
                                default_doctype=False)


def parse_html(html: str):
    """``html`` parsed with :func:`safe_parser` (an XML declaration is ignored)."""
    import lxml.etree
    import lxml.html

    if html.lstrip().startswith("<?xml"):
        html = html[html.find("?>") + 2:] if "?>" in html else ""
    try:
        return lxml.html.document_fromstring(html, parser=safe_parser())
    except lxml.etree.ParserError:  # "Document is empty"
        return lxml.html.document_fromstring("<html><body></body></html>", parser=safe_parser())


def _justext_paragraphs(html: str, stop: frozenset[str]):
    """jusText's pipeline (preprocess, make paragraphs, classify, revise) on a DOM
    from the safe parser, with the linear-time context revision; each paragraph
    also carries ``chrome``, the chain of hinted elements around it. Returns the
    paragraphs and the page's text size."""
    import lxml.sax
    from justext.core import classify_paragraphs, preprocessor

    from cleaner.filters.boilerplate import revise

    dom = preprocessor(parse_html(html))
    maker = _paragraph_maker()()
    lxml.sax.saxify(dom, maker)
    paragraphs = maker.paragraphs
    classify_paragraphs(paragraphs, stop)
    revise(paragraphs)
    return paragraphs, maker.chars


_FIGURE_TAGS = frozenset({"figure", "figcaption"})
_LIST_TAGS = frozenset({"ul", "ol", "dl"})
_MAIN_TAGS = frozenset({"article", "main"})
_ITEM_TAGS = frozenset({"li", "dt", "dd"})
_GROUP_TAGS = _LIST_TAGS | _ITEM_TAGS | {"table", "tr", "td", "th"}


@lru_cache(maxsize=1)
def _paragraph_maker():
    from justext.core import ParagraphMaker

    class HintParagraphMaker(ParagraphMaker):
        """jusText's paragraph maker that also follows the chrome hints of the
        elements it walks through (one hint test per element, O(1) per event)."""

        def __init__(self) -> None:
            self.chars = 0
            # per open element: its own hint node, the chain around it, the group and the cell around it
            self.stack: list[tuple[_Node | None, _Node | None, _Group | None, tuple | None]] = []
            self.chain: _Node | None = None
            self.group: _Group | None = None  # the innermost open table or list
            self.cell: tuple | None = None  # (table, row number, cell number) of the open cell
            self.item: tuple | None = None  # (list, item number) of the open list item
            # the last table closed: its group, the paragraphs then, the depth of its parent element
            self.closed: tuple[_Group | None, int, int] = (None, 0, 0)
            self.groups = 0  # tables and lists opened
            self.main = 0  # open <article>, <main> and role=main elements
            self.mains: list[bool] = []  # per open element: is it one of them
            super().__init__()

        def _start_new_pragraph(self) -> None:
            super()._start_new_pragraph()
            self.paragraph.chrome = self.chain
            self.paragraph.group = self.group
            self.paragraph.cell = self.cell
            self.paragraph.item = self.item

        def _serial(self) -> int:
            self.groups += 1
            return self.groups

        def _open_group(self, tag: str) -> None:
            if tag == "table":
                g = self.group  # an enclosing table holds a table: a layout table, and so do the lists between
                while g is not None:
                    g.layout = True
                    if g.kind == "table":
                        break
                    g = g.up
                last, count, depth = self.closed
                if last is not None and last.up is self.group and count == len(self.paragraphs) \
                        and depth == len(self.stack) - 1 and not self.paragraph.contains_text():
                    self.group = last  # sibling tables back to back, nothing between: the rows of one table
                else:
                    self.group = _Group("table", self.group, self.main > 0, self._serial())
                self.cell = None
            elif tag in _LIST_TAGS:
                self.group = _Group("list", self.group, self.main > 0, self._serial())
            elif tag in _ITEM_TAGS:
                if self.group is not None and self.group.kind == "list":
                    self.group.cells += 1
                    self.item = (self.group, self.group.cells)
            elif self.group is not None and self.group.kind == "table":
                t = self.group
                if tag == "tr":
                    t.rows += 1
                    t.row_cells = 0
                    self.cell = (t, t.rows, None)
                else:  # td, th
                    t.cells += 1
                    t.row_cells += 1
                    self.cell = (t, t.rows, t.cells)

        def startElementNS(self, name, qname, attrs) -> None:
            named = {k[1]: v for k, v in attrs.items()} if attrs else {}
            hint = element_hint(name[1], named) if named or name[1] in _hints()[0] else None
            own = None
            if hint is not None:
                own = _Node(hint, self.chain, self.chars)
                self.chain = own
            self.stack.append((own, own.up if own is not None else self.chain, self.group, self.cell, self.item))
            is_main = name[1] in _MAIN_TAGS or "role" in named and named["role"].strip().casefold() == "main"
            self.mains.append(is_main)
            self.main += is_main
            if name[1] in _GROUP_TAGS:
                self._open_group(name[1])
            if name[1] in _FIGURE_TAGS:  # block elements jusText 3.0 does not know: a paragraph of their own
                self.path.append(name[1])
                self._start_new_pragraph()
                return
            super().startElementNS(name, qname, attrs)

        def endElementNS(self, name, qname) -> None:
            own, outer, group, cell, item = self.stack.pop() if self.stack else \
                (None, self.chain, self.group, self.cell, self.item)
            if own is not None:
                own.size = self.chars - own.start
            if name[1] == "tr" and self.group is not None and self.group.kind == "table" \
                    and self.group.row_cells >= 2:
                self.group.multi += 1
            closed = self.group if name[1] == "table" else None
            if self.mains:
                self.main -= self.mains.pop()
            self.chain, self.group, self.cell, self.item = outer, group, cell, item
            if name[1] in _FIGURE_TAGS:
                self.path.pop()
                self._start_new_pragraph()
                return
            super().endElementNS(name, qname)
            if closed is not None:
                self.closed = (closed, len(self.paragraphs), len(self.stack))
            elif len(self.stack) < self.closed[2]:  # the parent of the last table closed: no sibling follows
                self.closed = (None, 0, 0)

        def characters(self, content) -> None:
            self.chars += len(content.strip())
            super().characters(content)

    return HintParagraphMaker


def _why(p, inside: bool, chrome: str | None = None) -> str:
    if chrome is not None:
        if chrome.startswith(CAPTION):
            return f"page structure: an image caption or credit (inside {chrome[len(CAPTION):]})"
        return f"page structure: inside an element marked {chrome}"
    if inside:
        return "link density >= 0.5 inside the article area"
    return {"bad": "jusText: boilerplate (link density, stopword density or length)",
            "short": "jusText: short, not next to good paragraphs",
            "neargood": "jusText: near-good, between boilerplate"}.get(p.class_type,
                                                                     f"jusText: {p.class_type}")


def _trafilatura(html: str) -> tuple[str, dict[str, Any]]:
    try:
        import trafilatura
    except ImportError as exc:
        raise ImportError("the trafilatura extractor needs the optional extra: "
                          "pip install 'cleaner[trafilatura]'") from exc
    if not html.strip():
        return "", {"extractor": "trafilatura", "dropped": []}
    text = trafilatura.extract(html, include_comments=False, include_tables=True) or ""
    return text, {"extractor": "trafilatura", "chars": len(text),
                  "note": "trafilatura does not report what it dropped"}
