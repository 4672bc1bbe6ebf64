"""Shared test setup: hypothesis profiles and paths.

Profiles: ``default`` (the suite), ``fuzz`` (HYPOTHESIS_PROFILE=fuzz: 4,000
examples per property, about two minutes of tests/properties on one core) and
``long`` (HYPOTHESIS_PROFILE=long: 40,000 examples per property, 15 to 25 minutes
on one core); neither is part of `make test`::

    HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest -p no:xdist tests/properties --hypothesis-show-statistics
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEED = ROOT / "seeds" / "000_3c41ec6d64b9f297.txt"

settings.register_profile("default", max_examples=60, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("long", max_examples=40000, deadline=None,
                          suppress_health_check=list(HealthCheck))
# a short fuzz run: HYPOTHESIS_PROFILE=fuzz pytest tests/properties
settings.register_profile("fuzz", max_examples=4000, deadline=None,
                          suppress_health_check=list(HealthCheck))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
