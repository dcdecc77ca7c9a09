"""Selection time: the MILP for the bundled catalogue and for generated ones of 20, 200, 2,000, 20,000.

Budgets (docs/architecture.md): under 20 ms for the bundled catalogue, under 500 ms at the 95th
percentile for 2,000 exercises, and a plan under 2 s for 20,000 (the candidates and the selection).
Times are the process's CPU time (other load on the shared machine barely blurs it), covering
building the candidates' model and solving it, not importing HiGHS; "with candidates" adds building
the candidates from the catalogue. "proven" counts the selections proven optimal.

`.venv/bin/python -m bench.selection`
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


def time_selection(catalog: Catalog, *, repeats: int) -> tuple[list[float], list[float], int]:
    """CPU seconds of each selection, of each candidates-and-selection, and how many were proven optimal."""
    timings, with_pool, proven = [], [], 0
    for conditions, minutes in REQUESTS:
        request = PlanRequest(conditions=tuple(conditions), minutes=minutes).checked(catalog.vocabulary)
        for _ in range(repeats):
            start = time.process_time()
            pool = build_pool(catalog, request, ())
            built = time.process_time()
            selection = select(pool.candidates, conditions=request.conditions, budget_s=request.budget_s)
            end = time.process_time()
            timings.append(end - built)
            with_pool.append(end - start)
            proven += selection.proven_optimal
    return timings, with_pool, proven


def run() -> list[dict[str, object]]:
    import highspy  # noqa: F401  (imported once, outside the timings)

    rows: list[dict[str, object]] = []
    cases = [(f"bundled ({len(builtin_catalog())})", builtin_catalog(), 20)] + [
        (f"generated {n:,}", generated_catalog(n), 10 if n < 2000 else 3 if n < 20_000 else 1)
        for n in (20, 200, 2000, 20_000)
    ]
    for name, catalog, repeats in cases:
        seconds, with_pool, proven = time_selection(catalog, repeats=repeats)
        ms = [t * 1000 for t in seconds]
        rows.append(
            {
                "catalogue": name,
                "median": statistics.median(ms),
                "p95": percentile(ms, 95),
                "max": max(ms),
                "with candidates max": max(with_pool) * 1000,
                "proven": f"{proven} / {len(ms)}",
            }
        )
    return rows


COLUMNS = ["catalogue", "median ms", "p95 ms", "max ms", "with candidates, max ms", "proven optimal"]

if __name__ == "__main__":
    for row in run():
        print(
            f"{row['catalogue']:<16} median {row['median']:8.1f} ms   p95 {row['p95']:8.1f} ms   "
            f"max {row['max']:8.1f} ms   with candidates max {row['with candidates max']:8.1f} ms   "
            f"proven {row['proven']}"
        )
