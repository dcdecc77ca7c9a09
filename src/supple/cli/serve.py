"""`supple serve`: the web app, the main interface, on this machine's SQLite by default."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from supple.cli.parsing import Parser, flag, whole
from supple.errors import BadRequest, MachineRefuses

if TYPE_CHECKING:
    from rich.console import Console

    from supple.services.context import AppContext

LOOPBACK = ("127.0.0.1", "localhost", "::1")
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")  # as they come in a Host header
ALLOWED_HOSTS = "SUPPLE_ALLOWED_HOSTS"  # read by supple.web.app:app_from_env: "*", or names with commas
MULTI_USER = "SUPPLE_MULTI_USER"  # likewise: every worker process builds a clinic-mode app
# A name people type, or a wildcard for every name under a domain (*.clinic.example.org); no port.
PUBLIC_NAME = re.compile(r"^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$")


def define(name: str, parser: Parser) -> None:
    parser.runs(serve_command)
    parser.add_argument(
        "--host", default="127.0.0.1", help="Address to listen on; 0.0.0.0 opens it to the local network."
    )
    parser.add_argument("--port", type=whole(1, 65535), default=8000, help="Port to listen on.")
    parser.add_argument("--workers", type=whole(1, 64), default=1, help="Worker processes.")
    flag(parser, "--multi-user", "multi_user", "Clinic mode: accounts for clinicians and their clients.")
    parser.add_argument("--ssl-certfile", type=Path, help="Serve https with this certificate.")
    parser.add_argument("--ssl-keyfile", type=Path, help="The certificate's private key.")
    parser.add_argument(
        "--behind-proxy", metavar="ADDRESS",
        help="Trust X-Forwarded-Proto/-For from the https proxy at this address (the client's address "
        "counts failed sign-ins; https makes the cookies Secure).",
    )  # fmt: skip
    parser.add_argument(
        "--public-name", dest="public_names", metavar="NAME", action="append",
        help="A name people reach supple by (clinic.example.org, as in the proxy's server_name); repeat "
        "it for each. Requests for any other name are refused. Needed with --behind-proxy.",
    )  # fmt: skip


def serve_command(
    *, host: str, port: int, workers: int, multi_user: bool, ssl_certfile: Path | None, ssl_keyfile: Path | None,
    behind_proxy: str | None, public_names: list[str] | None,
) -> None:  # fmt: skip
    """Start the web app: open the address it prints in a browser, on this machine or a phone."""
    import os

    import uvicorn
    from uvicorn.config import STARTUP_FAILURE

    from supple.cli.console import console
    from supple.cli.context import command_context

    context = command_context()
    settings = context.settings
    out = console()
    local = host in LOOPBACK
    https = ssl_certfile is not None or behind_proxy is not None
    _check_certificate(ssl_certfile, ssl_keyfile)
    allowed = allowed_hosts(local=local, behind_proxy=behind_proxy, public_names=public_names or [])
    _check_mode(context, multi_user, out)
    _check_address(host, port)
    if not local and not multi_user:
        out.print(
            "[bold yellow]Warning:[/] supple is open to every device that can reach this one on "
            f"{host}:{port}, with no login: anyone on the network can see and change your data. "
            "Use it only on a network you trust, or a clinic's supple with --multi-user."
        )
    if not local and multi_user and not https:
        out.print(
            "[bold yellow]Warning:[/] passwords and health data cross the network unencrypted over plain http: "
            "serve https (--ssl-certfile and --ssl-keyfile, or --behind-proxy ADDRESS)."
        )
    # The app is named by import path, not imported here: the command line and the web app are
    # separate adapters, and uvicorn's worker processes each build their own app from it.
    os.environ["SUPPLE_HOME"] = str(settings.home)
    os.environ[ALLOWED_HOSTS] = "*" if allowed is None else ",".join(allowed)
    os.environ[MULTI_USER] = "1" if multi_user else ""
    shown = "127.0.0.1" if host in ("localhost", "::1") else host
    scheme = "https" if https else "http"
    mode = "clinic mode, " if multi_user else ""
    out.print(f"supple is running at {scheme}://{shown}:{port}/ ({mode}Ctrl+C stops it). Data: {settings.home}")
    try:
        uvicorn.run(
            "supple.web.app:app_from_env", factory=True, host=host, port=port, workers=workers,
            log_level="warning", proxy_headers=behind_proxy is not None, forwarded_allow_ips=behind_proxy,
            ssl_certfile=ssl_certfile, ssl_keyfile=ssl_keyfile,
        )  # fmt: skip
    except SystemExit as exit_:
        # uvicorn's "could not start" is 3, supple's "refused for safety": it has said why on the line above
        if exit_.code == STARTUP_FAILURE:
            raise MachineRefuses("the web app could not start (the line above says why)") from None
        raise


def allowed_hosts(*, local: bool, behind_proxy: str | None, public_names: list[str]) -> list[str] | None:
    """The Host names the server answers to; None for any. A loopback server answers only to its
    loopback names, so a web page elsewhere cannot reach it by renaming itself 127.0.0.1 (DNS
    rebinding). Behind a proxy the Host is the name people typed (nginx's `proxy_set_header Host
    $host`), so the server answers to the public names it is told, and to its loopback names for a
    health check on its own machine. Without public names a proxy would leave two bad choices:
    refuse every request (loopback names only), or answer to any name at all, a name an
    attacker's page gave the proxy's address included, and put that name in handouts' QR codes
    and reminders' links; so supple refuses to start instead, saying what to add. A server open
    to the network without a proxy answers to any name unless told its names: phones reach it by
    an address nobody knows in advance."""
    from supple.errors import BadRequest

    names = []
    for name in public_names:
        cleaned = name.strip().lower().rstrip(".")
        if not PUBLIC_NAME.match(cleaned):
            raise BadRequest(
                f"{name!r} is not a name people can reach supple by, such as clinic.example.org", topic="public-name"
            )
        names.append(cleaned)
    if behind_proxy is not None and not names:
        raise BadRequest(
            "behind a proxy, supple answers only to the names people reach it by, and it has been told none",
            topic="no-public-name",
        )
    if names:
        return [*names, *LOOPBACK_NAMES]
    return list(LOOPBACK_NAMES) if local else None


def _check_mode(context: AppContext, multi_user: bool, out: Console) -> None:
    """A clinic's database is served only in clinic mode (without it, every record would be one
    click from anyone who reaches the server); a clinic with no accounts yet is told how to start."""
    from supple.services.people import has_accounts as any_accounts

    has_accounts = any_accounts(context)
    if has_accounts and not multi_user:
        raise BadRequest("this database has clinic accounts: serve it with `supple serve --multi-user`")
    context.close()  # the server's workers open their own
    if multi_user and not has_accounts:
        out.print(
            "No accounts yet: add the first clinician with `supple account add NAME --clinician`, "
            "who then adds clients from the web."
        )


def _check_certificate(certfile: Path | None, keyfile: Path | None) -> None:
    """The certificate and its key, loaded once here as uvicorn will: one plain line for a file
    that is missing or is not a certificate, instead of a traceback from every worker."""
    if certfile is None:
        if keyfile is not None:
            raise BadRequest("--ssl-keyfile goes with --ssl-certfile")
        return
    import ssl

    def no_passphrase() -> bytes:
        raise BadRequest(f"{keyfile or certfile}: the key is locked with a passphrase, which supple cannot ask for")

    try:
        ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(certfile, keyfile, password=no_passphrase)
    except ssl.SSLError as error:
        problem = f"{certfile}: not a certificate and key supple can serve https with"
        raise BadRequest(problem, detail=error.reason) from None
    except OSError as error:
        raise BadRequest(f"{error.filename or certfile}: cannot be read ({error.strerror})") from None


def _check_address(host: str, port: int) -> None:
    """Listen on the address once, as uvicorn will (SO_REUSEADDR, so a port that only just closed is
    free), so that a port in use is said in one line and with exit code 1, not uvicorn's 3."""
    import errno
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except socket.gaierror:
            raise BadRequest(f"{host}: not an address supple can listen on", topic="host") from None
        except OSError as error:
            if error.errno == errno.EADDRNOTAVAIL:
                raise BadRequest(f"{host} is not an address of this machine", topic="host") from None
            if error.errno == errno.EADDRINUSE:
                raise MachineRefuses(f"another program is listening on port {port}", topic="port") from None
            if error.errno == errno.EACCES:
                raise MachineRefuses(f"only the administrator may listen on port {port}", topic="port") from None
            raise MachineRefuses(f"supple cannot listen on {host} port {port} ({error.strerror})") from None
