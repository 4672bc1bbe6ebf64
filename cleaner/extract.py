"""HTML input: extract the main text of a page, then clean it like any text.

The extracted text becomes the Document's original (offsets in the report point
into it); what the extractor dropped is reported under
``annotations.extraction``.
"""

from __future__ import annotations

from typing import Any

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
    """jusText's classification, read inclusively: its good paragraphs plus the
    non-link paragraphs between the first and the last good one (headings,
    datelines, short paragraphs, list items that jusText calls short or bad
    inside the article). The text filters that run next remove the debris
    among them; jusText alone drops too much real content for a corpus."""
    import justext

    from cleaner.filters.boilerplate import stoplist

    if not html.strip():
        return "", {"extractor": "justext", "paragraphs": 0, "dropped": []}
    stop = stoplist(lang)  # all stoplists when the language is not declared
    try:
        paragraphs = _justext_paragraphs(html, stop)
    except Exception as exc:  # noqa: BLE001 - lxml raises many types on broken markup
        return "", {"extractor": "justext", "error": f"{type(exc).__name__}: {exc}", "dropped": []}
    good = [i for i, p in enumerate(paragraphs) if p.class_type == "good"]
    if not good:  # a short page: jusText's context rule leaves nothing; take its near-good text
        for p in paragraphs:
            if p.cf_class in ("good", "neargood"):
                p.class_type = "good"
        good = [i for i, p in enumerate(paragraphs) if p.class_type == "good"]
    lo, hi = (good[0] - 2, good[-1]) if good else (1, 0)
    kept, dropped = [], []
    for i, p in enumerate(paragraphs):
        if p.class_type == "good" or (lo <= i <= hi and p.links_density() < 0.5):
            kept.append(p.text)
        else:
            dropped.append({"text": p.text[:200], "class": p.class_type, "context_free_class": p.cf_class,
                            "link_density": round(p.links_density(), 3), "xpath": p.xpath,
                            "why": _why(p, lo <= i <= hi)})
    return "\n\n".join(kept), {"extractor": "justext", "stoplist": lang or "all",
                               "paragraphs": len(paragraphs), "dropped": dropped}


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
    from the safe parser, with the linear-time context revision."""
    from justext.core import ParagraphMaker, classify_paragraphs, preprocessor

    from cleaner.filters.boilerplate import revise

    dom = preprocessor(parse_html(html))
    paragraphs = ParagraphMaker.make_paragraphs(dom)
    classify_paragraphs(paragraphs, stop)
    revise(paragraphs)
    return paragraphs


def _why(p, inside: bool) -> str:
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
