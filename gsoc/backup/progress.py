"""The progress bar export_site and import_site draw on a terminal."""

from __future__ import annotations

import time

from django.core.management.base import OutputWrapper


class Progress:
    """A one-line progress bar redrawn in place with carriage returns.

    Only for terminals: the commands make one when their output stream is a tty and pass
    ``None`` otherwise, so logs and pipes stay clean.
    """

    def __init__(self, stream: OutputWrapper, label: str, total: int, width: int = 30):
        self.stream, self.label, self.total, self.width = stream, label, total, width
        self.done = 0
        self._shown = -1
        self._last_draw = 0.0

    def advance(self, n: int = 1) -> None:
        self.done += n
        percent = self.done * 100 // max(self.total, 1)
        # Redraw when the percentage moves, at most ten times a second.
        if percent != self._shown and time.monotonic() - self._last_draw >= 0.1:
            self._draw(percent)

    def finish(self, *, complete: bool = True) -> None:
        """End the line: at 100%, or where it stopped when the work failed."""
        if complete:
            self._draw(100)
        if self._shown >= 0:
            self.stream.write("\n", ending="")
            self.stream.flush()

    def _draw(self, percent: int) -> None:
        filled = self.width * percent // 100
        bar = "#" * filled + "." * (self.width - filled)
        self.stream.write(
            f"\r{self.label} [{bar}] {percent:3d}% {self.done:,}/{self.total:,}", ending=""
        )
        self.stream.flush()
        self._shown, self._last_draw = percent, time.monotonic()
