"""Single key presses from the terminal, without Enter, with a timeout (for the player's loop)."""

from __future__ import annotations

import os
import select
import sys
import termios
import tty
from types import TracebackType
from typing import Any


class KeyReader:
    """Puts the terminal in cbreak mode (keys arrive at once, Ctrl-C still works) while in use."""

    def __init__(self, stream: int | None = None) -> None:
        self.fd = sys.stdin.fileno() if stream is None else stream
        self._saved: list[Any] | None = None
        self._pending = ""  # keys that arrived together ("6" and Enter) come out one at a time

    def __enter__(self) -> KeyReader:
        self._saved = termios.tcgetattr(self.fd)
        tty.setcbreak(self.fd)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._saved is not None:
            termios.tcsetattr(self.fd, termios.TCSADRAIN, self._saved)

    def read(self, timeout: float) -> str | None:
        """The next key, or None when none came within `timeout` seconds."""
        if not self._pending:
            ready, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
            if not ready:
                return None
            self._pending = os.read(self.fd, 64).decode("utf-8", "replace")
            if not self._pending:
                return None
        key, self._pending = self._pending[0], self._pending[1:]
        return key
