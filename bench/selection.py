"""Selection time: the exact MILP for the bundled catalogue and for generated ones of 20, 200, 2,000.

Budgets (docs/architecture.md): under 20 ms for the bundled catalogue, under 500 ms for 2,000 exercises.
Times cover building the candidates' model and solving it, not importing HiGHS.
"""

from __future__ import annotations

import random
import statistics
import time

from bench.stats import percentile
from supple.catalog.loader import builtin_catalog
from supple.catalog.models import Catalog, Exercise
from supple.planner.candidates import build_pool
from supple.planner.request import PlanRequest
from supple.planner.select import select

REQUESTS = [
    (["lower-back-pain"], 20),
    (["sciatica", "hip-pain"], 30),
    (["knee-pain", "plantar-fasciitis"], 15),
    (["lower-back-pain", "hip-pain", "stiffness"], 60),
    (["si-joint-pain"], 10),
]


def generated_catalog(size: int, seed: int = 1) -> Catalog:
    """A catalogue of `size` plausible exercises drawn from the real vocabulary."""
    base = builtin_catalog()
    vocabulary = base.vocabulary
    rng = random.Random(seed)
    templates = [e for e in base if e.kind != "warmup"]
    exercises: dict[str, Exercise] = {}
    for number in range(size):
        template = rng.choice(templates)
        exercise = template.model_copy(
            update={
                "id": f"generated-{number}",
                "position": rng.choice(sorted(vocabulary.positions)),
                "targets": tuple(rng.sample(sorted(vocabulary.muscles), rng.randint(1, 3))),
                "helps_with": tuple(rng.sample(sorted(vocabulary.conditions), rng.randint(1, 4))),
                "easier": (),
                "harder": (),
            }
        )
        exercises[exercise.id] = exercise
    return Catalog(vocabulary=vocabulary, principles=base.principles, exercises=exercises)


def time_selection(catalog: Catalog, *, repeats: int) -> list[float]:
    timings = []
    for conditions, minutes in REQUESTS:
        request = PlanRequest(conditions=tuple(conditions), minutes=minutes).checked(catalog.vocabulary)
        pool = build_pool(catalog, request, ())
        for _ in range(repeats):
            start = time.perf_counter()
            select(pool.candidates, conditions=request.conditions, budget_s=request.budget_s)
            timings.append(time.perf_counter() - start)
    return timings


def run() -> list[dict[str, object]]:
    import highspy  # noqa: F401  (imported once, outside the timings)

    rows: list[dict[str, object]] = []
    cases = [(f"bundled ({len(builtin_catalog())})", builtin_catalog(), 20)] + [
        (f"generated {n}", generated_catalog(n), 10 if n < 2000 else 3) for n in (20, 200, 2000)
    ]
    for name, catalog, repeats in cases:
        ms = [t * 1000 for t in time_selection(catalog, repeats=repeats)]
        rows.append(
            {
                "catalogue": name,
                "median": statistics.median(ms),
                "p99": percentile(ms, 99),
                "max": max(ms),
                "runs": len(ms),
            }
        )
    return rows


if __name__ == "__main__":
    for row in run():
        print(
            f"{row['catalogue']:<16} median {row['median']:8.1f} ms   p99 {row['p99']:8.1f} ms   ({row['runs']} runs)"
        )
