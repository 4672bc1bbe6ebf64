"""Pipeline: an ordered list of filters that turns text into a :class:`Result`.

>>> from cleaner import Pipeline
>>> p = Pipeline.from_config({"filters": ["encoding", "layout"]})
>>> r = p("caf\\u00c3\\u00a9\\r\\n")
>>> r.text, r.report.codes()
('café\\n', ['ENC001', 'ENC005'])
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Mapping

from cleaner.document import Document, Metadata
from cleaner.errors import CleanerError, ConfigError
from cleaner.filters.base import Filter, build, registry
from cleaner.findings import Annotation, Finding
from cleaner.report import Report

# Top-level config keys that are not filter tables: pipeline shape, and sections
# read by the CLI commands (validated by them).
PIPELINE_KEYS = frozenset({"filters", "enable", "disable"})
COMMAND_SECTIONS = frozenset({"check", "clean"})


class FilterError(CleanerError):
    """A filter raised, or returned something that is not a finding it owns."""

    def __init__(self, filter_name: str, doc_id: str | None, message: str) -> None:
        where = f" on document {doc_id!r}" if doc_id is not None else ""
        super().__init__(f"filter {filter_name!r} failed{where}: {message}")
        self.filter_name = filter_name
        self.doc_id = doc_id


@dataclass(frozen=True)
class Result:
    """What a pipeline returns: the clean text, its report, and the Document."""

    text: str
    report: Report
    document: Document = field(repr=False)
    timings: Mapping[str, float] = field(default_factory=dict, repr=False, compare=False)

    @property
    def keep(self) -> bool:
        return self.report.verdict.keep


class Pipeline:
    """Filters applied in order. Picklable; holds no per-document state.

    Build it from filter objects, from a config dict (the ``[tool.cleaner]``
    table), or take :func:`default_pipeline`. Call it on a string or a Document.
    """

    def __init__(self, filters: Iterable[Filter]) -> None:
        self.filters: tuple[Filter, ...] = tuple(filters)
        seen: set[str] = set()
        for f in self.filters:
            if not isinstance(f, Filter):
                raise ConfigError(f"{f!r} is not a Filter")
            if f.name in seen:
                raise ConfigError(f"filter {f.name!r} appears twice in the pipeline")
            missing = [r for r in f.requires if r not in seen]
            if missing:
                raise ConfigError(f"filter {f.name!r} requires {missing} to run before it")
            seen.add(f.name)

    # -- construction --------------------------------------------------------------
    @classmethod
    def from_config(cls, config: Mapping[str, Any] | None = None) -> "Pipeline":
        """Build from a ``[tool.cleaner]``-shaped mapping.

        ``filters`` lists filter names in order (default: every default filter by
        stage); ``enable`` adds non-default filters (placed by stage); ``disable``
        removes some; a table named after a filter sets its options. Unknown keys
        are a :class:`ConfigError` naming the key.
        """
        config = dict(config or {})
        reg = registry()
        for key in config:
            if key not in PIPELINE_KEYS | COMMAND_SECTIONS and key not in reg:
                raise ConfigError(f"unknown key {key!r} in cleaner config; expected a filter name "
                                  f"({', '.join(sorted(reg))}) or one of "
                                  f"{', '.join(sorted(PIPELINE_KEYS | COMMAND_SECTIONS))}")
        names = config.get("filters")
        if names is None:
            names = [n for n, c in sorted(reg.items(), key=lambda kv: (kv[1].stage, kv[0])) if c.default]
        names = _name_list(names, "filters")
        for extra in _name_list(config.get("enable", []), "enable"):
            if extra not in names:
                names.append(extra)
        disabled = _name_list(config.get("disable", []), "disable")
        for name in names + disabled:
            if name not in reg:
                raise ConfigError(f"unknown filter {name!r}; known: {', '.join(sorted(reg))}")
        if "filters" not in config:
            names.sort(key=lambda n: reg[n].stage)
        names = [n for n in names if n not in disabled]
        filters = []
        for name in names:
            opts = config.get(name, {})
            if not isinstance(opts, Mapping):
                raise ConfigError(f"[{name}] must be a table of options, not {type(opts).__name__}")
            filters.append(build(name, opts))
        return cls(filters)

    @classmethod
    def from_pyproject(cls, path: str) -> "Pipeline":
        """Build from the ``[tool.cleaner]`` table of a pyproject.toml or cleaner.toml."""
        from cleaner.config import load_file

        return cls.from_config(load_file(path))

    def to_config(self) -> dict[str, Any]:
        """The config that rebuilds this pipeline (``from_config(p.to_config()) == p``)."""
        out: dict[str, Any] = {"filters": [f.name for f in self.filters]}
        for f in self.filters:
            opts = f.options()
            if opts:
                out[f.name] = opts
        return out

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.filters)

    def __getitem__(self, name: str) -> Filter:
        for f in self.filters:
            if f.name == name:
                return f
        raise KeyError(name)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Pipeline) and self.filters == other.filters

    def __hash__(self) -> int:
        return hash(self.filters)

    def __repr__(self) -> str:
        return f"Pipeline([{', '.join(f.name for f in self.filters)}])"

    # -- running ---------------------------------------------------------------------
    def __call__(self, text: "str | Document", *, profile: bool = False, **meta: Any) -> Result:
        """Clean ``text`` (a str, or a Document). ``meta`` are Document metadata:
        ``id``, ``source``, ``url``, ``lang`` (declared language), ``format``."""
        if isinstance(text, Document):
            doc = text
        elif isinstance(text, str):
            doc = Document(text, Metadata(**meta))
        else:
            raise TypeError(f"Pipeline takes str or Document, not {type(text).__name__}")
        timings: dict[str, float] = {}
        self.run(doc, timings if profile else None)
        return Result(doc.text, Report.from_document(doc, self.names), doc, timings)

    def run(self, doc: Document, timings: dict[str, float] | None = None) -> Document:
        """Apply every filter to ``doc`` in order (mutating it) and return it."""
        for f in self.filters:
            t0 = time.perf_counter() if timings is not None else 0.0
            try:
                findings = list(f.find(doc))
            except CleanerError:
                raise
            except Exception as exc:  # noqa: BLE001 - re-raised with the filter named
                raise FilterError(f.name, doc.meta.id, f"{type(exc).__name__}: {exc}") from exc
            _check_codes(f, findings, doc.meta.id)
            doc.apply(f.name, findings)
            if timings is not None:
                timings[f.name] = timings.get(f.name, 0.0) + time.perf_counter() - t0
        return doc

    def map(self, texts: Iterable[str]) -> Iterator[Result]:
        """Clean each text in turn (serially; see :mod:`cleaner.engines` for more)."""
        for text in texts:
            yield self(text)


def _check_codes(f: Filter, findings: list[Finding], doc_id: str | None) -> None:
    codes = f.codes
    for finding in findings:
        if isinstance(finding, Annotation):
            continue
        code = getattr(finding, "code", None)
        if code not in codes:
            raise FilterError(f.name, doc_id, f"emitted code {code!r}, which is not one of its rules")


def _name_list(value: Any, key: str) -> list[str]:
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        raise ConfigError(f"{key!r} must be a list of filter names, not {value!r}")
    for v in value:
        if not isinstance(v, str):
            raise ConfigError(f"{key!r} must be a list of filter names, not {value!r}")
    return list(value)


def default_pipeline() -> Pipeline:
    """Every default filter, ordered by stage, with default options."""
    return _default()


_DEFAULT: list[Pipeline] = []


def _default() -> Pipeline:
    if not _DEFAULT:
        _DEFAULT.append(Pipeline.from_config({}))
    return _DEFAULT[0]
