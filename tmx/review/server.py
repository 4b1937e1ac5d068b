"""The local review page: the standard library's HTTP server on 127.0.0.1, nothing else.

Only the person who started it may use it: the server listens on the loopback
address alone, every URL starts with a random token, and a request whose Host
is not this server's (DNS rebinding) or whose Origin is another site's
(cross-site requests from a page in the same browser) is refused. No path in
a URL is ever turned into a file path: pages come from a fixed list of package
files, and projects are numbered by the server; the only files written are
each project's own file and its TMX.
"""

from __future__ import annotations

import hmac
import json
import os
import secrets
import sys
import threading
import webbrowser
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from urllib.parse import urlsplit

from align.errors import AlignError
from align.review import Edit, Review, changed_span
from tmx.formats import creation_date
from tmx.review.corpus import Corpus
from tmx.review.project import Project

_STATIC_TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                 ".css": "text/css; charset=utf-8"}
#: The package files the page is made of: the only files a URL can name.
STATIC = {name: _STATIC_TYPES[os.path.splitext(name)[1]]
          for name in ("review.html", "review.js", "corpus.html", "corpus.js", "review.css")}
_MAX_BODY = 64 * 1024
_SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; object-src 'none'; base-uri 'none'; "
                               "frame-ancestors 'none'; form-action 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


@dataclass
class Session:
    """One project being reviewed; edits are made one at a time."""

    project: Project
    lock: threading.Lock = field(default_factory=threading.Lock)


class ReviewServer(ThreadingHTTPServer):
    """Serves the review of one project, or of every pair of a corpus folder."""

    daemon_threads = True

    def __init__(self, sessions: list[Session], corpus: Corpus | None = None) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.sessions = sessions
        self.corpus = corpus
        self.token = secrets.token_urlsafe(24)
        port = self.server_address[1]
        self.hosts = {f"127.0.0.1:{port}", f"localhost:{port}"}
        self.origins = {f"http://{host}" for host in self.hosts}

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/{self.token}/"

    def run(self, open_page: bool) -> None:
        """Serve until Ctrl-C, first opening the page in a browser when asked and possible."""
        if open_page and can_open_browser():
            open_browser(self.url)
        try:
            self.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            self.server_close()

    def start(self) -> threading.Thread:
        """Serve in a background thread (tests, benchmarks); ``shutdown()`` stops it."""
        thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05},
                                  daemon=True)
        thread.start()
        return thread


def beads_json(review: Review, start: int = 0, end: int | None = None) -> list[list]:
    """Beads as the page takes them: ``[src ids, tgt ids, confidence, reviewed date]``."""
    return [[list(b.src), list(b.tgt), round(b.confidence, 4), b.reviewed]
            for b in review.beads[start:end]]


def project_json(session: Session) -> dict:
    project = session.project
    sides = {side: {"lang": s.lang, "name": s.name, "texts": s.texts, "paragraph": s.paragraph}
             for side, s in (("src", project.base.src), ("tgt", project.base.tgt))}
    return {**sides, "beads": beads_json(project.review), "tmx": project.tmx_name,
            **_history(project.review)}


def _history(review: Review) -> dict:
    return {"edits": review.position, "canUndo": review.position > 0,
            "canRedo": review.position < len(review.edits)}


class _Handler(BaseHTTPRequestHandler):
    server: ReviewServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args) -> None:
        """Quiet: the terminal shows the address and errors, not every request."""

    def do_GET(self) -> None:
        route = self._route()
        if route is None:
            return
        if route == [""]:  # a corpus: its list of pairs; a single project: its review
            return self._static("corpus.html") if self.server.corpus else self._redirect("p/0/")
        if route == ["pairs"] and self.server.corpus:
            return self._json(self.server.corpus.listing([s.project for s in self.server.sessions]))
        if len(route) == 2 and route[0] == "static" and route[1] in STATIC:
            return self._static(route[1])
        session, rest = self._session(route)
        if session is None:
            return
        if rest == [""]:
            return self._static("review.html")
        if rest == ["data"]:
            with session.lock:
                return self._json({**project_json(session), "corpus": self.server.corpus is not None})
        self._refuse(HTTPStatus.NOT_FOUND)

    def do_POST(self) -> None:
        route = self._route()
        if route is None:
            return
        if self.headers.get_content_type() != "application/json":
            return self._refuse(HTTPStatus.UNSUPPORTED_MEDIA_TYPE)
        session, rest = self._session(route)
        if session is None:
            return
        body = self._body()
        if body is None:
            return
        if rest not in (["edit"], ["undo"], ["redo"], ["write"]):
            return self._refuse(HTTPStatus.NOT_FOUND)
        try:
            with session.lock:
                self._json(_act(session, rest[0], body))
        except AlignError as exc:
            self._json({"error": str(exc)}, HTTPStatus.CONFLICT)

    def _route(self) -> list[str] | None:
        """The path after the token, split at ``/``; None (already answered) when the
        request is refused."""
        host = self.headers.get("Host", "")
        origin = self.headers.get("Origin")
        if host not in self.server.hosts:
            return self._refuse(HTTPStatus.FORBIDDEN, "wrong Host")
        if origin is not None and origin not in self.server.origins:
            return self._refuse(HTTPStatus.FORBIDDEN, "foreign Origin")
        if self.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
            return self._refuse(HTTPStatus.FORBIDDEN, "cross-site request")
        parts = urlsplit(self.path).path.split("/")
        if len(parts) < 3 or parts[0] or not hmac.compare_digest(
                parts[1].encode(), self.server.token.encode()):
            return self._refuse(HTTPStatus.NOT_FOUND)
        return parts[2:]

    def _session(self, route: list[str]) -> tuple[Session | None, list[str]]:
        if len(route) >= 2 and route[0] == "p" and route[1].isdigit():
            number = int(route[1])
            if number < len(self.server.sessions):
                return self.server.sessions[number], route[2:]
        self._refuse(HTTPStatus.NOT_FOUND)
        return None, []

    def _body(self) -> dict | None:
        try:
            length = int(self.headers.get("Content-Length", "0"))
        except ValueError:
            length = -1
        if not 0 <= length <= _MAX_BODY:
            return self._refuse(HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
        try:
            body = json.loads(self.rfile.read(length) or b"{}")
        except ValueError:
            return self._refuse(HTTPStatus.BAD_REQUEST, "not JSON")
        if not isinstance(body, dict):
            return self._refuse(HTTPStatus.BAD_REQUEST, "not a JSON object")
        return body

    def _static(self, name: str) -> None:
        data = files("tmx.review").joinpath("static", name).read_bytes()
        self._send(HTTPStatus.OK, data, STATIC[name])

    def _json(self, value: object, status: HTTPStatus = HTTPStatus.OK) -> None:
        self._send(status, json.dumps(value, ensure_ascii=False).encode("utf-8"),
                   "application/json; charset=utf-8")

    def _redirect(self, target: str) -> None:
        self.send_response(HTTPStatus.SEE_OTHER)
        self.send_header("Location", target)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _refuse(self, status: HTTPStatus, why: str = "") -> None:
        """Answer with an error and close the connection (a body may be left unread)."""
        self.close_connection = True
        self._send(status, (why or status.phrase).encode(), "text/plain; charset=utf-8")

    def _send(self, status: HTTPStatus, data: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in _SECURITY_HEADERS.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)


def _act(session: Session, action: str, body: dict) -> dict:
    """Make an edit, undo, redo or write the TMX; the project file is saved before the
    answer goes out, so an edit the page saw is on disk."""
    project = session.project
    review = project.review
    if action == "write":
        tus = project.write_tmx()
        return {"tmx": project.tmx_name, "tus": tus}
    before = review.beads
    if action == "edit":
        try:
            edit = Edit(op=str(body["op"]), bead=int(body["bead"]), date=creation_date(),
                        side=str(body.get("side", "src")), sentence=int(body.get("sentence", -1)),
                        down=bool(body.get("down", False)))
        except (KeyError, TypeError, ValueError) as exc:
            raise AlignError(f"bad edit ({type(exc).__name__}: {exc})") from None
        review.apply(edit)
    elif not (review.undo() if action == "undo" else review.redo()):
        raise AlignError(f"nothing to {action}")
    project.save()
    start, removed, added = changed_span(before, review.beads)
    return {"start": start, "removed": removed, "beads": beads_json(review, start, start + added),
            **_history(review)}


def can_open_browser() -> bool:
    """A browser can be shown: a desktop session, and not a test run or CI."""
    if os.environ.get("CI") or os.environ.get("PYTEST_CURRENT_TEST"):
        return False
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def open_browser(url: str) -> None:
    """Open ``url`` without ever waiting for the browser."""
    threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()
