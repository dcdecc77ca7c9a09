"""The browser tests' web servers: one uvicorn per test worker, shared, with an app of each test's own.

Starting `supple serve` costs seconds of imports (the web stack), and every browser test used to
start one. Here uvicorn runs in a thread of the test process, started once for the session, and
hands each request to the app of the test running now: supple's own `create_app`, built as
`supple serve` builds it on a loopback address, on a SUPPLE_HOME of the test's own copied from a
pristine one (the database made at the newest schema and the content cache filled, once). A test's
people, sign-ins, failed sign-in counts, screenings, routines, sessions, in-memory caches and clock
are in its app and its home, which the next test does not get: nothing is wiped in place, and no
route to wipe anything exists, in supple or here.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import shutil
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
import pytest

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, MutableMapping

    import uvicorn
    from fastapi import FastAPI

    from supple.services.context import AppContext

    Scope = MutableMapping[str, Any]
    Message = MutableMapping[str, Any]
    Receive = Callable[[], Awaitable[Message]]
    Send = Callable[[Message], Awaitable[None]]


class ServerClock:
    """A test's server clock: the real time, because the pages in the browser count real seconds
    beside it, moved on only by the test (`advance(days=8)`). Each test has a new one."""

    def __init__(self) -> None:
        self.ahead = dt.timedelta()

    def __call__(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC) + self.ahead

    def advance(self, **delta: float) -> None:
        self.ahead += dt.timedelta(**delta)


@dataclass(frozen=True)
class Server:
    """What a test is given: the address of its app, the app's SUPPLE_HOME, its application context
    (to add accounts as `supple account add` does: services/people.py) and its clock."""

    url: str
    home: Path
    context: AppContext
    clock: ServerClock
    shared: SharedServer

    @property
    def port(self) -> int:
        return self.shared.port


class Switch:
    """The ASGI app uvicorn serves: each request goes to the app installed now. Between tests none
    is, and a request still coming from the last test's pages is answered 503."""

    def __init__(self) -> None:
        self.app: FastAPI | None = None
        self.loop: asyncio.AbstractEventLoop | None = None
        self._lifespan: contextlib.AsyncExitStack | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._serve_lifespan(receive, send)
            return
        app = self.app
        if app is None:
            from starlette.responses import PlainTextResponse

            await PlainTextResponse("No test is running.", status_code=503)(scope, receive, send)
            return
        await app(scope, receive, send)

    async def _serve_lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                self.loop = asyncio.get_running_loop()
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self._uninstall()
                await send({"type": "lifespan.shutdown.complete"})
                return

    def install(self, app: FastAPI) -> None:
        """Serve `app` from now on, its lifespan (the request threads, closing the database at the
        end) run on the server's event loop as uvicorn would run it."""
        self._on_the_loop(self._install(app))

    def uninstall(self) -> None:
        self._on_the_loop(self._uninstall())

    def _on_the_loop(self, work: Any) -> None:
        assert self.loop is not None, "the server has not started"
        asyncio.run_coroutine_threadsafe(work, self.loop).result(timeout=30)

    async def _install(self, app: FastAPI) -> None:
        await self._uninstall()
        lifespan = contextlib.AsyncExitStack()
        await lifespan.enter_async_context(app.router.lifespan_context(app))
        self.app, self._lifespan = app, lifespan

    async def _uninstall(self) -> None:
        lifespan, self.app, self._lifespan = self._lifespan, None, None
        if lifespan is not None:
            await lifespan.aclose()


class SharedServer:
    """uvicorn in a thread of this process, on a port it holds from the start (bound here and
    given to uvicorn, so that no other server can take it in between)."""

    def __init__(self) -> None:
        import uvicorn

        self.switch = Switch()
        listening = socket.socket()
        listening.bind(("127.0.0.1", 0))
        self.port: int = listening.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        # log_config=None: the test process's logging is left as pytest set it, so the server's
        # errors are in the failing test's captured log.
        config = uvicorn.Config(self.switch, log_level="warning", log_config=None, access_log=False, lifespan="on")
        self.uvicorn: uvicorn.Server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.uvicorn.run, kwargs={"sockets": [listening]}, name=f"supple-{self.port}", daemon=True
        )
        self.thread.start()
        deadline = time.monotonic() + 20
        while not (self.uvicorn.started and self.switch.loop is not None):
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the shared test server did not start (its log is above)")
            time.sleep(0.01)

    def stop(self) -> None:
        self.uvicorn.should_exit = True
        self.thread.join(10)


class CompiledTemplates(jinja2.BytecodeCache):
    """The pages' templates compiled once for every test's app, kept in memory by the name and the
    text of each (Jinja's own key): compiling them again for each new app cost a few tenths of a
    second of its first pages (0.1 to 0.4 s measured on the loaded 2-core machine)."""

    def __init__(self) -> None:
        self.kept: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.kept:
            bucket.bytecode_from_string(self.kept[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.kept[bucket.key] = bucket.bytecode_to_string()


class SharedServers:
    """This worker process's shared servers, started when first needed: a test that needs two at
    once (a clinic's beside a single person's) is given two."""

    def __init__(self, folders: pytest.TempPathFactory) -> None:
        self.folders = folders
        self.idle: list[SharedServer] = []
        self.started: list[SharedServer] = []
        self._pristine: Path | None = None
        self.compiled = CompiledTemplates()

    def serve(self, *, multi_user: bool) -> Server:
        from supple.cli.serve import allowed_hosts
        from supple.config import Settings
        from supple.web.app import create_app

        shared = self.idle.pop() if self.idle else self._start()
        home = self.folders.mktemp("home")
        shutil.copytree(self.pristine(), home, dirs_exist_ok=True)
        clock = ServerClock()
        app = create_app(
            Settings(home=home, multi_user=multi_user),
            allowed_hosts=allowed_hosts(local=True, behind_proxy=None, public_names=[]),
            clock=clock,
        )
        app.state.templates.env.bytecode_cache = self.compiled
        shared.switch.install(app)
        return Server(url=shared.url, home=home, context=app.state.context, clock=clock, shared=shared)

    def done(self, server: Server) -> None:
        server.shared.switch.uninstall()
        self.idle.append(server.shared)

    def pristine(self) -> Path:
        """A SUPPLE_HOME as a first run leaves it: the database at the newest schema, the content
        validated into its cache; nobody in it yet."""
        if self._pristine is None:
            from supple.config import Settings
            from supple.services.context import AppContext

            home = self.folders.mktemp("pristine-home")
            context = AppContext(Settings(home=home))
            context.store.people.find_local_person()
            context.content.catalog()
            context.content.safety()
            context.close()
            self._pristine = home
        return self._pristine

    def close(self) -> None:
        for shared in self.started:
            shared.stop()

    def _start(self) -> SharedServer:
        shared = SharedServer()
        self.started.append(shared)
        return shared
