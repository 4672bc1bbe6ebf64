"""Engines map a pipeline over many records: ``local`` (processes on one machine)."""
