"""Saying the cues: espeak-ng when asked for and installed, the terminal bell otherwise."""

from __future__ import annotations

import shutil
import subprocess
import sys
from typing import Protocol

from supple.session.engine import Cue

# Cues worth a bell without a voice: the start of something new, a stop, the end.
BELL_CUES = frozenset({"start", "stopped", "finished", "ended"})
ESPEAK_WORDS_PER_MINUTE = "150"  # a calm pace; espeak-ng's default (175) feels hurried here


class Speaker(Protocol):
    def say(self, cues: list[Cue]) -> None:
        """Cues due at the same moment come together, so one does not cut off another."""

    def close(self) -> None: ...


class Quiet:
    def say(self, cues: list[Cue]) -> None:
        pass

    def close(self) -> None:
        pass


class Bell:
    def say(self, cues: list[Cue]) -> None:
        if any(cue.kind in BELL_CUES for cue in cues):
            sys.stdout.write("\a")
            sys.stdout.flush()

    def close(self) -> None:
        pass


class Espeak:
    """Speaks each cue in the background; a newer cue cuts off one still being spoken."""

    def __init__(self, program: str) -> None:
        self.program = program
        self._speaking: subprocess.Popen[bytes] | None = None

    def say(self, cues: list[Cue]) -> None:
        if not cues:
            return
        self._stop()
        self._speaking = subprocess.Popen(
            [self.program, "-s", ESPEAK_WORDS_PER_MINUTE, "--", " ".join(cue.text for cue in cues)],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip

    def _stop(self) -> None:
        if self._speaking is not None and self._speaking.poll() is None:
            self._speaking.terminate()
            self._speaking.wait()

    def close(self) -> None:
        """Let the last words finish (within reason)."""
        if self._speaking is not None:
            try:
                self._speaking.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._stop()


def make_speaker(*, voice: bool, bell: bool) -> tuple[Speaker, str | None]:
    """The speaker to use, and a message when the voice was asked for but cannot be had."""
    if voice:
        program = shutil.which("espeak-ng")
        if program:
            return Espeak(program), None
        message = "--voice needs espeak-ng, which is not installed (Debian: apt install espeak-ng); using the bell"
        return Bell(), message
    return (Bell() if bell else Quiet()), None
