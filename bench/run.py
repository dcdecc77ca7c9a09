"""Run every benchmark and rewrite bench/README.md with the figures and the machine.

make bench        (or: .venv/bin/python bench/run.py)
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import (  # noqa: E402
    attacks,
    content_msgspec,
    cpu_per_request,
    dashboard,
    figures,
    form,
    form_swing,
    fuzz,
    page_load,
    page_weights,
    properties,
    selection,
    session,
    soak,
    startup,
    store,
    web,
)
from bench.stats import machine  # noqa: E402

README = Path(__file__).with_name("README.md")

HEADER = """# Benchmarks

Figures from `make bench` (which runs `.venv/bin/python bench/run.py` and rewrites this file).
Times are wall-clock milliseconds over fresh processes, the start-up commands timed round robin;
p99 is by nearest rank, so with 30 runs it is the slowest run but one or two. The budgets are
in docs/architecture.md (Budgets).
"""


def section(title: str, intro: list[str], rows: list[dict[str, object]], columns: list[str]) -> str:
    """A markdown section: a title, the budget lines, and a table whose first column is a label."""
    lines = [f"## {title}", "", *intro, "", "| " + " | ".join(columns) + " |"]
    lines.append("|---|" + "---:|" * (len(columns) - 1))
    for row in rows:
        cells = [f"{v:.1f}" if isinstance(v, float) else str(v) for v in row.values()]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    sections = [
        section(
            "CLI start-up (cold process)",
            [
                "Budgets: `supple --help` under 150 ms, `supple plan ...` under 300 ms (medians, wall); issue 22:",
                "`--help` within 4x the bare interpreter and `plan` within 8x (the last column: the median of",
                "each round's ratio of wall times). CPU is user + system time: the code's own cost.",
            ],
            startup.run(),
            ["command", "median ms", "p99 ms", "min ms", "runs", "CPU median ms", "x python -c pass"],
        ),
        section(
            "The first run (`python -m bench.startup`)",
            [
                "Budgets (issue 22): the first command on a new data folder under 600 ms, `supple plan` with its",
                "caches deleted under 400 ms, `supple serve` answering its first page within 1 s of starting",
                "(medians, wall; CPU is the process's own, the server's until its first page).",
            ],
            startup.run_first(),
            ["command", "median ms", "p99 ms", "min ms", "runs", "CPU median ms", "x python -c pass"],
        ),
        section(
            "The content decoded by msgspec, against the content cache (`python -m bench.content_msgspec`)",
            [
                "Issue 22's question: the validated built-in content in a new process, each way round robin",
                "(a prototype turns the records into msgspec structs; docs/architecture.md, Budgets, says why the",
                "content cache stays). `--instructions` counts each way once under valgrind.",
            ],
            content_msgspec.run(),
            ["way", "median ms", "p99 ms", "min ms", "runs", "CPU median ms"],
        ),
        section(
            "Page weights (`python -m bench.page_weights`)",
            [
                "Each main page as sent to a browser that takes gzip, and uncompressed; then with the styles,",
                "scripts and modules it asks for (kept a year under their version, and by the service worker).",
            ],
            page_weights.run(),
            page_weights.COLUMNS,
        ),
        section(
            "Page load on Slow 4G (`python -m bench.page_load`)",
            [
                "Chromium's Slow 4G (562.5 ms latency, 1.44 Mbit/s down), a phone's viewport, Navigation Timing,",
                "medians of 3; budget (issue 22): the player interactive within 1.5 s on a first visit.",
                "Interactive is the later of the first paint and, for the player, its module's mark once Start",
                "and This hurts are wired (the other pages work without script: app.js is async, so their DOM",
                "ready comes before their stylesheet). The next visit's service worker fetches are not slowed",
                "by the emulation.",
            ],
            page_load.run(),
            page_load.COLUMNS,
        ),
        section(
            "Selection (the MILP, HiGHS; `python -m bench.selection`)",
            [
                "Budgets: under 20 ms for the bundled catalogue (median), under 500 ms at p95 for 2,000 exercises,",
                "a plan under 2 s for 20,000. Five requests (1-3 conditions, 10-60 minutes); CPU time of building",
                "the model and solving it, HiGHS imported; the next column adds building the candidates. Above",
                "1,000 candidates after the exact pruning the solver sees the most promising (not proven optimal).",
            ],
            selection.run(),
            selection.COLUMNS,
        ),
        section(
            "Figures (`python -m bench.figures`)",
            [
                "Budgets: drawing all of them under 2 s; no figure over 30 KB (tests/figures checks each one's size).",
                "Every built-in exercise's SVG drawn from its pose, its checks included, each way the app serves it:",
                "moving (the exercise page, the plan's cards, the player), mirrored for the left side, and still.",
            ],
            figures.run(),
            figures.COLUMNS,
        ),
        section(
            "Form check (`python -m bench.form`)",
            [
                "The pose model (MediaPipe Pose, lite) in headless Chromium, its WebGL drawn in software",
                "(SwiftShader: a phone's GPU is faster), on the fake camera filming scikit-image's astronaut;",
                "the time from a frame's landmarks to its cue on the screen in the player, and the judge alone on",
                "landmark sequences made from the catalogue's poses (the page's clock ticks in 0.1 ms).",
            ],
            form.run(),
            form.COLUMNS,
        ),
        section(
            "Form check: a movement's swing against the jitter (`python -m bench.form_swing`)",
            [
                "The judge's own counting measure, in headless Chromium, between the catalogue's two key poses, and",
                "its spread over 500 frames of the person keeping still with the jitter of tests/e2e/form_sequences.py",
                "(0.004 of the picture a frame); then 50 sequences of three movements stopping at 45% of the way,",
                "which should never count. Pelvic tilts are left out of the form check by these figures.",
            ],
            form_swing.run(),
            form_swing.COLUMNS,
        ),
        section(
            "Guided session timer (real clock)",
            [
                "Budget: cues late by under 20 ms at p99, no drift accumulating over a session.",
                "The terminal player's loop runs a real routine hands-free on time.monotonic; lateness is when",
                "each cue was said after it was due; end drift is when the session ended after start + total.",
            ],
            session.run(),
            ["session", "p50 ms", "p99 ms", "max ms", "end drift ms"],
        ),
        section(
            "Store (SQLite in a temporary SUPPLE_HOME)",
            [
                "Budget (issue 6): `supple stats` on five years of daily sessions under 100 ms, taken as the",
                "service call in a running process (the web app's case); the cold command adds start-up.",
                "Recording a set is one committed transaction with synchronous=FULL (it survives a crash).",
            ],
            store.run(),
            ["what", "median ms", "p99 ms", "min ms", "runs"],
        ),
        section(
            "History in detail and the clinician's dashboard (SQLite, in a running process)",
            [
                f"A clinician with {dashboard.CLIENTS} clients, each with a year of sessions three times a week",
                "(8 sets each): the dashboard reads everyone's session totals in one query and their pain alerts.",
            ],
            dashboard.run(),
            ["what", "median ms", "p99 ms", "min ms", "runs"],
        ),
        section(
            "Web (supple serve under an open-loop load from another process on 127.0.0.1)",
            [
                "Budget: p99 under 50 ms at 300 requests/s of mixed traffic.",
                f"{web.RATE} requests/s for {web.SECONDS} s:",
                "half reading a saved routine's plan (GET /api/routines/NAME), half recording a set",
                "(POST /api/sessions/ID/sets, committed); latency counted from when each request was due.",
                "PostgreSQL is a throwaway local server with fsync on; SQLite has synchronous=FULL.",
                "The load generator runs on the same two cores as the server.",
            ],
            web.run(),
            ["traffic", "requests/s", "p50 ms", "p99 ms", "max ms", "errors", "sets acknowledged / kept"],
        ),
        section(
            "Web: CPU per request (`python -m bench.cpu_per_request`)",
            [
                "The server's own cost, which other load on the machine barely blurs (latency swings with it):",
                "CPU time (user + system, from /proc) of the server's processes, and of PostgreSQL's, per",
                "request, two in flight, one worker; every server runs at once and each in turn gets 1,000",
                f"requests of each kind in each of {cpu_per_request.ROUNDS} rounds (the order reversed every other",
                "round); the ratios are the medians of the rounds' ratios. The floor is a bare FastAPI +",
                "uvicorn app doing the same SQLite read and insert (bench/floor.py); budgets (issue 22):",
                "single-person mode within 2x the floor, clinic mode within 1.3x single.",
            ],
            cpu_per_request.run(),
            cpu_per_request.COLUMNS,
        ),
        section(
            "Soak (a clinic of people playing sessions against supple serve --multi-user)",
            [
                f"{soak.CLIENTS} clients, each its own account, for {soak.SECONDS} s (`python -m bench.soak`), on a",
                "throwaway PostgreSQL with fsync on: each signs in once, screens, saves a routine, then opens",
                "sessions, posts every set and finishes, closed loop. Every set answered 204 is then counted in",
                "the database: lost sets and errors must be 0.",
            ],
            soak.run(),
            soak.COLUMNS,
        ),
        section(
            "Fuzzing the API (schemathesis)",
            [
                f"At least {fuzz.CASES:,} generated requests per mode over every operation of the OpenAPI schema,",
                "half allowed by the schema and half not; a failure is a 5xx, an invalid request accepted, or an",
                "answer not as documented. Clinic mode is signed in as a clinician with a client. Each mode on",
                "SQLite and on a throwaway PostgreSQL server (fsync off: nothing to keep).",
                "`.venv/bin/python -m bench.fuzz`",
            ],
            fuzz.run(),
            ["mode", "cases", "operations", "failures", "seconds", "failed"],
        ),
        section(
            "What an attacker and a crash tried, and what held (`python -m bench.attacks`)",
            [
                "Every route of clinic mode probed by a clinician and their client against another clinician's",
                "client; markup and script typed into every text field, every page read back; a worker killed",
                f"with SIGKILL {attacks.KILLS} times under a load of sets (every set answered 204 counted in the",
                "database afterwards); 30 sign-ins for one username sent at once to two servers of two workers",
                "each, with real argon2 (the passwords checked must stay within the limit of 5). Each on SQLite",
                "and on a throwaway PostgreSQL server; the CI suite runs the same tests once each.",
            ],
            attacks.run(),
            attacks.COLUMNS,
        ),
        section(
            "Properties (hypothesis)",
            [
                f"{properties.REQUESTS:,} random plan requests (conditions, 3-90 minutes, equipment, positions",
                "avoided, --no-floor, --warmed-up, swaps, precautions from random screening answers): never over",
                "budget, never an excluded exercise, each position in one stretch; refused = nothing fits, said so.",
                "Backups: export, import, export gives the same document; a real backup damaged at random is",
                "refused with a clear message and the store untouched (refused), or restored as strict JSON.",
                "`.venv/bin/python -m bench.properties`",
            ],
            properties.run(),
            ["property", "cases", "refused", "failures", "seconds", "first failure"],
        ),
    ]
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    text = f"{HEADER}\nLast run: {stamp} on {machine()}.\n\n" + "\n\n".join(sections) + "\n"
    README.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
