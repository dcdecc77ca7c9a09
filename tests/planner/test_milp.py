import itertools
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from supple.planner.milp import Model, solve


def test_a_knapsack_is_solved_exactly():
    model = Model()
    items = {model.binary(value): weight for value, weight in ((10.0, 5.0), (7.0, 4.0), (6.0, 3.0), (1.0, 1.0))}
    model.at_most(dict(items), 8.0)
    solution = solve(model, max_nodes=100)
    chosen = sorted(name for name in items if solution.values[name] > 0.5)
    assert chosen == ["v0", "v2"]  # 10 + 6 in weight 8 beats 7 + 6 + 1
    assert solution.proven_optimal


def test_bounded_continuous_variables_respect_their_bounds_and_rows():
    model = Model()
    x = model.binary()
    z = model.variable(low=0.0, high=1.0, objective=3.0)
    model.at_most({z: 1.0, x: -1.0}, 0.0)  # z only counts when x is chosen
    model.at_most({x: 2.0}, 1.0)  # ...and x cannot be
    assert solve(model, max_nodes=10).values == {x: 0.0, z: 0.0}


def test_the_lp_text_writes_negative_terms_and_long_sums_over_several_lines():
    model = Model()
    names = [model.binary(1.0) for _ in range(20)]
    model.at_most(dict.fromkeys(names, -1.5), -3.0)
    text = model.lp_text()
    assert "- 1.5 v0" in text
    assert "<= -3.0" in text
    assert max(len(line) for line in text.splitlines()) < 200
    assert solve(model, max_nodes=10).values == dict.fromkeys(names, 1.0)


@settings(max_examples=40, deadline=None)
@given(
    values=st.lists(st.integers(1, 30), min_size=1, max_size=7),
    weights=st.lists(st.integers(1, 20), min_size=7, max_size=7),
    capacity=st.integers(0, 60),
)
def test_knapsacks_agree_with_brute_force(values, weights, capacity):
    model = Model()
    names = [model.binary(float(v)) for v in values]
    model.at_most({n: float(w) for n, w in zip(names, weights, strict=False)}, float(capacity))
    solution = solve(model, max_nodes=10_000)
    best = max(
        sum(v for v, keep in zip(values, picks, strict=True) if keep)
        for picks in itertools.product((0, 1), repeat=len(values))
        if sum(w for w, keep in zip(weights, picks, strict=False) if keep) <= capacity
    )
    found = sum(v for n, v in zip(names, values, strict=True) if solution.values[n] > 0.5)
    assert found == best


def test_solving_does_not_import_numpy():
    # highspy's modelling layer imports numpy, half of `supple plan`'s start-up budget.
    code = (
        "import sys; from supple.planner.milp import Model, solve; m = Model(); m.at_most({m.binary(1.0): 1.0}, 1.0);"
        "assert solve(m, max_nodes=1).values == {'v0': 1.0}; print('numpy' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_the_whole_highspy_package_is_used_when_the_core_cannot_be_loaded_alone():
    code = (
        "import supple.planner.milp as milp\n"
        "def fail(): raise ImportError('moved')\n"
        "milp._load_core_alone = fail\n"
        "m = milp.Model(); m.at_most({m.binary(2.0): 1.0}, 1.0)\n"
        "print(milp.solve(m, max_nodes=1).values)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "{'v0': 1.0}"


def test_a_temporary_folder_with_no_room_is_a_clear_error_not_a_traceback(monkeypatch, tmp_path):
    import errno

    import pytest

    from supple.errors import StoreUnavailable
    from supple.planner import milp

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(milp.Path, "write_text", full)
    model = Model()
    model.binary(1.0)
    with pytest.raises(StoreUnavailable, match="temporary folder .* cannot be written \\(No space left on device\\)"):
        solve(model, max_nodes=10)
