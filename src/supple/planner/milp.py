"""A small mixed-integer linear model, solved exactly by HiGHS.

The model is written in the CPLEX LP text format and read by HiGHS's own reader (the way PuLP hands
models to solvers). That keeps to HiGHS's core binding: highspy's Python modelling layer imports
numpy, which alone costs half of `supple plan`'s 300 ms start-up budget (bench/README.md), while
the core, loaded on its own, takes about 10 ms and needs no numpy for what we ask of it.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import os
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from supple.errors import StoreUnavailable

_TERMS_PER_LINE = 8  # LP readers limit line length; a long sum continues on the next line


@dataclass
class Model:
    """Maximise sum(objective) subject to rows of sum(coefficient * variable) <= bound."""

    binaries: list[str] = field(default_factory=list)
    continuous: dict[str, tuple[float, float]] = field(default_factory=dict)
    objective: dict[str, float] = field(default_factory=dict)
    rows: list[tuple[dict[str, float], float]] = field(default_factory=list)

    def binary(self, objective: float = 0.0) -> str:
        return self._add(objective, binary=True, bounds=(0.0, 1.0))

    def variable(self, *, low: float, high: float, objective: float = 0.0) -> str:
        return self._add(objective, binary=False, bounds=(low, high))

    def _add(self, objective: float, *, binary: bool, bounds: tuple[float, float]) -> str:
        name = f"v{len(self.binaries) + len(self.continuous)}"
        if binary:
            self.binaries.append(name)
        else:
            self.continuous[name] = bounds
        if objective:
            self.objective[name] = objective
        return name

    def at_most(self, terms: dict[str, float], bound: float) -> None:
        self.rows.append((terms, bound))

    def lp_text(self) -> str:
        lines = ["Maximize", " value:" + _linear(self.objective), "Subject To"]
        lines += [f" r{n}:{_linear(terms)} <= {bound!r}" for n, (terms, bound) in enumerate(self.rows)]
        lines.append("Bounds")
        lines += [f" {low!r} <= {name} <= {high!r}" for name, (low, high) in self.continuous.items()]
        if self.binaries:
            lines.append("Binaries")
            lines += [
                " " + " ".join(self.binaries[i : i + _TERMS_PER_LINE])
                for i in range(0, len(self.binaries), _TERMS_PER_LINE)
            ]
        lines.append("End")
        return "\n".join(lines) + "\n"


def _linear(terms: dict[str, float]) -> str:
    parts = [f" {'-' if c < 0 else '+'} {abs(c)!r} {name}" for name, c in terms.items() if c]
    if not parts:
        # An LP objective may not be empty; a zero term keeps the file valid.
        return " 0 " + next(iter(terms), "v0")
    return "\n ".join("".join(parts[i : i + _TERMS_PER_LINE]) for i in range(0, len(parts), _TERMS_PER_LINE))


@dataclass(frozen=True)
class Solution:
    """The value of each variable, and whether HiGHS proved it the best there is."""

    values: dict[str, float]
    proven_optimal: bool


def solve(model: Model, *, max_nodes: int) -> Solution:
    """Solve exactly (no relative gap), single-threaded so the answer is always the same."""
    core = highs_core()
    highs = core._Highs()
    # The cut pool's soft limit at 100 rather than 10,000: a model from a large catalogue otherwise
    # spent most of a second separating thousands of cuts at the root (bench/selection.py).
    options = (("output_flag", False), ("threads", 1), ("mip_rel_gap", 0.0), ("mip_pool_soft_limit", 100))
    for option, setting in options:
        highs.setOptionValue(option, setting)
    highs.setOptionValue("mip_max_nodes", max_nodes)
    try:
        with tempfile.TemporaryDirectory(prefix="supple-") as folder:
            path = Path(folder) / "model.lp"
            path.write_text(model.lp_text(), encoding="utf-8")
            if highs.readModel(str(path)) != core.HighsStatus.kOk:
                raise RuntimeError("HiGHS could not read the selection model")
    except OSError as error:  # HiGHS reads its model from a file: no room for one is no plan
        raise StoreUnavailable(
            f"supple cannot plan just now: the temporary folder {tempfile.gettempdir()} cannot be written "
            f"({error.strerror or error}); free some space there, or set TMPDIR to a folder with room"
        ) from None
    highs.run()
    values = highs.getSolution().col_value
    names = [highs.getColName(i)[1] for i in range(highs.getNumCol())]
    return Solution(dict(zip(names, values, strict=True)), highs.getModelStatus() == core.HighsModelStatus.kOptimal)


# The web server plans on several threads at once. Two threads loading the core together leave one
# of them a second, empty module (its classes are registered once per process), and that one could
# be kept for good: every plan of the process after it failed. One thread loads it; the rest wait.
_LOADING = threading.Lock()


def highs_core() -> ModuleType:
    """highspy's compiled core, loaded without the package's numpy-based modelling layer."""
    with _LOADING:
        if "highspy._core" in sys.modules:
            return sys.modules["highspy._core"]
        try:
            return _load_core_alone()
        except (ImportError, OSError, StopIteration):
            # A highspy laid out differently: the whole package still works, only slower to import.
            return importlib.import_module("highspy._core")


def _load_core_alone() -> ModuleType:
    package = importlib.util.find_spec("highspy")
    if package is None or not package.submodule_search_locations:
        raise ImportError("highspy is not installed")
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    path = next(
        os.path.join(folder, name)
        for folder in package.submodule_search_locations
        for name in sorted(os.listdir(folder))
        if name.startswith("_core.") and name.endswith(suffixes)
    )
    loader = importlib.machinery.ExtensionFileLoader("highspy._core", path)
    spec = importlib.util.spec_from_file_location("highspy._core", path, loader=loader)
    if spec is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    sys.modules["highspy._core"] = module
    return module
