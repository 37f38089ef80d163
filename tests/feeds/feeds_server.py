"""A loopback HTTP server for the feed tests: serves what the test puts in its route table.

Bound to 127.0.0.1 on an ephemeral port, threaded, HTTP/1.1 with keep-alive like a real site.
A route is a :class:`Reply` or a function of the request returning one; :meth:`FeedServer.serve`
adds a static document that honours ETag / Last-Modified conditional requests.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Request:
    path: str
    headers: dict[str, str]


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering
    trickle: float = 0.0  # seconds between body chunks (a slow server)


Route = Reply | Callable[[Request], Reply]


class FeedServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                request = Request(self.path, {k.lower(): v for k, v in self.headers.items()})
                with server._lock:
                    server.hits[self.path] += 1
                    server.requests.append(request)
                    route = server.routes.get(self.path)
                if route is None:
                    reply = Reply(404, b"not here", {"Content-Type": "text/plain"})
                else:
                    reply = route(request) if callable(route) else route
                if reply.delay:
                    time.sleep(reply.delay)
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                try:
                    if reply.trickle:
                        for i in range(0, len(reply.body), 16):
                            self.wfile.write(reply.body[i : i + 16])
                            self.wfile.flush()
                            time.sleep(reply.trickle)
                    else:
                        self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def start(self) -> FeedServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def serve(
        self,
        path: str,
        body: bytes | str,
        *,
        content_type: str = "application/rss+xml; charset=utf-8",
        etag: str | None = None,
        last_modified: str | None = None,
        compress: bool = False,
    ) -> None:
        """A static document at ``path``; answers 304 to a matching conditional request."""
        data = body.encode("utf-8") if isinstance(body, str) else body

        def route(request: Request) -> Reply:
            headers = {"Content-Type": content_type}
            if etag:
                headers["ETag"] = etag
            if last_modified:
                headers["Last-Modified"] = last_modified
            if etag and request.headers.get("if-none-match") == etag:
                return Reply(304, b"", headers)
            if (
                not etag
                and last_modified
                and request.headers.get("if-modified-since") == last_modified
            ):
                return Reply(304, b"", headers)
            payload = data
            if compress and "gzip" in request.headers.get("accept-encoding", ""):
                payload = gzip.compress(data)
                headers["Content-Encoding"] = "gzip"
            return Reply(200, payload, headers)

        self.routes[path] = route
