"""Why an exercise is in a routine, in plain words: which muscle it works for each condition it
serves and why that muscle matters (vocab.yaml's key muscles), or that the articles list it."""

from __future__ import annotations

from collections.abc import Sequence

from supple.catalog.models import Vocabulary
from supple.planner.select import Candidate

WARMUP_REASON = "Warm muscles stretch more easily and more safely, so the routine starts by warming them."
STRETCHES = frozenset({"static", "dynamic"})


def _lower(label: str) -> str:
    """A label inside a sentence: "hip flexors", but "SI joint pain" keeps its capitals."""
    return label if label[1:2].isupper() else label[:1].lower() + label[1:]


def reasons_for(vocabulary: Vocabulary, candidate: Candidate, conditions: Sequence[str]) -> tuple[str, ...]:
    """One sentence or two for each requested condition the exercise serves, in request order."""
    exercise = candidate.exercise
    muscle = exercise.targets[0]
    verb = "stretches" if exercise.kind in STRETCHES else "works"
    reasons = []
    for condition in conditions:
        if condition not in candidate.helps:
            continue
        term = vocabulary.conditions[condition]
        if condition in candidate.key_for:
            why = term.why[muscle]
            reasons.append(f"{term.label}: it {verb} the {_lower(vocabulary.muscles[muscle].label)}. {why}")
        else:
            reasons.append(f"{term.label}: the articles supple draws on suggest it for {_lower(term.label)}.")
    return tuple(reasons)
