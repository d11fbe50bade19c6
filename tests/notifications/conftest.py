"""A real (tiny) SMTP server on 127.0.0.1 that can stall, and worker threads to talk to it.

Every wait here has a timeout, so a test that goes wrong fails instead of hanging.
"""

import socket
import threading
from contextlib import suppress

import pytest
from django.db import connections

WAIT = 10  # seconds: the longest any socket, event or thread here waits


class StallingSMTPServer:
    """Accepts connections and, while ``stall`` is set, holds each one silent (no greeting)
    until ``release()``; then speaks just enough SMTP for Django's backend and keeps what it
    was given in ``messages``. A ``greeting`` other than 220 makes it a refusing server."""

    def __init__(self) -> None:
        self.stall = True
        self.greeting = b"220 localhost test ESMTP"
        self.messages: list[dict] = []
        self.connections = 0
        self.connected = threading.Event()
        self._released = threading.Event()
        self._closing = threading.Event()
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._socket = socket.create_server(("127.0.0.1", 0))
        self._socket.settimeout(0.1)
        self.port = self._socket.getsockname()[1]
        self._start(self._accept_loop)

    def release(self) -> None:
        self._released.set()

    def close(self) -> None:
        self._closing.set()
        self._released.set()
        self._socket.close()
        for thread in self._threads:
            thread.join(timeout=WAIT)

    def _start(self, target, *args) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)
        self._threads.append(thread)
        thread.start()

    def _accept_loop(self) -> None:
        while not self._closing.is_set():
            try:
                conn, _ = self._socket.accept()
            except TimeoutError:
                continue
            except OSError:
                return  # closed
            self._start(self._serve, conn)

    def _serve(self, conn: socket.socket) -> None:
        with self._lock:
            self.connections += 1
        self.connected.set()
        with conn, conn.makefile("rb") as lines:
            conn.settimeout(WAIT)
            if self.stall:
                self._released.wait(timeout=WAIT)
            with suppress(OSError):  # the client gave up (timeout) or went away
                self._converse(conn, lines)

    def _converse(self, conn: socket.socket, lines) -> None:
        def reply(text: bytes) -> None:
            conn.sendall(text + b"\r\n")

        reply(self.greeting)
        if not self.greeting.startswith(b"220"):
            return
        envelope: dict = {"to": []}
        for line in lines:
            verb = line[:4].upper()
            if verb in (b"EHLO", b"HELO"):
                reply(b"250 localhost")
            elif verb == b"MAIL":
                envelope = {"from": line[10:].strip().decode(), "to": []}
                reply(b"250 OK")
            elif verb == b"RCPT":
                envelope["to"].append(line[8:].strip().decode())
                reply(b"250 OK")
            elif verb == b"DATA":
                reply(b"354 go ahead")
                data = b""
                while (chunk := lines.readline()) not in (b".\r\n", b""):
                    data += chunk
                with self._lock:
                    self.messages.append({**envelope, "data": data.decode()})
                reply(b"250 queued")
            elif verb == b"QUIT":
                reply(b"221 bye")
                return
            else:
                reply(b"250 OK")  # RSET, NOOP


@pytest.fixture
def smtp_server(settings):
    """A stalling SMTP server, with Django's SMTP backend pointed at it. Tasks queued in
    the test go to the in-memory dummy backend, so a web request doesn't send mail itself."""
    server = StallingSMTPServer()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 3 * WAIT  # generous: the server, not the client, gives up first
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    yield server
    server.close()


class Worker:
    """``call()`` run in its own thread and database connection, like a db_worker."""

    def __init__(self, call) -> None:
        self.result = None
        self._thread = threading.Thread(target=self._run, args=(call,), daemon=True)
        self._thread.start()

    def _run(self, call) -> None:
        try:
            self.result = call()
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test inspects
            self.result = exc
        finally:
            connections.close_all()

    def join(self) -> object:
        self._thread.join(timeout=3 * WAIT + 5)
        assert not self._thread.is_alive(), "the worker thread did not finish"
        return self.result


@pytest.fixture
def start_worker(smtp_server):
    """start_worker(call) -> a running Worker; at teardown the server lets go and every
    worker is joined before the database is flushed."""
    workers: list[Worker] = []

    def start(call) -> Worker:
        workers.append(Worker(call))
        return workers[-1]

    yield start
    smtp_server.release()
    for worker in workers:
        worker._thread.join(timeout=3 * WAIT + 5)
