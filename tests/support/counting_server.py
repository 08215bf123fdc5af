"""A raw HTTP server on 127.0.0.1 that counts the connections open as the *server* sees them:
from accept until the client's FIN or reset. Its answers are slower than any client timeout:
`drip` sends headers and then a byte at each look of a body that never completes; `silent`
never answers at all. Like a server busy with the request, it looks at the connection only
every `notice_every` seconds, so a client's close is noticed that much later."""

from __future__ import annotations

import select
import socket
import threading
import time
from types import TracebackType

_DRIP_HEADERS = (b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                 b"Content-Length: 1000000\r\n\r\n")


class CountingServer:
    def __init__(self, mode: str, hold_seconds: float = 20.0, notice_every: float = 0.2) -> None:
        assert mode in ("drip", "silent")
        self.mode = mode
        self.hold_seconds = hold_seconds
        self.notice_every = notice_every
        self.open = 0
        self.most_open = 0
        self.accepted = 0
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0), backlog=64)
        self._closing = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._listener.getsockname()[1]}"

    def __enter__(self) -> CountingServer:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._closing.set()
        self._listener.close()

    def _accept(self) -> None:
        while not self._closing.is_set():
            try:
                connection, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(connection,), daemon=True).start()

    def _serve(self, connection: socket.socket) -> None:
        with self._lock:
            self.accepted += 1
            self.open += 1
            self.most_open = max(self.most_open, self.open)
        try:
            connection.recv(65536)  # the request
            if self.mode == "drip":
                connection.sendall(_DRIP_HEADERS)
            until = time.monotonic() + self.hold_seconds
            while time.monotonic() < until and not self._closing.is_set():
                time.sleep(self.notice_every)
                readable, _, _ = select.select([connection], [], [], 0)
                if readable and not connection.recv(65536):
                    return  # the client closed its end
                if self.mode == "drip":
                    connection.sendall(b" ")
        except OSError:
            return  # reset by the client
        finally:
            with self._lock:
                self.open -= 1
            connection.close()
