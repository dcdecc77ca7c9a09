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


# What a routine may change of an exercise's dose, and within what range. The ranges follow the
# principle "hold-times" (principles.yaml: holds of 10-30 s, up to 60 s for a tight muscle, 2-3
# sets, about a minute per muscle, citing the ACSM's guidelines and the articles) and never narrow
# what the exercise's own sources give (its hold_range_s, its default dose).
DOSE_LABELS = {"sets": "sets", "reps": "repetitions", "hold_s": "hold", "breaths": "breaths", "rest_s": "rest"}
UNITS = {"hold_s": "seconds", "rest_s": "seconds"}
STATIC_HOLD_S = (10, 60)
ISOMETRIC_HOLD_S = (3, 10)
PACED_HOLD_S = (1, 5)
WARMUP_S = (120, 900)  # 2 to 15 minutes of light cardio (principle warm-up-first: 5-10)
BREATHS = (3, 10)
STILL_REPS = (1, 5)  # repetitions of a hold: about a minute per muscle in all
PACED_REPS = (1, 20)
SETS = (1, 3)
REST_S = (0, 60)


def _widen(low: int, high: int, *given: int | None) -> tuple[int, int]:
    known = [value for value in given if value is not None]
    return min([low, *known]), max([high, *known])


def dose_range(kind: Kind, dosage: Dosage, field: str) -> tuple[int, int] | None:
    """The safe range of one dose field for an exercise of this kind and default dose; None when
    the exercise has no such field to change (a strength move's hold, a stretch timed in seconds'
    breaths)."""
    hold_low, hold_high = dosage.hold_range_s or (dosage.hold_s, dosage.hold_s)
    if field == "hold_s" and dosage.hold_s is not None:
        low, high = {"static": STATIC_HOLD_S, "isometric": ISOMETRIC_HOLD_S, "warmup": WARMUP_S}.get(kind, PACED_HOLD_S)
        return _widen(low, high, hold_low, hold_high)
    if field == "breaths" and dosage.breaths is not None:
        return _widen(*BREATHS, dosage.breaths)
    if field == "reps" and kind != "warmup":
        return _widen(*(PACED_REPS if kind in ("dynamic", "strength") else STILL_REPS), dosage.reps)
    if field == "sets" and (dosage.sets is not None or kind in ("dynamic", "strength")):
        return _widen(*SETS, dosage.sets)
    if field == "rest_s" and kind != "warmup":
        return _widen(*REST_S, dosage.rest_s)
    return None


def dose_ranges(kind: Kind, dosage: Dosage) -> dict[str, tuple[int, int]]:
    """Every dose field a routine may change for this exercise, with its range."""
    found = {field: dose_range(kind, dosage, field) for field in DOSE_LABELS}
    return {field: limits for field, limits in found.items() if limits is not None}


def range_words(field: str, limits: tuple[int, int]) -> str:
    """ "the hold can be 10 to 60 seconds" """
    unit = UNITS.get(field, DOSE_LABELS[field] if field != "hold_s" else "seconds")
    return f"{limits[0]} to {limits[1]} {unit}"
