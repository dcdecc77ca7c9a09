"""The latest screening, kept as JSON in SUPPLE_HOME and replaced atomically.

Atomic replacement (write a temporary file, then rename) means a crash mid-write leaves the
previous screening in place, never half a file that would lock the person out.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from supple.errors import DataFileError
from supple.safety.screen import Screening

FILE_NAME = "screening.json"


def screening_path(home: Path) -> Path:
    return home / FILE_NAME


def save_screening(*, home: Path, screening: Screening) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    path = screening_path(home)
    descriptor, temporary = tempfile.mkstemp(dir=home, prefix=".screening-", suffix=".json")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(screening.to_json(), handle, indent=2)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def load_screening(*, home: Path) -> Screening | None:
    path = screening_path(home)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    try:
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("expected an object")
        return Screening.from_json(data)
    except (ValueError, KeyError, TypeError) as error:
        raise DataFileError(
            path, "", f"the stored screening is unreadable ({error}); run `supple screen` again"
        ) from None
