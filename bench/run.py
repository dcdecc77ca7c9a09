"""Run every benchmark and rewrite bench/README.md with the figures and the machine.

make bench        (or: .venv/bin/python bench/run.py)
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import selection, startup  # noqa: E402
from bench.stats import machine  # noqa: E402

README = Path(__file__).with_name("README.md")

HEADER = """# Benchmarks

Figures from `make bench` (which runs `.venv/bin/python bench/run.py` and rewrites this file).
Times are wall-clock milliseconds over fresh processes; p99 is by nearest rank, so with 30 runs it
is the slowest run but one or two. Budgets are from DESIGN.md.
"""


def startup_section(rows: list[dict[str, object]]) -> str:
    lines = [
        "## CLI start-up (cold process)",
        "",
        "Budgets: `supple --help` under 150 ms, `supple plan ...` under 300 ms (medians).",
        "",
        "| command | median ms | p99 ms | min ms | runs |",
        "|---|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| `{row['command']}` | {row['median']:.1f} | {row['p99']:.1f} | {row['min']:.1f} | {row['runs']} |"
        )
    return "\n".join(lines)


def selection_section(rows: list[dict[str, object]]) -> str:
    lines = [
        "## Selection (the exact MILP, HiGHS)",
        "",
        "Budgets: under 20 ms for the bundled catalogue, under 500 ms for 2,000 exercises (medians).",
        "Five requests (1-3 conditions, 10-60 minutes), model building and solving, HiGHS already imported.",
        "",
        "| catalogue | median ms | p99 ms | max ms | runs |",
        "|---|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row['catalogue']} | {row['median']:.1f} | {row['p99']:.1f} | {row['max']:.1f} | {row['runs']} |"
        )
    return "\n".join(lines)


def main() -> None:
    sections = [startup_section(startup.run()), selection_section(selection.run())]
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    text = f"{HEADER}\nLast run: {stamp} on {machine()}.\n\n" + "\n\n".join(sections) + "\n"
    README.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
