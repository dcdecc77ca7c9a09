from __future__ import annotations

import json

import pytest
from fhir.resources.R4B.bundle import Bundle


def test_export_fhir_writes_a_bundle_that_validates(run_cli, saved, tmp_path) -> None:
    target = tmp_path / "sam.fhir.json"
    result = run_cli("export", "--fhir", str(target))
    assert result.code == 0, result.err
    assert "FHIR R4 Bundle with routine morning and 0 pain ratings" in " ".join(result.out.split())
    bundle = Bundle.model_validate(json.loads(target.read_text(encoding="utf-8")))
    assert [entry.resource.get_resource_type() for entry in bundle.entry] == ["Patient", "CarePlan"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("backup.json", "--fhir", "x.json"), "not both"),
        (("backup.json", "--routine", "morning"), "--routine goes with --fhir"),
        ((), "say where to write"),
        (("--fhir", "x.json", "--routine", "evening"), "no saved routine 'evening'"),
    ],
)
def test_export_refuses_mixed_up_options(run_cli, saved, args, message) -> None:
    result = run_cli("export", *args)
    assert result.code == 2 and message in result.err


def test_a_place_that_cannot_be_written_is_named(run_cli, saved, tmp_path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    result = run_cli("export", "--fhir", str(blocker / "sam.json"))
    assert result.code == 2 and "cannot be written" in result.err and "Traceback" not in result.err
