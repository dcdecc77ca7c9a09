from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from supple.catalog.dose import describe_dose
from supple.catalog.models import Dosage


def test_a_sided_hold_reads_with_reps_seconds_and_sides() -> None:
    dosage = Dosage(hold_s=30, hold_range_s=(20, 30), reps=3, rest_s=10, per_side=True)
    assert describe_dose("static", dosage) == "3 x 30 s each side"
    assert describe_dose("static", dosage, with_rest=True) == "3 x 30 s each side, rest 10 s"


def test_a_breath_paced_hold_counts_breaths() -> None:
    assert describe_dose("static", Dosage(breaths=3, reps=3, per_side=True)) == "3 x 3 breaths each side"


def test_an_isometric_names_its_effort_when_it_has_one() -> None:
    dosage = Dosage(hold_s=10, reps=3, effort_pct=20, per_side=True)
    assert describe_dose("isometric", dosage) == "3 x 10 s at 20% effort each side"
    assert describe_dose("isometric", Dosage(hold_s=5, reps=5)) == "5 x 5 s"


def test_strength_and_dynamic_moves_count_reps() -> None:
    assert describe_dose("strength", Dosage(reps=10, sets=2, rep_s=3, per_side=True)) == "2 x 10 reps each side"
    assert describe_dose("dynamic", Dosage(reps=10, hold_s=3, rep_s=6)) == "10 reps, 3 s hold each"


def test_a_warmup_reads_in_minutes() -> None:
    assert describe_dose("warmup", Dosage(hold_s=300, hold_range_s=(300, 600), reps=1)) == "5-10 min"
    assert describe_dose("warmup", Dosage(hold_s=240, reps=1)) == "4 min"


@given(reps=st.integers(1, 100), hold=st.integers(1, 3600), per_side=st.booleans())
def test_every_static_dose_states_its_reps_and_says_each_side_only_when_sided(
    reps: int, hold: int, per_side: bool
) -> None:
    text = describe_dose("static", Dosage(hold_s=hold, reps=reps, per_side=per_side))
    assert text.startswith(f"{reps} x {hold} s")
    assert text.endswith("each side") == per_side
