"""Closing the terminal loses nothing: the real ``qualcode open`` in a pseudo-terminal makes a
coding by keys, then is ended at once by ``ctrl+q``, SIGHUP, SIGTERM or by closing the
terminal; the coding is in the project file and the exit code says how the workbench ended."""

from __future__ import annotations

import os
import re
import select
import signal
import subprocess
import sys
import time

import pytest

from support import ROOT

from qualcode.store.project import Project
from qualcode.store.segments import SegmentFilter, query_segments

pty = pytest.importorskip("pty")
fcntl = pytest.importorskip("fcntl")
termios = pytest.importorskip("termios")

SHIFT_DOWN = b"\x1b[1;2B"
# Colours and cursor moves between the characters of the drawn text.
ESCAPES = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")
CTRL_Q = b"\x11"


def _own_terminal() -> None:
    """In the child: a session of its own with the pseudo-terminal as controlling terminal,
    so that closing the terminal sends it SIGHUP as a closed terminal window does."""
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class Terminal:
    """The workbench running in a pseudo-terminal; ``seen`` is everything it drew so far."""

    def __init__(self, project) -> None:
        self.main, child = pty.openpty()
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30",
               "PYTHONPATH": str(ROOT)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "qualcode", "open", str(project), "--coder", "lena"],
            stdin=child, stdout=child, stderr=child, env=env, cwd=ROOT, close_fds=True,
            preexec_fn=_own_terminal,
        )
        os.close(child)
        self.seen = b""

    def wait_for(self, needle: bytes, timeout: float = 60) -> None:
        """Read the screen until ``needle`` has been drawn since the last call."""
        start = len(self.seen)
        deadline = time.monotonic() + timeout
        while needle not in ESCAPES.sub(b"", self.seen[start:]):
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise AssertionError(f"{needle!r} never appeared on the screen")
            self._read(0.2)

    def _read(self, wait: float) -> None:
        if self.main is None:
            time.sleep(wait)
            return
        ready, _, _ = select.select([self.main], [], [], wait)
        if ready:
            try:
                self.seen += os.read(self.main, 65536)
            except OSError:  # the workbench has closed its side
                time.sleep(wait)

    def type(self, keys: bytes) -> None:
        os.write(self.main, keys)

    def hang_up(self) -> None:
        """Close the terminal's side of the pseudo-terminal (as a closed terminal window)."""
        os.close(self.main)
        self.main = None

    def exit_code(self, timeout: float = 60) -> int:
        """Wait for the process to end (draining the terminal meanwhile)."""
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            self._read(0.2)
        return self.process.wait(timeout=5)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if self.main is not None:
            os.close(self.main)


@pytest.fixture
def terminal(small_project):
    term = Terminal(small_project)
    yield term
    term.close()


def code_first_line(term: Terminal) -> None:
    """Open the first document, select its first line and open the code picker."""
    # Retrieved Segments are filled after the Document System (and its cursor): ready for Enter
    term.wait_for(b"Retrieved Segments (1")
    term.type(b"\r")  # the Document System's cursor starts on the first document
    term.wait_for(b"Telefon")
    term.type(SHIFT_DOWN)
    term.wait_for(b"chars selected")
    term.type(b"c")
    term.wait_for(b"Code the selection with")


def lena_codings(project) -> list[tuple[str, str]]:
    with Project.open(project) as opened:
        found = query_segments(opened, SegmentFilter(coder="lena"))
    return [(s.code, s.text) for s in found]


def test_ctrl_q_right_after_the_key_keeps_the_coding(terminal, small_project):
    code_first_line(terminal)
    terminal.type(b"abh\r" + CTRL_Q)  # one write: quit arrives with the key that codes
    assert terminal.exit_code() == 0
    assert lena_codings(small_project) == [("ABH-Kooperation", "Datum: 2020-05-11\n")]


@pytest.mark.parametrize("signal_number, code", [(signal.SIGHUP, 129), (signal.SIGTERM, 143)])
def test_a_signal_right_after_drawing_keeps_the_coding(terminal, small_project,
                                                       signal_number, code):
    code_first_line(terminal)
    terminal.type(b"abh\r")
    # drawn: the line under the browser names the code at the selection
    terminal.wait_for(b"ABH-Kooperation (lena)")
    terminal.process.send_signal(signal_number)
    assert terminal.exit_code() == code
    assert lena_codings(small_project) == [("ABH-Kooperation", "Datum: 2020-05-11\n")]


def test_closing_the_terminal_right_after_drawing_keeps_the_coding(terminal, small_project):
    code_first_line(terminal)
    terminal.type(b"abh\r")
    terminal.wait_for(b"ABH-Kooperation (lena)")
    terminal.hang_up()  # the kernel sends SIGHUP; nobody reads the screen any more
    assert terminal.exit_code() == 129
    assert lena_codings(small_project) == [("ABH-Kooperation", "Datum: 2020-05-11\n")]
