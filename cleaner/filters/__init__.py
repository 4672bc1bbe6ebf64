"""Filters: one module per capability. Every module here is imported by
:func:`registry`, so a new filter only needs its module and ``@register``."""

from cleaner.filters.base import Filter, build, register, registry

__all__ = ["Filter", "build", "register", "registry"]
