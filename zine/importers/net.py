"""The one door to the network: every address ``zine import`` reads goes through a :class:`Session`.

Nothing here runs unless the user asked (an address on the command line, or
``--fetch-images``); the build never imports this module. A session:

- takes http and https only, redirects included, and follows a few of them;
- resolves each host itself and connects only to addresses it has checked
  (:mod:`.addresses`: loopback, link-local, private, unspecified and
  IPv4-mapped ones are refused unless ``allow_private``), so neither DNS nor a
  redirect can turn the import against the user's own machine or network;
- bounds every request in bytes and in time, and the whole import in time and
  requests (``zine.core.limits``). A socket timeout alone cannot stop a server
  that sends a byte every few seconds, so a watchdog closes the connection when
  the deadline passes, whatever it is waiting for (headers or body);
- lists every address it asked for, for the import's report.

urllib3 does the HTTP; this module gives it the checked sockets.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import HTTPError as Urllib3Error

from zine.core import limits
from zine.core.errors import FetchError
from zine.core.files import megabytes
from zine.importers.addresses import private_reason, resolve

USER_AGENT = "zine-import/0.1 (a blog post to print, asked for by its user)"
HTML_OR_JSON = "text/html, application/xhtml+xml, application/json;q=0.9"
PRIVATE_HINT = "add --allow-private to read from your own machine or network"
STATUS_WORDS = {
    401: "the post is private or needs a login (zine reads only public posts)",
    403: "the post is private or the server refuses visitors (zine reads only public posts)",
    404: "no such page: check the address (a deleted or private post answers this too)",
    410: "the post was deleted",
}


@dataclass
class Response:
    """One answer: the address it finally came from, its status, headers and whole body."""

    url: str
    status: int
    headers: urllib3.HTTPHeaderDict
    body: bytes
    _tree: object = field(default=None, repr=False, compare=False)

    @property
    def kind(self) -> str:
        """The media type without parameters: 'text/html', 'application/json' ..."""
        return self.headers.get("Content-Type", "").split(";")[0].strip().lower()

    def is_html(self) -> bool:
        return self.kind in ("text/html", "application/xhtml+xml")

    def is_json(self) -> bool:
        return self.kind == "application/json" or self.kind.endswith("+json")

    def html(self):
        """The body parsed as HTML (once), by Python's own parser: nothing fetched."""
        if self._tree is None:
            from bs4 import BeautifulSoup

            self._tree = BeautifulSoup(self.body, "html.parser")
        return self._tree

    def json(self):
        """The body as JSON, or one clear error naming the address."""
        try:
            return json.loads(self.body.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError):
            raise FetchError("the answer is not readable JSON", self.url) from None


@dataclass
class Session:
    """Every request of one import: the address rule, the deadlines and the list of addresses."""

    allow_private: bool = False
    fetched: list[str] = field(default_factory=list)
    requests: int = 0
    started: float = field(default_factory=time.monotonic)

    def get(self, url: str, accept: str = HTML_OR_JSON, max_bytes: int | None = None,
            kinds: tuple[str, ...] = ("html", "json"), seconds: float | None = None,
            redirects: int | None = None) -> Response:
        """GET ``url`` following redirects; a :class:`FetchError` for anything but a 200 answer
        of one of ``kinds`` ('html', 'json'; none: any). ``seconds`` and ``redirects`` tighten
        the limits for this address."""
        target, most = url, limits.WEB_REDIRECTS if redirects is None else redirects
        for _hop in range(most + 1):
            try:
                response = self._one(target, accept, max_bytes or limits.WEB_PAGE_BYTES, seconds)
            except FetchError as err:
                if target != url:
                    err.why += f" (reached by a redirect from {url})"
                    err.message += f" (reached by a redirect from {url})"
                raise
            location = response.headers.get("Location")
            if response.status in (301, 302, 303, 307, 308) and location:
                target = _printable(urljoin(target, location.strip()))
                if urlsplit(target).scheme.lower() not in ("http", "https"):
                    raise FetchError(f"it redirects to {target}, which is not a web address", url)
                continue
            _check_status(response)
            _check_kind(response, kinds)
            return response
        raise FetchError(f"more than {most} redirects", url)

    def get_json(self, url: str):
        """The JSON an API address answers."""
        return self.get(url, accept="application/json", kinds=("json",)).json()

    # --- one request -----------------------------------------------------------------------

    def _one(self, url: str, accept: str, max_bytes: int, seconds: float | None) -> Response:
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            raise FetchError("only http and https addresses are read", url)
        self._count(url)
        seconds = limits.WEB_REQUEST_SECONDS if seconds is None else seconds
        deadline = min(time.monotonic() + seconds, self.started + limits.WEB_IMPORT_SECONDS)
        watch = _Watchdog(deadline)
        pool = self._pool(parts, watch)
        try:
            with watch:
                response = self._exchange(pool, url, parts, accept, max_bytes, watch)
            if watch.fired:  # a trickle cut short can look like a whole answer
                raise TimeoutError
            return response
        except FetchError:
            raise
        except PrivateAddress as refusal:
            raise FetchError(f"refused: {refusal}; {PRIVATE_HINT}", url) from None
        except (Urllib3Error, OSError) as err:
            raise FetchError(self._network_reason(err, watch, deadline, seconds), url) from None
        finally:
            pool.close()

    def _count(self, url: str) -> None:
        if self.requests >= limits.WEB_REQUESTS:
            raise FetchError(f"not asked for: one import asks for {limits.WEB_REQUESTS} "
                             "addresses at most", url)
        if time.monotonic() >= self.started + limits.WEB_IMPORT_SECONDS:
            raise FetchError(f"not asked for: the import has used its {limits.WEB_IMPORT_SECONDS:g} "
                             "seconds", url)
        self.requests += 1
        self.fetched.append(url)

    def _pool(self, parts, watch: _Watchdog):
        guarded = {"session": self, "watch": watch}
        timeout = urllib3.Timeout(connect=limits.WEB_STALL_SECONDS, read=limits.WEB_STALL_SECONDS)
        host = parts.hostname
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)  # an IPv6 host needs it given
        if parts.scheme.lower() == "https":
            pool = HTTPSConnectionPool(host, port, timeout=timeout, retries=False, maxsize=1)
            pool.ConnectionCls = type("CheckedHTTPS", (_Checked, HTTPSConnection), guarded)
        else:
            pool = HTTPConnectionPool(host, port, timeout=timeout, retries=False, maxsize=1)
            pool.ConnectionCls = type("CheckedHTTP", (_Checked, HTTPConnection), guarded)
        return pool

    def _exchange(self, pool, url: str, parts, accept: str, max_bytes: int,
                  watch: _Watchdog) -> Response:
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        raw = pool.urlopen("GET", path, headers={"User-Agent": USER_AGENT, "Accept": accept},
                           redirect=False, retries=False, preload_content=False)
        try:
            if raw.status in (301, 302, 303, 307, 308) or raw.status >= 400:
                body = b""  # what follows a redirect or an error is not needed
            else:
                body = _read_capped(raw, max_bytes, url)
        finally:
            raw.release_conn()
        return Response(url, raw.status, raw.headers, body)

    def _network_reason(self, err: Exception, watch: _Watchdog, deadline: float, seconds: float) -> str:
        if watch.fired:
            whole = deadline >= self.started + limits.WEB_IMPORT_SECONDS - 0.001
            if whole:
                return (f"stopped at the time limit of {limits.WEB_IMPORT_SECONDS:g} seconds "
                        "for a whole import")
            return (f"stopped at the time limit of {seconds:g} seconds for one "
                    "address: the server sends too slowly")
        text = str(err)
        if "timed out" in text.lower() or isinstance(err, (TimeoutError, socket.timeout)):
            return f"the server stalled (nothing for {limits.WEB_STALL_SECONDS:g} seconds)"
        if "Name or service not known" in text or "NameResolution" in type(err).__name__ \
                or "resolve" in text.lower():
            return "no such host (the name does not resolve)"
        if "refused" in text.lower():
            return "cannot connect: the server refuses connections"
        if "certificate" in text.lower() or "SSL" in text:
            return "the secure connection failed (the server's certificate is not valid)"
        return f"cannot read it ({type(err).__name__})"

    # --- the address rule ------------------------------------------------------------------

    def open_socket(self, host: str, port: int, timeout, watch: _Watchdog) -> socket.socket:
        """A connected socket to the first allowed address ``host`` resolves to."""
        refused, last_error = [], None
        for family, kind, proto, address in resolve(host, port):
            why = None if self.allow_private else private_reason(address[0])
            if why:
                refused.append(why if address[0] == host.strip("[]") else f"{address[0]} ({why})")
                continue
            sock = socket.socket(family, kind, proto)
            watch.add(sock)
            try:
                sock.settimeout(timeout if isinstance(timeout, (int, float)) else None)
                sock.connect(address)
                return sock
            except OSError as err:
                sock.close()
                last_error = err
        if refused and last_error is None:
            raise PrivateAddress(f"{host} is {', '.join(refused)}")
        raise last_error or OSError(f"{host} has no address")


class PrivateAddress(Exception):
    """A host that resolves only to addresses the rule refuses (not an OSError: urllib3 lets it
    through unchanged)."""


class _Checked:
    """An urllib3 connection that opens its socket through the session's address rule."""

    session: Session
    watch: _Watchdog

    def _new_conn(self) -> socket.socket:
        sock = self.session.open_socket(self.host, self.port, self.timeout, self.watch)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock

    def connect(self) -> None:
        super().connect()
        # TLS wraps the socket in a new object (the plain one is detached): the watchdog must
        # hold that one, as the response keeps reading from it after the connection lets go.
        self.watch.add(self.sock)


class _Watchdog:
    """Shuts every socket of one request when its deadline passes, whatever it waits for."""

    def __init__(self, deadline: float):
        self.deadline = deadline
        self.fired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None

    def add(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.fired:
                self._shut(sock)

    def __enter__(self):
        self._timer = threading.Timer(max(self.deadline - time.monotonic(), 0), self._fire)
        self._timer.daemon = True
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.cancel()

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            for sock in self._sockets:
                self._shut(sock)

    @staticmethod
    def _shut(sock: socket.socket) -> None:
        try:
            sock.shutdown(socket.SHUT_RDWR)  # wakes a read blocked in another thread
        except (OSError, ValueError):
            pass


def _read_capped(raw, max_bytes: int, url: str) -> bytes:
    declared = raw.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"larger than {_size(max_bytes)} ({_size(int(declared))})", url)
    chunks, total = [], 0
    for chunk in raw.stream(64 * 1024, decode_content=True):
        total += len(chunk)
        if total > max_bytes:
            raise FetchError(f"larger than {_size(max_bytes)}", url)
        chunks.append(chunk)
    return b"".join(chunks)


def _size(count: int) -> str:
    return megabytes(count) if count >= 100_000 else f"{count:,} bytes"


def _check_status(response: Response) -> None:
    status, where = response.status, response.url
    if status == 200:
        return
    try:
        said = f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        said = str(status)
    if status == 429:
        wait = retry_after(response.headers.get("Retry-After", ""))
        hint = f"it asks to wait {wait} before trying again" if wait else "try again later"
        raise FetchError(f"the server answered 429 Too Many Requests: {hint}", where, status)
    if status in STATUS_WORDS:
        raise FetchError(f"the server answered {said}: {STATUS_WORDS[status]}", where, status)
    if status in (301, 302, 303, 307, 308):
        raise FetchError(f"the server answered {said} (a redirect) without saying where to", where, status)
    raise FetchError(f"the server answered {said}", where, status)


def _printable(url: str) -> str:
    """Control characters and spaces in an address percent-encoded: it is printed in the report,
    and a terminal must not take a server's escape sequence for a command."""
    return "".join(f"%{ord(ch):02X}" if ord(ch) <= 0x20 or 0x7F <= ord(ch) <= 0x9F else ch for ch in url)


def retry_after(value: str) -> str | None:
    """Retry-After in words: '120' -> '2 minutes', an HTTP date -> the seconds until it."""
    value = value.strip()
    if value.isdigit():
        seconds = int(value)
    else:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        seconds = max(int(when.timestamp() - time.time()), 0)
    if seconds >= 120:
        return f"{round(seconds / 60)} minutes"
    return f"{seconds} second" + ("" if seconds == 1 else "s")


def _check_kind(response: Response, kinds: tuple[str, ...]) -> None:
    if not kinds:
        return
    ok = (("html" in kinds and response.is_html()) or ("json" in kinds and response.is_json())
)
    if not ok:
        wanted = " or ".join({"html": "a web page", "json": "JSON"}[k] for k in kinds)
        raise FetchError(f"the address gives {response.kind or 'something of no stated type'}, "
                         f"not {wanted}", response.url)
