"""HTML input: extract the main text of a page, then clean it like any text.

The extracted text becomes the Document's original (offsets in the report point
into it); what the extractor dropped is reported under
``annotations.extraction``.
"""

from __future__ import annotations

from typing import Any

from cleaner.document import Document, Metadata

EXTRACTORS = ("justext",)


def extract_document(html: str, *, extractor: str = "justext", id: str | None = None,
                     url: str | None = None, lang: str | None = None, source: str | None = None) -> Document:
    """A Document holding the main text of ``html``, with an extraction report."""
    if extractor != "justext":
        raise ValueError(f"unknown extractor {extractor!r}; available: {', '.join(EXTRACTORS)}")
    text, info = _justext(html, lang)
    doc = Document(text, Metadata(id=id, source=source, url=url, lang=lang, format="html"))
    doc.annotate("extraction", info)
    return doc


def _justext(html: str, lang: str | None) -> tuple[str, dict[str, Any]]:
    import justext

    from cleaner import langid

    if not html.strip():
        return "", {"extractor": "justext", "paragraphs": 0, "dropped": []}
    try:
        paragraphs = justext.justext(html, frozenset())
    except Exception as exc:  # noqa: BLE001 - lxml raises many types on broken markup
        return "", {"extractor": "justext", "error": f"{type(exc).__name__}: {exc}", "dropped": []}
    lang = lang or langid.detect(" ".join(p.text for p in paragraphs)).lang
    stoplist = _stoplist(lang)
    paragraphs = justext.justext(html, stoplist)
    kept = [p.text for p in paragraphs if not p.is_boilerplate]
    dropped = [{"text": p.text[:200], "class": p.class_type, "context_free_class": p.cf_class,
                "xpath": p.xpath} for p in paragraphs if p.is_boilerplate]
    return "\n\n".join(kept), {"extractor": "justext", "stoplist": lang, "paragraphs": len(paragraphs),
                               "dropped": dropped}


_STOPLIST_NAMES = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
    "pt": "Portuguese", "nl": "Dutch", "pl": "Polish", "ru": "Russian", "sv": "Swedish",
    "cs": "Czech", "tr": "Turkish", "uk": "Ukrainian", "da": "Danish", "fi": "Finnish",
}


def _stoplist(lang: str) -> frozenset[str]:
    import justext

    name = _STOPLIST_NAMES.get(lang)
    if name is None or name not in justext.get_stoplists():
        return frozenset()
    return justext.get_stoplist(name)
