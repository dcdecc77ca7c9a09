"""schemathesis over the OpenAPI schema: no server errors, and every response as documented."""

from __future__ import annotations

import os
from pathlib import Path

from tests.web.fuzzing import app_with_data, clinic_with_data, fuzz

# CI runs the fast part; SUPPLE_FUZZ_EXAMPLES raises it (bench/fuzz.py runs 1,000 cases and more).
EXAMPLES = int(os.environ.get("SUPPLE_FUZZ_EXAMPLES", "20"))


# On both databases: the drivers refuse different things (PostgreSQL a NUL in text, say).
def test_the_api_never_fails_and_answers_as_documented(tmp_path: Path, database_url: str) -> None:
    found = fuzz(app_with_data(tmp_path, database_url), EXAMPLES)
    assert found.failures == {}
    assert found.cases >= found.operations >= 22


def test_clinic_mode_never_fails_either(tmp_path: Path, database_url: str) -> None:
    app, headers = clinic_with_data(tmp_path, database_url)
    found = fuzz(app, EXAMPLES, headers)
    assert found.failures == {}
    assert found.cases >= found.operations >= 30
