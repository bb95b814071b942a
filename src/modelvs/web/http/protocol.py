"""uvicorn's HTTP/1.1 protocol (httptools) with cache hits answered as the request is parsed.

A hit through ASGI costs a task, a scope, a request-response cycle and two `send` calls that
re-check and re-join every header; here, once a request's headers are in, `ServingMiddleware.answer`
looks its own key up and the protocol writes the stored status line, headers and body at once,
with the server's Date. Everything else (a miss, a canonical key, a coding not yet compressed, a
percent-escaped path, HTTP/1.0, `Connection: close`, a pipelined request behind one still
running, a client not reading its answers) takes uvicorn's own path, unchanged.

`serve` runs uvicorn with this protocol unless the access log is on (it would miss the hits).
"""

from __future__ import annotations

from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol


class _Answered:
    """The cycle of a request answered here: complete, so the parser's later callbacks for it
    (body, message complete, connection lost) do nothing, as for any finished cycle."""

    response_complete = True
    disconnected = False
    keep_alive = True

    class message_event:  # noqa: N801 (read as `cycle.message_event.set()`)
        @staticmethod
        def set() -> None:
            return None


ANSWERED: Any = _Answered()


class HitProtocol(HttpToolsProtocol):
    """`HttpToolsProtocol` answering cache hits without ASGI (see the module docstring)."""

    _dates: tuple[object, bytes] = ((), b"")

    def on_headers_complete(self) -> None:
        serving = getattr(self.app, "serving", None)  # ModelvsApp's outermost layer, once built
        parser = self.parser
        if (
            serving is not None
            and (self.cycle is None or self.cycle.response_complete)
            and not self.flow.write_paused
            and parser.get_http_version() == "1.1"
            and parser.should_keep_alive()
            and not parser.should_upgrade()
        ):
            method = parser.get_method()
            if method == b"GET" or method == b"HEAD":
                found = serving.answer(
                    method == b"HEAD", self.url, self.headers, self.scheme, self.server, self.client
                )
                if found is not None:
                    head, body = found
                    self.transport.write(b"".join((head, self._date_lines(), b"\r\n", body)))
                    self.cycle = ANSWERED
                    self.on_response_complete()
                    return
        super().on_headers_complete()

    def _date_lines(self) -> bytes:
        """The server's own headers (Date), as uvicorn sends them: re-joined once a second."""
        defaults = self.server_state.default_headers
        if self._dates[0] is not defaults:
            lines = b"".join(name + b": " + value + b"\r\n" for name, value in defaults)
            HitProtocol._dates = (defaults, lines)
        return self._dates[1]
