"""Readers, writers and accounting for the CLI and the engines."""
