from __future__ import annotations

import pytest
from tests.export.conftest import pdf_pages, pdf_text


def test_the_handout_of_the_routine_saved_last_is_a_readable_pdf(run_cli, saved, tmp_path) -> None:
    target = tmp_path / "sam.pdf"
    result = run_cli("handout", "--pdf", str(target), "--name", "Sam Taylor", "--base-url", "http://10.0.0.5:8000")
    assert result.code == 0, result.err
    pages, size = pdf_pages(target)
    assert f"Wrote {target}: Morning," in " ".join(result.out.split()) and f"on {pages} pages" in result.out
    text = " ".join(pdf_text(target).split())
    assert "Morning" in text and "For Sam Taylor" in text and "Tick a box" in text and "10.0.0.5:8000" in text
    assert size == pytest.approx((595.28, 841.89), abs=0.5)


def test_letter_paper_and_a_routine_by_name(run_cli, saved, tmp_path) -> None:
    target = tmp_path / "letter.pdf"
    assert run_cli("handout", "--routine", "morning", "--pdf", str(target), "--paper", "letter").code == 0
    assert pdf_pages(target)[1] == pytest.approx((612, 792), abs=0.5)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--paper", "a3"), "use a4 or letter"),
        (("--routine", "evening"), "no saved routine 'evening'"),
        (("--base-url", "10.0.0.5"), "web app's address"),
        (("--plan", "x.yaml", "--routine", "morning"), "choose one of --plan FILE and --routine NAME"),
    ],
)
def test_bad_input_says_what_is_valid(run_cli, saved, tmp_path, args, message) -> None:
    result = run_cli("handout", "--pdf", str(tmp_path / "x.pdf"), *args)
    assert result.code == 2 and message in result.err and "Traceback" not in result.err
    assert not (tmp_path / "x.pdf").exists()


def test_the_safety_gate_comes_first(run_cli, home, tmp_path) -> None:
    result = run_cli("handout", "--pdf", str(tmp_path / "x.pdf"))
    assert result.code == 3 and "supple screen" in result.err


def test_a_place_that_cannot_be_written_is_named(run_cli, saved, tmp_path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    result = run_cli("handout", "--pdf", str(blocker / "sam.pdf"))
    assert result.code == 2 and "cannot be written" in result.err and "Traceback" not in result.err
