from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from supple.cli.argv import spread_multi_value_options


def test_several_values_after_one_flag_become_repeated_flags() -> None:
    assert spread_multi_value_options(["screen", "--yes", "a", "b", "--json"]) == [
        "screen", "--yes", "a", "--yes", "b", "--json",
    ]  # fmt: skip


def test_repeated_flags_and_other_options_pass_through() -> None:
    args = ["plan", "--for", "sciatica", "--minutes", "20", "--for", "hip-pain"]
    assert spread_multi_value_options(args) == args


def test_values_of_ordinary_options_and_positionals_are_untouched() -> None:
    assert spread_multi_value_options(["show", "pigeon-pose", "--json"]) == ["show", "pigeon-pose", "--json"]
    assert spread_multi_value_options(["plan", "--minutes", "20", "extra"]) == ["plan", "--minutes", "20", "extra"]


values = st.lists(st.sampled_from(["a", "b", "c"]), min_size=1, max_size=4)


def owners(tokens: list[str]) -> list[tuple[str, str]]:
    """Each value with the nearest flag before it."""
    pairs, flag = [], ""
    for token in tokens:
        if token.startswith("-"):
            flag = token
        else:
            pairs.append((flag, token))
    return pairs


@given(st.lists(st.tuples(st.sampled_from(["--yes", "--for", "--minutes"]), values), max_size=5))
def test_spreading_keeps_every_value_with_its_flag_and_in_order(groups: list[tuple[str, list[str]]]) -> None:
    args = [token for flag, vals in groups for token in (flag, *vals)]
    spread = spread_multi_value_options(args)
    assert owners(spread) == owners(args)
    for index, token in enumerate(spread):
        if not token.startswith("-") and owners(spread[: index + 1])[-1][0] in ("--yes", "--for"):
            assert spread[index - 1] in ("--yes", "--for")  # each multi value now has its own flag
