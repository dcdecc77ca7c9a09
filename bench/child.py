"""The load generators run as processes of their own (so their work does not share the server's
interpreter) and hand back their figures as a JSON file."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def figures_from(module: str, *args: str, timeout: float, what: str) -> dict[str, Any]:
    """Run `python -m module args... --out FILE` and read FILE. A file, not standard output: a soak's
    JSON (60 s of latencies, over 64 KiB) once came back through the pipe cut at 65,536 characters."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "figures.json"
        argv = [sys.executable, "-m", module, *args, "--out", str(out)]
        done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
        if done.returncode:
            raise RuntimeError(f"{what} failed: {done.stderr[-3000:]}")
        figures: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
        return figures


def write_figures(path: str, figures: dict[str, Any]) -> None:
    Path(path).write_text(json.dumps(figures), encoding="utf-8")
