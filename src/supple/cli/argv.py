"""Options that take several values after one flag, as the command-line contract writes them.

Click gives an option one value per flag (`--yes a --yes b`); the contract also promises
`--yes a b`. Spreading the values over repeated flags before Click parses keeps both forms.
"""

from __future__ import annotations

from collections.abc import Sequence

MULTI_VALUE_OPTIONS = frozenset({"--yes", "--for", "--equipment", "--avoid-position"})


def spread_multi_value_options(args: Sequence[str], options: frozenset[str] = MULTI_VALUE_OPTIONS) -> list[str]:
    """`--yes a b --json` -> `--yes a --yes b --json`; everything else passes through unchanged."""
    spread: list[str] = []
    current: str | None = None
    for arg in args:
        if arg == "--":
            current = None
        elif arg.startswith("-"):
            current = arg if arg in options else None
        elif current is not None and spread and spread[-1] != current:
            spread.append(current)
        spread.append(arg)
    return spread
