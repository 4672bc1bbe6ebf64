"""cleaner: clean scraped web text and explain every change.

>>> from cleaner import clean
>>> r = clean("The caf\\u00c3\\u00a9 opens today at nine, and everyone in the village is invited.")
>>> r.text
'The café opens today at nine, and everyone in the village is invited.'
>>> [(c.code, c.start, c.end, c.text) for c in r.report.changes if c.action != "flagged"]
[('ENC001', 7, 9, 'Ã©')]
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from cleaner.document import Change, Document, Metadata, replay
from cleaner.errors import CleanerError, ConfigError, InputError
from cleaner.filters.base import Filter, register
from cleaner.findings import Annotation, DocumentFlag, Flag, Remove, Replace
from cleaner.pipeline import Pipeline, Result, default_pipeline
from cleaner.report import Report, Verdict

__all__ = [
    "Annotation", "Change", "CleanerError", "ConfigError", "Document", "DocumentFlag", "Filter",
    "Flag", "InputError", "Metadata", "Pipeline", "Remove", "Replace", "Report", "Result", "Verdict",
    "clean", "default_pipeline", "register", "replay",
]
__version__ = "0.1.0"


def clean(text: str, *, id: str | None = None, lang: str | None = None, url: str | None = None,
          format: str = "text", **options: Any) -> Result:
    """Clean ``text`` with the default pipeline, or one configured by ``options``.

    ``options`` take the keys of ``[tool.cleaner]``: ``filters``, ``enable``,
    ``disable``, and a dict of options per filter name, e.g.
    ``clean(text, disable=["translation"], encoding={"uncurl_quotes": True})``.
    ``format="html"`` extracts the main text of an HTML page first.
    Pipelines built from options are cached, so repeated calls are cheap.
    """
    pipeline = _pipeline_for(json.dumps(options, sort_keys=True, default=list)) if options else default_pipeline()
    if format == "html":
        from cleaner.extract import extract_document

        return pipeline(extract_document(text, id=id, url=url, lang=lang))
    return pipeline(text, id=id, lang=lang, url=url)


@lru_cache(maxsize=32)
def _pipeline_for(options_json: str) -> Pipeline:
    return Pipeline.from_config(json.loads(options_json))
