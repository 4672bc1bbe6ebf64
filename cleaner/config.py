"""Configuration: ``[tool.cleaner]`` in pyproject.toml, or a cleaner.toml.

A ``cleaner.toml`` holds the same keys at its top level (a ``[tool.cleaner]``
table in it is accepted too). :func:`find_config` walks up from a path to the
first directory holding either file (cleaner.toml wins in the same directory;
a pyproject.toml without a ``[tool.cleaner]`` table is passed over).

Example::

    [tool.cleaner]
    disable = ["translation"]

    [tool.cleaner.encoding]
    uncurl_quotes = false

    [tool.cleaner.check]
    ignore = ["TR3"]
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from cleaner.errors import ConfigError

CONFIG_FILES = ("cleaner.toml", "pyproject.toml")


def load_file(path: str | Path) -> dict[str, Any]:
    """The cleaner config in ``path`` (a pyproject.toml or cleaner.toml)."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config: {exc.strerror or exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from exc
    table = data.get("tool", {}).get("cleaner") if isinstance(data.get("tool"), dict) else None
    if table is not None:
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.cleaner] must be a table")
        return table
    if path.name == "pyproject.toml":
        return {}
    return {k: v for k, v in data.items() if k != "tool"}  # cleaner.toml: keys at the top level


def find_config(start: str | Path) -> Path | None:
    """The nearest cleaner.toml, or pyproject.toml with ``[tool.cleaner]``, at or
    above ``start`` (a file or a directory)."""
    here = Path(start).resolve()
    if not here.is_dir():
        here = here.parent
    for directory in (here, *here.parents):
        for name in CONFIG_FILES:
            candidate = directory / name
            if candidate.is_file():
                if name == "pyproject.toml" and not load_file(candidate):
                    continue
                return candidate
    return None


def load(start: str | Path | None = None, explicit: str | Path | None = None) -> tuple[dict[str, Any], Path | None]:
    """The config that applies: ``explicit`` if given, else the nearest one found
    from ``start`` (default: the current directory). Returns ``(config, path)``."""
    if explicit is not None:
        return load_file(explicit), Path(explicit)
    found = find_config(start or Path.cwd())
    if found is None:
        return {}, None
    return load_file(found), found


def section(config: dict[str, Any], name: str, known: set[str], path: Path | None = None) -> dict[str, Any]:
    """The table ``name`` of ``config``, checked against ``known`` keys."""
    table = config.get(name, {})
    where = f"{path}: " if path else ""
    if not isinstance(table, dict):
        raise ConfigError(f"{where}[tool.cleaner.{name}] must be a table")
    unknown = sorted(set(table) - known)
    if unknown:
        raise ConfigError(f"{where}unknown key {unknown[0]!r} in [tool.cleaner.{name}]; "
                          f"known: {', '.join(sorted(known))}")
    return table
