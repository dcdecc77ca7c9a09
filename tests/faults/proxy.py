"""Debian's nginx in front of a real `supple serve`, with the server block of docs/operations.md, on
127.0.0.1 only: a self-signed certificate, and every file nginx writes in the test's own folder."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import httpx
import pytest
from tests.e2e.conftest import free_port
from tests.faults.server import wait_for

NGINX = Path("/usr/sbin/nginx")
PUBLIC_NAME = "clinic.example.org"


def nginx_or_skip() -> Path:
    """Debian's nginx; the test is skipped without it on a developer's machine, and fails in CI."""
    if not NGINX.exists():
        if os.environ.get("CI"):
            pytest.fail("nginx is not installed, and CI must test supple behind it: see .ci/run")
        pytest.skip("nginx is not installed")
    return NGINX


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for PUBLIC_NAME and its key, made by openssl for this test only."""
    certificate, key = folder / "clinic.pem", folder / "clinic.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", f"/CN={PUBLIC_NAME}",
         "-keyout", str(key), "-out", str(certificate)],
        check=True, capture_output=True,
    )  # fmt: skip
    return certificate, key


# docs/operations.md's server block, word for word from `upstream` to the last header, on test ports.
CONFIG = """
daemon off;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
user root;
events {{ worker_connections 64; }}
http {{
    access_log {folder}/access.log;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    upstream supple {{
        server 127.0.0.1:{upstream};
    }}
    server {{
        listen 127.0.0.1:{port} ssl;
        server_name {name};
        ssl_certificate     {certificate};
        ssl_certificate_key {key};
        client_max_body_size 50m;
        location / {{
            proxy_pass http://supple;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_set_header X-Forwarded-For $remote_addr;
        }}
    }}
}}
"""


class Nginx:
    """nginx in the foreground (`daemon off`), stopped by the test; https on `self.url`."""

    def __init__(self, folder: Path, *, upstream: str) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        certificate, key = self_signed(folder)
        self.port = free_port()
        self.url = f"https://127.0.0.1:{self.port}"
        config = folder / "nginx.conf"
        config.write_text(
            CONFIG.format(
                folder=folder, upstream=upstream.rsplit(":", 1)[1], port=self.port, name=PUBLIC_NAME,
                certificate=certificate, key=key,
            )
        )  # fmt: skip
        self.log = folder / "error.log"
        self.process = subprocess.Popen(
            [str(nginx_or_skip()), "-p", str(folder), "-c", str(config), "-e", str(self.log)],
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
        )  # fmt: skip
        wait_for(self.answers, seconds=20, what="nginx did not start")

    def answers(self) -> bool:
        assert self.process.poll() is None, f"nginx exited: {self.log.read_text(errors='replace')}"
        try:
            httpx.get(self.url + "/health", verify=False, timeout=2, headers={"Host": PUBLIC_NAME})
        except httpx.HTTPError:
            return False
        return True

    def client(self, *, host: str = PUBLIC_NAME, source: str = "127.0.0.1") -> httpx.Client:
        """A browser asking for `host`, from the loopback address `source` (nginx sees it as the
        client's address, and passes it on in X-Forwarded-For)."""
        transport = httpx.HTTPTransport(verify=False, local_address=source)
        return httpx.Client(base_url=self.url, transport=transport, headers={"Host": host})

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
