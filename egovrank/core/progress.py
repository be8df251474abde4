"""A progress line on standard error for long work (backup, restore, imports, exports).

On a terminal the line is rewritten in place; otherwise (cron, a log file) a line is
written at most every tenth of the way, so logs stay short. Standard output stays clean
for what the command produces.
"""

from __future__ import annotations

import sys
from typing import Any

__all__ = ["Progress"]


class Progress:
    """``progress(done, total)`` after each step; ``progress.finish()`` at the end."""

    def __init__(self, label: str, stream: Any = None, *, enabled: bool = True) -> None:
        # Django's OutputWrapper adds a newline to every write; the raw stream does not.
        stream = sys.stderr if stream is None else stream
        self.stream = getattr(stream, "_out", stream)
        self.label = label
        self.enabled = enabled
        isatty = getattr(self.stream, "isatty", None)
        self.tty = bool(isatty and isatty())
        self.shown = -1  # the last tenth written, off a terminal
        self.open = False  # a line rewritten in place is waiting for its newline

    def __call__(self, done: int, total: int, what: str = "") -> None:
        if not self.enabled:
            return
        percent = 100 * done // total if total else 100
        text = f"{self.label}: {done}/{total} ({percent}%)" + (f" {what}" if what else "")
        if self.tty:
            self.stream.write("\r\x1b[K" + text)
            self.open = True
        else:
            if done <= 1:
                self.shown = -1  # a new stage starts counting again
            if percent // 10 > self.shown:
                self.shown = percent // 10
                self.stream.write(text + "\n")
        self.stream.flush()

    def note(self, text: str) -> None:
        """A line of its own (a step starting), ending any line being rewritten."""
        if not self.enabled:
            return
        self.finish()
        self.stream.write(f"{self.label}: {text}\n")
        self.stream.flush()

    def finish(self) -> None:
        if self.open:
            self.stream.write("\n")
            self.stream.flush()
            self.open = False
