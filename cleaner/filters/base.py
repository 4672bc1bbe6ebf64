"""The Filter protocol and the filter registry.

A filter is a frozen dataclass: its fields are its options (keyword-only, validated
when it is built), it holds no per-document state, and it pickles. It has a
``name``, the ``rules`` (codes) it can emit, the filters it ``requires`` to have run
before it, a ``stage`` that orders the default pipeline, and one method::

    def find(self, doc: Document) -> Iterable[Finding]

which looks at ``doc`` and returns findings. Only the pipeline changes the
Document. Adding a filter is one module in ``cleaner/filters/`` decorated with
:func:`register`; nothing else needs to change.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass
from typing import Any, ClassVar, Iterable, Literal, Mapping, get_args, get_origin

from cleaner.errors import ConfigError
from cleaner.rules import Rule

if typing.TYPE_CHECKING:
    from cleaner.document import Document
    from cleaner.findings import Finding

_REGISTRY: dict[str, type["Filter"]] = {}


@dataclass(frozen=True, kw_only=True)
class Filter:
    """Base class of all filters. Subclasses are ``@register``-ed dataclasses."""

    name: ClassVar[str] = ""
    rules: ClassVar[tuple[Rule, ...]] = ()
    requires: ClassVar[tuple[str, ...]] = ()
    stage: ClassVar[int] = 50
    default: ClassVar[bool] = True  # part of default_pipeline()

    def __post_init__(self) -> None:
        hints = typing.get_type_hints(type(self))
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            checked = _check_type(value, hints.get(f.name, Any), f"{self.name}.{f.name}")
            if checked is not value:
                object.__setattr__(self, f.name, checked)

    def find(self, doc: "Document") -> Iterable["Finding"]:
        raise NotImplementedError

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(r.code for r in self.rules)

    def options(self) -> dict[str, Any]:
        """This filter's options, as they would be written in config."""
        out = {}
        for f in dataclasses.fields(self):
            v = getattr(self, f.name)
            out[f.name] = list(v) if isinstance(v, tuple) else v
        return out


def register(cls: type[Filter]) -> type[Filter]:
    """Class decorator: make ``cls`` a frozen kw-only dataclass and register it."""
    if not cls.name:
        raise ValueError(f"{cls.__name__} has no name")
    if cls.name in _REGISTRY and _REGISTRY[cls.name].__qualname__ != cls.__qualname__:
        raise ValueError(f"two filters named {cls.name!r}")
    if "__dataclass_fields__" not in cls.__dict__:
        cls = dataclass(frozen=True, kw_only=True)(cls)
    cls.rules = tuple(dataclasses.replace(r, filter=cls.name) for r in cls.rules)
    _REGISTRY[cls.name] = cls
    return cls


def registry() -> Mapping[str, type[Filter]]:
    """All registered filters by name (importing every module of the package)."""
    _discover()
    return types.MappingProxyType(_REGISTRY)


def build(name: str, options: Mapping[str, Any] | None = None) -> Filter:
    """Build the filter ``name`` with ``options``; a ConfigError names any bad key."""
    reg = registry()
    if name not in reg:
        raise ConfigError(f"unknown filter {name!r}; known: {', '.join(sorted(reg))}")
    cls = reg[name]
    options = dict(options or {})
    known = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(set(options) - known)
    if unknown:
        raise ConfigError(f"unknown option {unknown[0]!r} for filter {name!r}; "
                          f"options: {', '.join(sorted(known)) or '(none)'}")
    return cls(**options)


_discovered = False


def _discover() -> None:
    global _discovered
    if _discovered:
        return
    import importlib
    import pkgutil

    import cleaner.filters as pkg

    for mod in sorted(m.name for m in pkgutil.iter_modules(pkg.__path__)):
        if mod != "base" and not mod.startswith("_"):
            importlib.import_module(f"cleaner.filters.{mod}")
    _discovered = True


def _check_type(value: Any, hint: Any, where: str) -> Any:
    """Validate (and lightly coerce: list -> tuple, int -> float) an option value."""
    origin = get_origin(hint)
    if hint is Any:
        return value
    if origin is Literal:
        if value not in get_args(hint):
            raise ConfigError(f"{where} must be one of {list(get_args(hint))}, not {value!r}")
        return value
    if origin in (typing.Union, types.UnionType):
        errors = []
        for arg in get_args(hint):
            try:
                return _check_type(value, arg, where)
            except ConfigError as e:
                errors.append(str(e))
        raise ConfigError(f"{where}: {value!r} has the wrong type ({'; '.join(errors)})")
    if hint is type(None):
        if value is not None:
            raise ConfigError(f"{where} must be None")
        return value
    if origin is tuple:
        if not isinstance(value, (list, tuple)):
            raise ConfigError(f"{where} must be a list, not {type(value).__name__}")
        args = get_args(hint)
        item = args[0] if args else Any
        return tuple(_check_type(v, item, f"{where}[]") for v in value)
    if origin in (dict, Mapping, typing.Mapping) or hint in (dict, Mapping):
        if not isinstance(value, Mapping):
            raise ConfigError(f"{where} must be a table/dict, not {type(value).__name__}")
        return value
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ConfigError(f"{where} must be a number, not {value!r}")
        return float(value)
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{where} must be an integer, not {value!r}")
        return value
    if isinstance(hint, type):
        if not isinstance(value, hint):
            raise ConfigError(f"{where} must be {hint.__name__}, not {value!r}")
        return value
    return value
