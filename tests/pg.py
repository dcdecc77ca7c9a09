"""A throwaway PostgreSQL server on 127.0.0.1 for the tests: initdb + pg_ctl as the postgres user."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


def postgres_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_postgres(args: list[str]) -> list[str]:
    # initdb refuses to run as root; CI and this machine run as root.
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


@dataclass(frozen=True)
class Cluster:
    """A running throwaway server: its URL, and pg_ctl to restart it (the fault tests)."""

    url: str
    bin_dir: Path
    data: Path
    log: Path

    def pg_ctl(self, *args: str) -> None:
        command = [str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), *args]
        subprocess.run(_as_postgres(command), check=True, capture_output=True)

    def restart(self) -> None:
        """A fast restart (the server's options are kept in postmaster.opts): connections are cut."""
        self.pg_ctl("-m", "fast", "-w", "restart")


@contextmanager
def throwaway_server(*, durable: bool = False) -> Iterator[str]:
    """Yields the URL of a fresh server's `postgres` database; the server and its files go after.
    Tests run it with fsync off (faster, and nothing to keep); benchmarks ask for a durable one."""
    with throwaway_cluster(durable=durable) as cluster:
        yield cluster.url


@contextmanager
def throwaway_cluster(*, durable: bool = False) -> Iterator[Cluster]:
    """As throwaway_server, with the server's files and pg_ctl at hand."""
    bin_dir = postgres_bin()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL is not installed (Debian: apt install postgresql)")
    folder = Path(tempfile.mkdtemp(prefix="supple-pg-"))
    data = folder / "data"
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    port = _free_port()
    run = {"check": True, "capture_output": True}
    subprocess.run(_as_postgres([str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"]), **run)
    options = f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={folder}"
    options += " -c max_connections=200"  # initdb sizes it to the machine; 4 workers' pools need more
    options += "" if durable else " -c fsync=off"
    cluster = Cluster(f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres", bin_dir, data, folder / "log")
    cluster.pg_ctl("-o", options, "-w", "start")
    try:
        yield cluster
    finally:
        cluster.pg_ctl("-m", "immediate", "stop")
        shutil.rmtree(folder, ignore_errors=True)
