"""Page weights: what each main page costs to fetch, as sent (gzipped, for a browser that takes it)
and uncompressed, the page alone and with the static files it asks for (styles, scripts, the
player's modules, which the service worker keeps after the first visit). In process, single-person
mode, a screening and a saved routine in a temporary SUPPLE_HOME.

.venv/bin/python -m bench.page_weights
"""

from __future__ import annotations

import re
import tempfile
import warnings
from pathlib import Path

PAGES = {
    "welcome": "/",
    "plan": "/plan?conditions=sciatica&conditions=hip-pain&minutes=20",
    "player": "/play?routine=morning",
    "exercises": "/exercises",
    "an exercise": "/exercises/pigeon-pose",
    "progress": "/progress",
}
COLUMNS = ["page", "page KB", "page gzipped KB", "with its files KB", "with its files gzipped KB"]
_FILES = re.compile(r'(?:href|src)="(/static/[^"]+\.(?:css|js|svg))"')
# What a module imports as it runs: `import ... from "./x.js"`, and `import("./x.js")` at its top level
# (the player's form check, fetched as the player opens); not an import inside a function (app.js
# loads the outbox only when something waits), nor a camera module imported on the person's asking.
_IMPORTS = re.compile(r'^import(?: .* from |\()"\./([^"]+)"', re.M)


def run() -> list[dict[str, object]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from supple.config import Settings
    from supple.web.app import create_app

    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as home, TestClient(create_app(Settings(home=Path(home)))) as client:
        client.post("/api/screening", json={"yes": []})
        client.put("/api/routines/morning", json={"conditions": ["sciatica", "hip-pain"], "minutes": 20})
        for name, path in PAGES.items():
            plain, sent = _sizes(client, path)
            page = client.get(path).text
            files = _files(client, _FILES.findall(page))
            plain_all, sent_all = plain, sent
            for file in files:
                size, gzipped = _sizes(client, file)
                plain_all, sent_all = plain_all + size, sent_all + gzipped
            values = [name, plain / 1024, sent / 1024, plain_all / 1024, sent_all / 1024]
            rows.append(dict(zip(COLUMNS, values, strict=True)))
    return rows


def _sizes(client: object, path: str) -> tuple[int, int]:
    """Bytes on the wire uncompressed, and gzipped."""
    plain = client.get(path, headers={"Accept-Encoding": "identity"})  # type: ignore[attr-defined]
    gzipped = client.get(path, headers={"Accept-Encoding": "gzip"})  # type: ignore[attr-defined]
    return len(plain.content), int(gzipped.headers.get("content-length", len(gzipped.content)))


def _files(client: object, found: list[str]) -> list[str]:
    """The files a page asks for, and the modules those import, each once."""
    seen: list[str] = []
    todo = list(found)
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.append(path)
        if path.endswith(".js"):
            folder = path.rsplit("/", 1)[0]
            text = client.get(path).text  # type: ignore[attr-defined]
            todo += [f"{folder}/{name}" for name in _IMPORTS.findall(text)]
    return seen


if __name__ == "__main__":
    print("| " + " | ".join(COLUMNS) + " |")
    print("|---|" + "---:|" * (len(COLUMNS) - 1))
    for row in run():
        print("| " + " | ".join(f"{v:.1f}" if isinstance(v, float) else str(v) for v in row.values()) + " |")
