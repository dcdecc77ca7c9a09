"""The application context a command runs with: SUPPLE_HOME's settings, the real clock."""

from __future__ import annotations

from typing import TYPE_CHECKING

from supple.config import Settings

if TYPE_CHECKING:
    from supple.services.context import AppContext


def command_context() -> AppContext:
    """Built once by each command, which then passes it to every service it calls."""
    # Here, not at the top: `supple --help` imports every command's module and none of the services.
    from supple.services.context import AppContext, make_home

    settings = Settings.from_env()
    make_home(settings.home)
    return AppContext(settings)
