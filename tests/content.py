"""The built-in content, loaded once for the whole test run: loading and validating it takes a
tenth of a second, and hundreds of tests read it. supple itself keeps it in the application
context (services/content.py); the tests share one copy instead, read only."""

from __future__ import annotations

import functools

from supple.catalog import loader
from supple.catalog.models import Catalog
from supple.safety import loader as safety_loader
from supple.safety.models import SafetyData


@functools.cache
def builtin_catalog() -> Catalog:
    return loader.builtin_catalog()


@functools.cache
def builtin_safety() -> SafetyData:
    return safety_loader.load_safety(catalog=builtin_catalog())
