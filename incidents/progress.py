"""What a long run shows while it works: one line rewritten in place on a terminal,
a plain line every so often when the output is a log file or a pipe.

Kept apart from the work itself (which only calls `update(done, total, label)`),
with its clock passed in, so what it prints can be tested without waiting.
"""
from __future__ import annotations

import threading
import time
from typing import Callable, TextIO

CLEAR = "\r\033[K"  # back to the start of the line and erase it


class ProgressLine:
    """Progress on `stream` (stderr): on a terminal at most `refresh` seconds apart,
    otherwise one plain line every `every` seconds; errors are printed as they come."""

    def __init__(self, stream: TextIO, *, tty: bool | None = None, every: float = 10.0, refresh: float = 0.1,
                 clock: Callable[[], float] = time.monotonic, stop: threading.Event | None = None) -> None:
        self.stream = stream
        self.tty = stream.isatty() if tty is None else tty
        self.every, self.refresh, self.clock, self.stop = every, refresh, clock, stop
        self.started = clock()
        self.last_shown: float | None = None
        self.text = ""
        self.state: tuple[int, int, str] | None = None
        self.shown = False   # a line is on the terminal (tty) or was printed (not a tty)

    def _line(self, done: int, total: int, label: str, *, final: bool = False) -> str:
        elapsed = self.clock() - self.started
        rate = f", {done / elapsed:.1f} articles/s" if elapsed > 0 and done else ""
        share = f"{min(100, 100 * done // total)}% " if total else ""
        note = " - stopping after the current article (Ctrl-C again to abandon it)" if (
            not final and self.stop is not None and self.stop.is_set()) else ""
        return f"{share}{label}{rate}{note}"

    def update(self, done: int, total: int, label: str) -> None:
        now = self.clock()
        self.state = (done, total, label)
        self.text = self._line(done, total, label)
        gap = self.refresh if self.tty else self.every
        if self.last_shown is None and not self.tty:
            self.last_shown = self.started  # the first plain line comes after `every` seconds, not at once
        if self.last_shown is not None and now - self.last_shown < gap:
            return
        self.last_shown = now
        self._show()

    def _show(self) -> None:
        if self.tty:
            self.stream.write(CLEAR + self.text)
        else:
            self.stream.write(self.text + "\n")
        self.stream.flush()
        self.shown = True

    def error(self, message: str) -> None:
        """An error line, above the progress line on a terminal."""
        if self.tty and self.shown:
            self.stream.write(CLEAR)
        self.stream.write(f"error: {message}\n")
        if self.tty and self.shown:
            self.stream.write(self.text)
        self.stream.flush()

    def finish(self) -> None:
        """Leave the last state on its own line (when progress was shown at all)."""
        if not self.shown or self.state is None:
            return
        self.text = self._line(*self.state, final=True)
        if self.tty:
            self.stream.write(CLEAR + self.text + "\n")
        else:
            self.stream.write(self.text + "\n")
        self.stream.flush()
