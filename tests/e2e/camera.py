"""A camera for the browser tests and bench/form.py: Chromium's fake camera filming a photograph of a
person, scikit-image's astronaut (a test-only dependency), seen from the waist up."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

# WebGL without a GPU (SwiftShader), and a camera that films the astronaut.
CAMERA_ARGS = [
    "--headless", "--no-sandbox", "--enable-unsafe-swiftshader", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
    "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
]  # fmt: skip


def astronaut_video(path: Path) -> Path:
    """scikit-image's photograph of a person as one frame of Y4M video (4:2:0), which Chromium's
    fake camera plays over and over."""
    from skimage import data

    rgb = data.astronaut().astype(np.float32)
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    y = 0.299 * r + 0.587 * g + 0.114 * b
    u, v = (b - y) * 0.564 + 128, (r - y) * 0.713 + 128
    height, width = y.shape

    def half(plane: Any) -> Any:
        return plane.reshape(height // 2, 2, width // 2, 2).mean(axis=(1, 3))

    with path.open("wb") as out:
        out.write(f"YUV4MPEG2 W{width} H{height} F30:1 Ip A1:1 C420jpeg\nFRAME\n".encode())
        for plane in (y, half(u), half(v)):
            out.write(np.clip(plane, 0, 255).astype(np.uint8).tobytes())
    return path
