"""Readers, writers, output shards and accounting for the CLI and the engines."""
