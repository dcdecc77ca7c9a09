"""Requests kept flowing from threads while a test breaks something: what each one got back."""

from __future__ import annotations

import itertools
import threading
import time
from dataclasses import dataclass, field

import httpx
from tests.faults.server import SET

MAX_STEP = 10_000  # the API's bound on a set's step, used here as each set's own number


@dataclass
class Answer:
    status: int  # 0: no answer (the connection broke: the worker died with the request in flight)
    detail: str
    seconds: float
    at: float  # time.monotonic() when it came back


@dataclass
class Load:
    """Sets posted to `session` from several threads, each numbered by its step; and new sessions
    opened alongside, when `opening`. A new session closes the one running before it (the person
    plays one routine at a time: services/browser_session.py), so the sets then go to the newest
    session opened; a set refused because its session was closed so (409) is sent again there,
    and is no failure."""

    url: str
    session: int
    acknowledged: list[tuple[int, int]] = field(default_factory=list)  # (session, step) answered 204
    opened: list[int] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)
    threads: list[threading.Thread] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.steps = itertools.count()
        self.current = self.session  # the newest session opened: the one still running

    def start(self, *, setters: int = 4, opening: bool = False) -> None:
        targets = [self._post_sets] * setters + ([self._open_sessions] if opening else [])
        self.threads = [threading.Thread(target=target, daemon=True) for target in targets]
        for thread in self.threads:
            thread.start()

    def finish(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=30)

    def acknowledged_after(self, moment: float) -> int:
        return sum(1 for a in self.answers if a.at > moment and a.status in (201, 204))

    def _post_sets(self) -> None:
        with httpx.Client(base_url=self.url, timeout=30) as client:
            while not self.stop.is_set() and (step := next(self.steps)) <= MAX_STEP:
                while not self.stop.is_set():
                    target = self.current
                    response = self._send(client, f"/api/sessions/{target}/sets", {**SET, "step": step},
                                          superseded=True)  # fmt: skip
                    if response is None or response.status_code != 409:
                        break
                    time.sleep(0.01)  # closed by a newer session: send it there once it is known
                if response is not None and response.status_code == 204:
                    self.acknowledged.append((target, step))

    def _open_sessions(self) -> None:
        with httpx.Client(base_url=self.url, timeout=30) as client:
            while not self.stop.is_set():
                response = self._send(client, "/api/sessions", {"routine": "morning"})
                if response is not None and response.status_code == 201:
                    self.current = int(response.json()["id"])
                    self.opened.append(self.current)
                time.sleep(0.05)  # a person opens a session now and then, not in a tight loop

    def _send(
        self, client: httpx.Client, path: str, body: object, *, superseded: bool = False
    ) -> httpx.Response | None:
        """Post it and note the answer; with `superseded`, a 409 (the session closed by a newer
        one) is not noted: the set goes again to the newer session."""
        sent = time.monotonic()
        try:
            response = client.post(path, json=body)
        except httpx.TransportError as error:  # no answer: the worker died with the request in flight
            self.answers.append(Answer(0, repr(error), time.monotonic() - sent, time.monotonic()))
            return None
        if not (superseded and response.status_code == 409):
            self.answers.append(Answer(response.status_code, response.text, time.monotonic() - sent, time.monotonic()))
        return response
