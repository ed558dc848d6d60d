"""``zine serve``: the desk as a local web page (Starlette on uvicorn), rebuilt on every save
(watchfiles), pushed to the page as server-sent events.

Safe by construction: requests whose Host or Origin is not the desk's own get 403 before any
handler runs (no DNS rebinding, no other site's page writing to the project); a write must
also come as JSON from the desk's own page. What is served is looked up by name in what the
build made and the page's own three files, never a path taken from the request; what is
written is only ``pick`` and the switcher's keys (``zine.desk.edits``).
"""

from __future__ import annotations

import asyncio
import json
import socket
from importlib import resources
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from zine.core.errors import OutputError, ZineError
from zine.desk import edits, picks
from zine.desk.state import Desk
from zine.desk.switches import switch_named

ASSETS = {"": ("desk.html", "text/html; charset=utf-8"), "desk.css": ("desk.css", "text/css; charset=utf-8"),
          "desk.js": ("desk.js", "text/javascript; charset=utf-8")}
LOOPBACK = ("127.0.0.1", "localhost", "[::1]")
KEEP_ALIVE = 15.0  # seconds between comments on a quiet event stream (proxies drop silent ones)
SECURITY_HEADERS = [(b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"content-security-policy", b"default-src 'self'; img-src 'self'; frame-ancestors 'none'")]


def own_hosts(host: str, port: int) -> set[str]:
    """The Host values the desk answers to: loopback names, and the address it was given."""
    names = set(LOOPBACK) | {f"[{host}]" if ":" in host and not host.startswith("[") else host}
    return {f"{name}:{port}" for name in names}


class Guard:
    """ASGI middleware: 403 for a foreign Host or Origin, and for a write not sent by the page."""

    def __init__(self, app, hosts: set[str]):
        self.app, self.hosts = app, hosts
        self.origins = {f"http://{h}" for h in hosts}

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        problem = self._problem(scope["method"], headers)
        if problem:
            return await Response(problem, 403, media_type="text/plain")(scope, receive, send)

        async def secured(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": list(message.get("headers", [])) + SECURITY_HEADERS}
            await send(message)

        return await self.app(scope, receive, secured)

    def _problem(self, method: str, headers: dict) -> str | None:
        if headers.get("host", "").lower() not in self.hosts:
            return "Forbidden: this desk answers only to its own address\n"
        origin = headers.get("origin")
        if origin is not None and origin.lower() not in self.origins:
            return "Forbidden: a page from another site may not use this desk\n"
        if method not in ("GET", "HEAD"):
            if origin is None:
                return "Forbidden: changes come only from the desk's own page\n"
            if headers.get("content-type", "").split(";")[0].strip() != "application/json":
                return "Forbidden: changes come only as JSON from the desk's own page\n"
        return None


class Hub:
    """The rebuild loop and the clients waiting for news of it."""

    def __init__(self, desk: Desk):
        self.desk = desk
        self.wake = asyncio.Event()
        self.news = asyncio.Condition()
        self.stopping = False

    async def announce(self) -> None:
        async with self.news:
            self.news.notify_all()

    async def run_builds(self) -> None:
        """Build whenever woken; saves made during a build make one more build, not one each."""
        while not self.stopping:
            await self.wake.wait()
            self.wake.clear()
            self.desk.set_building(True)
            await self.announce()
            await asyncio.to_thread(self.desk.rebuild)
            self.desk.set_building(self.wake.is_set())
            await self.announce()
            if not self.wake.is_set():  # the slower checks only for a build nobody has replaced
                await asyncio.to_thread(self.desk.check)
                await self.announce()

    async def watch(self, stop: asyncio.Event) -> None:
        from watchfiles import awatch

        from zine.desk.watch import STEP_MS, saves_filter

        async for _ in awatch(self.desk.root, watch_filter=saves_filter(), stop_event=stop, step=STEP_MS):
            self.wake.set()

    async def events(self):
        """An event each time what the page shows has changed."""
        seen, quiet = None, 0.0
        while not self.stopping:
            if self.desk.version != seen:
                seen, quiet = self.desk.version, 0.0
                yield f"event: update\ndata: {seen}\n\n"
            try:
                async with self.news:
                    if self.desk.version == seen:  # a second at most: Ctrl-C ends the stream soon
                        await asyncio.wait_for(self.news.wait(), 1.0)
            except TimeoutError:
                quiet += 1.0
                if quiet >= KEEP_ALIVE:
                    quiet = 0.0
                    yield ": still here\n\n"


def make_app(desk: Desk, hub: Hub, hosts: set[str]):
    """The desk's web application, wrapped in its guard."""
    pages = {name: (resources.files("zine.desk").joinpath("assets", file).read_bytes(), kind)
             for name, (file, kind) in ASSETS.items()}

    async def asset(request: Request) -> Response:
        found = pages.get(request.path_params.get("name", ""))
        if found is None:
            return Response("Not found\n", 404, media_type="text/plain")
        return Response(found[0], media_type=found[1], headers={"cache-control": "no-cache"})

    async def state(request: Request) -> Response:
        return JSONResponse(desk.state(), headers={"cache-control": "no-store"})

    async def image(request: Request) -> Response:
        data = desk.images.get(request.path_params["digest"])
        if data is None:
            return Response("Not found\n", 404, media_type="text/plain")
        return Response(data, media_type="image/png", headers={"cache-control": "max-age=31536000, immutable"})

    async def download(request: Request) -> Response:
        name = request.path_params["name"]
        data = desk.good.downloads.get(name) if desk.good else None  # only a file this build made
        if data is None:
            return Response("Not found\n", 404, media_type="text/plain")
        return Response(data, media_type="application/pdf",
                        headers={"content-disposition": f'attachment; filename="{_ascii(name)}"',
                                 "cache-control": "no-store"})

    async def events(request: Request) -> Response:
        return StreamingResponse(hub.events(), media_type="text/event-stream",
                                 headers={"cache-control": "no-store"})

    async def pick(request: Request) -> Response:
        return await _change(request, lambda project, body: _tick(project, body))

    async def top(request: Request) -> Response:
        return await _change(request, lambda project, body: _top(project, body))

    async def switch(request: Request) -> Response:
        return await _change(request, lambda project, body: _switch(project, body))

    async def _change(request: Request, change) -> Response:
        try:
            body = json.loads(await request.body())
            if not isinstance(body, dict):
                raise ValueError("not an object")
        except ValueError:
            return JSONResponse({"error": "send a JSON object"}, 400)
        try:
            written = await asyncio.to_thread(_locked, desk, change, body)
        except (ZineError, KeyError, IndexError, TypeError, ValueError) as exc:
            message = exc.format_message() if isinstance(exc, ZineError) else f"not a change the desk makes: {exc}"
            return JSONResponse({"error": f"Error: {message}"}, 409)
        hub.wake.set()  # the watcher would too; this saves it a step
        return JSONResponse({"written": written})

    routes = [Route("/", asset), Route("/assets/{name}", asset), Route("/state", state),
              Route("/events", events), Route("/image/{digest}.png", image),
              Route("/download/{name}", download), Route("/pick", pick, methods=["POST"]),
              Route("/top", top, methods=["POST"]), Route("/switch", switch, methods=["POST"])]
    return Guard(Starlette(routes=routes), hosts)


def _locked(desk: Desk, change, body: dict) -> str:
    from zine.project import load_project

    with desk.lock:  # never while a build reads the files
        project = load_project(desk.source)
        path = change(project, body)
        return path.relative_to(project.root).as_posix()


def _tick(project, body: dict) -> Path:
    index, cid = int(body["contribution"]), str(body["id"])
    comments = _comments(project, index)
    new = picks.tick(comments, edits.current_pick(project, index), cid, bool(body["on"]), bool(body.get("thread")))
    return edits.write_pick(project, index, new)


def _top(project, body: dict) -> Path:
    index, count = int(body["contribution"]), int(body["n"])
    if not 0 < count <= 1000:
        raise ValueError("top needs a number from 1 to 1000")
    _comments(project, index)
    return edits.write_pick(project, index, picks.top(count))


def _switch(project, body: dict) -> Path:
    key, value = str(body["key"]), body.get("value")
    switch = switch_named(key)
    choices = switch.choices(project) if switch else None
    if choices is None or (value is not None and value not in choices):
        raise ValueError(f"{key} = {value!r}")
    return edits.write_setting(project, key, value)


def _comments(project, index: int):
    from zine.project import load_comments

    article = project.contributions[index]
    if article.comments_path is None:
        raise ValueError("this contribution has no comments")
    return load_comments(article.comments_path)


def _ascii(name: str) -> str:
    return "".join(c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in name)


def listen(host: str, port: int) -> socket.socket:
    """The listening socket, or an error that says what to do."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
    except OSError as exc:
        sock.close()
        raise OutputError(f"cannot listen on {host}:{port}: {exc.strerror}; give another --port "
                          "(or stop the other desk)") from exc
    sock.listen(64)
    sock.setblocking(False)
    return sock


def serve(source: Path, host: str = "127.0.0.1", port: int = 8000, on_ready=None) -> None:
    """Serve the desk for ``source`` until interrupted; ``on_ready(url)`` once it listens."""
    desk = Desk(source)
    try:
        asyncio.run(_serve(desk, host, port, on_ready))
    finally:
        desk.close()


async def _serve(desk: Desk, host: str, port: int, on_ready) -> None:
    import uvicorn

    sock = listen(host, port)
    port = sock.getsockname()[1]
    hub = Hub(desk)
    app = make_app(desk, hub, own_hosts(host, port))
    class Server(uvicorn.Server):
        def handle_exit(self, sig, frame) -> None:
            hub.stopping = True  # end the event streams, which would hold the shutdown up
            super().handle_exit(sig, frame)

    server = Server(uvicorn.Config(app, log_level="warning", timeout_graceful_shutdown=3,
                                   lifespan="off", access_log=False))
    stop = asyncio.Event()
    tasks = [asyncio.create_task(hub.run_builds()), asyncio.create_task(hub.watch(stop))]
    hub.wake.set()
    if on_ready:
        on_ready(f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}/")
    try:
        await server.serve(sockets=[sock])
    finally:
        hub.stopping = True
        stop.set()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
