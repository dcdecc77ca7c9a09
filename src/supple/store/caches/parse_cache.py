"""Parsed data files kept as JSON, so a cold command skips YAML parsing (most of its load time).

Like Python's own .pyc files, an entry is trusted while the file's size and modification time
are unchanged. The cache is only ever an optimisation: an unreadable, corrupt or unwritable
cache falls back to parsing, and every file is still validated on each load.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from supple.store.files.atomic import write_bytes_atomically

CACHE_VERSION = 1


class ParseCache:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._entries: dict[str, dict[str, Any]] | None = None
        self._changed = False

    def read(self, file: Path) -> Any:
        # Imported when a file is read: a cold command that finds its content cached reads none.
        from supple.catalog.loader import read_yaml

        try:
            stat = file.stat()
        except OSError:
            return read_yaml(file)  # read_yaml reports the missing file
        key, stamp = str(file.resolve()), [stat.st_size, stat.st_mtime_ns]
        entries = self._load()
        entry = entries.get(key)
        if isinstance(entry, dict) and entry.get("stamp") == stamp:
            return entry["data"]
        data = read_yaml(file)
        if _fits_json(data):
            entries[key] = {"stamp": stamp, "data": data}
            self._changed = True
        return data

    def save(self) -> None:
        """Write new entries back; a cache that cannot be written is simply not kept."""
        if not self._changed or self._entries is None:
            return
        try:
            # Compact: indented, json takes its pure-Python encoder, tens of ms of a new folder's first command.
            data = json.dumps({"version": CACHE_VERSION, "entries": self._entries}, separators=(",", ":"))
            write_bytes_atomically(self.path, data.encode("utf-8"))
            self._changed = False
        except OSError:
            pass

    def _load(self) -> dict[str, dict[str, Any]]:
        if self._entries is None:
            self._entries = {}
            try:
                stored = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                return self._entries
            if isinstance(stored, dict) and stored.get("version") == CACHE_VERSION:
                entries = stored.get("entries")
                if isinstance(entries, dict):
                    self._entries = entries
        return self._entries


def _fits_json(data: Any) -> bool:
    """Only data that comes back from JSON exactly as YAML gave it (no dates, no number keys)."""
    try:
        return bool(json.loads(json.dumps(data)) == data)
    except (TypeError, ValueError):
        return False
