from __future__ import annotations

from collections.abc import Iterator

import pytest

from supple.store.repositories import Store, open_store


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    """An empty store, migrated, on each kind of database (database_url); closed after the test."""
    opened = open_store(database_url)
    yield opened
    opened.close()
