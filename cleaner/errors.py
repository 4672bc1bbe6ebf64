"""Exceptions cleaner raises on purpose."""


class CleanerError(Exception):
    """Base class of cleaner's own errors."""


class ConfigError(CleanerError, ValueError):
    """Configuration is invalid; the message names the key."""


class InputError(CleanerError):
    """An input record or file cannot be read; the message names file and line."""


class OutputError(CleanerError):
    """An output cannot be written (disk full, a path that is not a directory); the message names the file."""
