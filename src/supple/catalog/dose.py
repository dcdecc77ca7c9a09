"""A dose in words, as a person reads it on a card or a handout: "3 x 30 s each side"."""

from __future__ import annotations

from supple.catalog.models import Dosage, Kind


def _minutes(seconds: int) -> str:
    return f"{seconds // 60} min" if seconds % 60 == 0 else f"{seconds} s"


def _count(number: int, unit: str) -> str:
    return f"{number} {unit}" if number == 1 else f"{number} {unit}s"


def _core(kind: Kind, dosage: Dosage) -> str:
    reps = dosage.reps or 1
    if kind == "warmup":
        low, high = dosage.hold_range_s or (dosage.hold_s, dosage.hold_s)
        assert low is not None and high is not None  # a warm-up always has a duration
        if low == high:
            return _minutes(low)
        return f"{low // 60}-{_minutes(high)}" if low % 60 == 0 and high % 60 == 0 else f"{low}-{high} s"
    if kind == "static":
        hold = f"{dosage.hold_s} s" if dosage.hold_s is not None else _count(dosage.breaths or 0, "breath")
        return f"{reps} x {hold}"
    if kind == "isometric":
        effort = f" at {dosage.effort_pct}% effort" if dosage.effort_pct is not None else ""
        return f"{reps} x {dosage.hold_s} s{effort}"
    sets = f"{dosage.sets} x " if dosage.sets is not None and dosage.sets > 1 else ""
    text = f"{sets}{_count(reps, 'rep')}"
    if dosage.hold_s is not None:
        text += f", {dosage.hold_s} s hold each"
    return text


def describe_dose(kind: Kind, dosage: Dosage, *, with_rest: bool = False) -> str:
    """The dose in words; `with_rest` adds the rest between repetitions ("rest 10 s")."""
    text = _core(kind, dosage)
    if dosage.per_side:
        text += " each side"
    if with_rest and dosage.rest_s:
        text += f", rest {dosage.rest_s} s"
    return text
