"""The pose model is vendored (static/pose/README.md): the files are the recorded version of
@mediapipe/pose, byte for byte, with its licence, without the heavy model, and served by supple
itself with types a browser accepts (WebAssembly is compiled only when served as application/wasm)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from fastapi.testclient import TestClient

from supple.web.paths import STATIC

POSE = Path(STATIC) / "pose"


def recorded() -> dict[str, str]:
    readme = (POSE / "README.md").read_text(encoding="utf-8")
    assert "0.5.1675469404" in readme and "Apache" in readme
    return {name: digest for digest, name in re.findall(r"^([0-9a-f]{64})  (\S+)$", readme, re.M)}


def test_the_vendored_files_are_the_recorded_version_and_nothing_else() -> None:
    files = recorded()
    assert {"pose.js", "pose_landmark_lite.tflite", "pose_landmark_full.tflite", "pose_web.binarypb"} <= set(files)
    for name, digest in files.items():
        assert hashlib.sha256((POSE / name).read_bytes()).hexdigest() == digest, name
    present = {path.name for path in POSE.iterdir()}
    assert present == set(files) | {"README.md", "LICENSE"}
    assert "pose_landmark_heavy.tflite" not in present
    assert "Apache License" in (POSE / "LICENSE").read_text(encoding="utf-8")


def test_supple_serves_the_model_itself(client: TestClient) -> None:
    wasm = client.get("/static/pose/pose_solution_simd_wasm_bin.wasm")
    assert wasm.status_code == 200 and wasm.headers["content-type"] == "application/wasm"
    assert client.get("/static/pose/pose.js").headers["content-type"].startswith("text/javascript")


def test_the_service_worker_keeps_the_model_on_first_use_under_its_version(client: TestClient) -> None:
    worker = client.get("/sw.js").text
    assert '"supple-pose-0.5.1675469404"' in worker and 'url.pathname.startsWith("/static/pose/")' in worker
    for module in ("player/form.js", "form/camera.js", "form/judge.js"):
        assert f'"{module}"' in worker, module  # kept at install (under the version), so the check starts offline
    shell = worker[worker.index("const SHELL") : worker.index("]", worker.index("const SHELL"))]
    assert "/static/pose/" not in shell, "the model's 25 MB are never fetched at install"


def test_the_workers_version_stands_for_the_model_by_its_readme() -> None:
    from supple.web.static_files import _named_by_contents

    assert _named_by_contents(POSE / "README.md", Path(STATIC))
    assert not _named_by_contents(POSE / "pose_landmark_full.tflite", Path(STATIC))
    assert _named_by_contents(Path(STATIC) / "player" / "form.js", Path(STATIC))
