"""The static files, under names that change with their contents, so a browser may keep them a year.

The pages ask for /static/VERSION/style.css, VERSION a digest of every static file: a new supple (or
an edited file, after a restart) is a new name, so what a browser kept is never stale, and it keeps
them with `immutable` instead of asking again on every page. The ES modules import each other by
relative names (`./engine.js`), which stay under the same version. A file asked for under its plain
name (/static/style.css: the manifest's icon, the handout's script, a page kept from an older
version) is sent with `no-cache`: the browser asks again each time, and its ETag answers 304 when
nothing changed. ETags are weak: the answer may be compressed (web/app.py), which a strong one would
have to tell apart from the uncompressed bytes.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
from pathlib import Path

from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

KEEP_A_YEAR = "public, max-age=31536000, immutable"
ASK_AGAIN = "no-cache"
_VERSION = re.compile(r"[0-9a-f]{16}")


@functools.cache
def static_version(static: Path) -> str:
    """A digest of the static files' names and contents: it names the service worker's cache too."""
    digest = hashlib.sha256()
    for file in sorted(path for path in static.rglob("*") if path.is_file() and _named_by_contents(path, static)):
        digest.update(file.relative_to(static).as_posix().encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()[:16]


def _named_by_contents(file: Path, static: Path) -> bool:
    """The pose model's 25 MB (static/pose/) are a fixed version of a package: its README names the
    version and every file's hash, and stands for them all (the worker keeps them in a cache of
    their own, named after that version), so a start need not read them."""
    return file.parent != static / "pose" or file.name == "README.md"


def static_url(static: Path, name: str) -> str:
    """Where a page asks for a static file: under the files' version."""
    return f"/static/{static_version(static)}/{name}"


class VersionedStaticFiles(StaticFiles):
    """StaticFiles that drops a version from the front of the path (any version: a page an older
    supple served still finds its files) and says how long the answer may be kept."""

    def __init__(self, *, directory: Path) -> None:
        super().__init__(directory=directory)
        self.version = static_version(directory)

    async def get_response(self, path: str, scope: Scope) -> Response:
        first, _, rest = path.partition("/")
        versioned = bool(_VERSION.fullmatch(first)) and bool(rest)
        response = await super().get_response(rest if versioned else path, scope)
        if response.status_code in (200, 304):
            current = versioned and first == self.version
            response.headers["cache-control"] = KEEP_A_YEAR if current else ASK_AGAIN
        return response

    def file_response(
        self, full_path: str | os.PathLike[str], stat_result: os.stat_result, scope: Scope, status_code: int = 200
    ) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        etag = response.headers.get("etag")
        if etag is not None and not etag.startswith("W/"):
            response.headers["etag"] = "W/" + etag
        return response
