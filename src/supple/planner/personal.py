"""What a person's history changes in their next plan (worked out by progress/dose.py)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from supple.planner.expand import Side

_EMPTY: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True)
class Personal:
    """What a person's history changes in their next routine (the next plan's advice)."""

    hold_s: Mapping[str, int] = field(default_factory=lambda: _EMPTY)  # a static stretch's hold, grown or cut back
    avoid: Mapping[str, str] = field(default_factory=lambda: _EMPTY)  # it hurt last time: the reason
    extra_rep: Mapping[str, Side] = field(default_factory=lambda: _EMPTY)  # the tighter side gets one more rep
    notes: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "hold_s": dict(self.hold_s), "avoid": dict(self.avoid), "extra_rep": dict(self.extra_rep),
            "notes": list(self.notes),
        }  # fmt: skip

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Personal:
        return cls(
            hold_s={str(k): int(v) for k, v in dict(data.get("hold_s", {})).items()},
            avoid={str(k): str(v) for k, v in dict(data.get("avoid", {})).items()},
            extra_rep={str(k): v for k, v in dict(data.get("extra_rep", {})).items() if v in ("left", "right")},
            notes=tuple(str(n) for n in data.get("notes", ())),
        )
