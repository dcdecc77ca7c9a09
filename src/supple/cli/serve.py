"""`supple serve`: the web app, the main interface, on this machine's SQLite by default."""

from __future__ import annotations

from typing import Annotated

import typer

LOOPBACK = ("127.0.0.1", "localhost", "::1")
ALLOW_ANY_HOST = "SUPPLE_ALLOW_ANY_HOST"  # read by supple.web.app:app_from_env


def serve_command(
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on; 0.0.0.0 opens it to the local network.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option("--workers", min=1, max=64, help="Worker processes.")] = 1,
) -> None:
    """Start the web app: open the address it prints in a browser, on this machine or a phone."""
    import os

    import uvicorn

    from supple.cli.console import console
    from supple.config import Settings

    settings = Settings.from_env()
    out = console()
    local = host in LOOPBACK
    if not local:
        out.print(
            "[bold yellow]Warning:[/] supple is open to every device that can reach this one on "
            f"{host}:{port}, with no login: anyone on the network can see and change your data. "
            "Use it only on a network you trust."
        )
    # The app is named by import path, not imported here: the command line and the web app are
    # separate adapters, and uvicorn's worker processes each build their own app from it.
    os.environ["SUPPLE_HOME"] = str(settings.home)
    os.environ[ALLOW_ANY_HOST] = "" if local else "1"
    shown = "127.0.0.1" if host in ("localhost", "::1") else host
    out.print(f"supple is running at http://{shown}:{port}/ (Ctrl+C stops it). Data: {settings.home}")
    uvicorn.run(
        "supple.web.app:app_from_env", factory=True, host=host, port=port, workers=workers,
        log_level="warning", proxy_headers=False,
    )  # fmt: skip
