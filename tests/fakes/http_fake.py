"""A tiny threaded HTTP server for API fakes: routes by method and path pattern, records every request."""

import json
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


@dataclass
class Response:
    status: int
    body: Any = None


Handler = Callable[[Request, re.Match[str]], Response]
GATE_TIMEOUT_SECONDS = 180


@dataclass
class Gate:
    """Holds the first request that `matches` until `open()`: a provider that hangs while the caller dies.

    `accept=False`: the request is held before the provider acts on it, and never acted on (it died in
    transit). `accept=True`: the provider acts on it (records it, answers) but the answer is held, so the
    caller never learns that it succeeded."""

    matches: Callable[[Request], bool]
    accept: bool
    reached: threading.Event = field(default_factory=threading.Event)
    opened: threading.Event = field(default_factory=threading.Event)

    def wait_reached(self, timeout: float = 60) -> None:
        if not self.reached.wait(timeout):
            raise AssertionError("the gated request never arrived")

    def open(self) -> None:
        self.opened.set()


@dataclass
class FakeServer:
    routes: list[tuple[str, re.Pattern[str], Handler]] = field(default_factory=list)
    requests: list[Request] = field(default_factory=list)
    failures: list[Response] = field(default_factory=list)
    gates: list[Gate] = field(default_factory=list)
    # Requests the provider says no to for good (a number it will not reach, a template it does not know).
    refusals: list[tuple[Callable[[Request], bool], Response]] = field(default_factory=list)
    base_url: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def route(self, method: str, pattern: str, handler: Handler) -> None:
        self.routes.append((method, re.compile(pattern + "$"), handler))

    def fail_next(self, status: int, body: Any = None, times: int = 1) -> None:
        """The next `times` requests answer `status` whatever they ask (an outage, a rejection)."""
        self.failures.extend(Response(status, body) for _ in range(times))

    def refuse(self, matches: Callable[[Request], bool], status: int, body: Any) -> None:
        """Every request `matches` picks is answered `status` with `body`, however often it is retried."""
        self.refusals.append((matches, Response(status, body)))

    def gate(self, matches: Callable[[Request], bool], *, accept: bool) -> Gate:
        gate = Gate(matches, accept)
        self.gates.append(gate)
        return gate

    def gate_for(self, request: Request) -> Gate | None:
        with self.lock:
            gate = next((g for g in self.gates if not g.reached.is_set() and g.matches(request)), None)
            if gate is not None:
                gate.reached.set()
            return gate

    def handle(self, request: Request) -> Response:
        self.requests.append(request)
        if self.failures:
            return self.failures.pop(0)
        refusal = next((response for matches, response in self.refusals if matches(request)), None)
        if refusal is not None:
            return refusal
        for method, pattern, handler in self.routes:
            match = pattern.match(request.path)
            if method == request.method and match:
                return handler(request, match)
        return Response(404, {"error": {"message": f"no route {request.method} {request.path}"}})


@contextmanager
def serving(fake: FakeServer) -> Iterator[FakeServer]:
    class _Handler(BaseHTTPRequestHandler):
        def _serve(self) -> None:
            parts = urlsplit(self.path)
            length = int(self.headers.get("content-length") or 0)
            request = Request(
                method=self.command,
                path=unquote(parts.path),
                query=dict(parse_qsl(parts.query)),
                headers={k.lower(): v for k, v in self.headers.items()},
                body=self.rfile.read(length) if length else b"",
            )
            gate = fake.gate_for(request)
            if gate is not None and not gate.accept:
                gate.opened.wait(GATE_TIMEOUT_SECONDS)
                self.close_connection = True
                return
            with fake.lock:
                response = fake.handle(request)
            if gate is not None:
                gate.opened.wait(GATE_TIMEOUT_SECONDS)
            payload = b"" if response.body is None else json.dumps(response.body).encode()
            self.send_response(response.status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(payload)))
            self.end_headers()
            try:
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):  # the caller died while the answer was held
                self.close_connection = True

        do_GET = do_POST = do_PATCH = do_DELETE = do_PUT = _serve

        def log_message(self, *_: object) -> None:  # keep test output clean
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    fake.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
