"""Where each target muscle is on the figure: a stretch of one face of a body part."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Face = Literal["front", "back", "outer", "inner", "middle"]


@dataclass(frozen=True)
class Region:
    part: str  # a Segment.part
    face: Face
    start: float  # fraction of the part's length, from its upper (or inner) end
    end: float


_R = Region

REGIONS: dict[str, tuple[Region, ...]] = {
    "hip-flexors": (_R("thigh", "front", 0.0, 0.35), _R("lower-trunk", "front", 0.0, 0.45)),
    "quadriceps": (_R("thigh", "front", 0.08, 0.92),),
    "hamstrings": (_R("thigh", "back", 0.1, 0.92),),
    "calves-gastrocnemius": (_R("shin", "back", 0.08, 0.6),),
    "soleus": (_R("shin", "back", 0.45, 0.92),),
    "glutes": (_R("lower-trunk", "back", 0.0, 0.3), _R("thigh", "back", 0.0, 0.2)),
    "piriformis": (_R("lower-trunk", "back", 0.0, 0.2), _R("thigh", "outer", 0.0, 0.12)),
    "hip-rotators": (_R("thigh", "outer", 0.0, 0.25),),
    "adductors": (_R("thigh", "inner", 0.05, 0.8),),
    "abductors": (_R("thigh", "outer", 0.0, 0.55),),
    "erector-spinae": (_R("lower-trunk", "back", 0.1, 1.0), _R("upper-trunk", "back", 0.0, 0.6)),
    "quadratus-lumborum": (_R("lower-trunk", "back", 0.25, 0.9),),
    "obliques": (_R("lower-trunk", "outer", 0.3, 1.0), _R("upper-trunk", "outer", 0.0, 0.4)),
    "abdominals": (_R("lower-trunk", "front", 0.2, 1.0), _R("upper-trunk", "front", 0.0, 0.3)),
    "upper-back": (_R("upper-trunk", "back", 0.2, 0.95),),
    "shoulders": (_R("upper-arm", "outer", 0.0, 0.45), _R("upper-trunk", "back", 0.75, 1.0)),
}

TRUNK_PARTS = frozenset({"lower-trunk", "upper-trunk"})


def regions(muscles: tuple[str, ...]) -> list[Region]:
    """The regions to highlight for these muscles, each once; muscles supple has no place for are left out."""
    found: list[Region] = []
    for muscle in muscles:
        found += [region for region in REGIONS.get(muscle, ()) if region not in found]
    return found


# Where each muscle is, in plain words, for the figure's text alternative.
WHERE: dict[str, str] = {
    "hip-flexors": "the front of the hip",
    "quadriceps": "the front of the thigh",
    "hamstrings": "the back of the thigh",
    "calves-gastrocnemius": "the upper calf",
    "soleus": "the lower calf",
    "glutes": "the buttock",
    "piriformis": "deep in the buttock",
    "hip-rotators": "the outer hip",
    "adductors": "the inner thigh",
    "abductors": "the side of the hip",
    "erector-spinae": "the muscles along the spine",
    "quadratus-lumborum": "the lower back",
    "obliques": "the side of the waist",
    "abdominals": "the belly",
    "upper-back": "the upper back",
    "shoulders": "the shoulders",
}
