"""Start the real ``qualcode open`` in a pseudo-terminal, wait for the first screen, quit."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time

import pytest

from support import ROOT

pty = pytest.importorskip("pty")


def read_until(fd: int, needle: bytes, timeout: float) -> bytes:
    seen = b""
    deadline = time.monotonic() + timeout
    while needle not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
    return seen


def test_qualcode_open_shows_the_workbench_and_quits_with_ctrl_q(small_project):
    main, child = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30",
           "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "qualcode", "open", str(small_project), "--coder", "lena"],
        stdin=child, stdout=child, stderr=child, env=env, cwd=ROOT, close_fds=True,
    )
    os.close(child)
    try:
        screen = read_until(main, b"Code System", timeout=60)
        assert b"Document System" in screen
        assert b"Code System" in screen
        os.write(main, b"\x11")  # ctrl+q
        deadline = time.monotonic() + 30
        while process.poll() is None and time.monotonic() < deadline:
            read_until(main, b"\x00never", timeout=0.5)  # keep draining the terminal
        assert process.wait(timeout=5) == 0
    finally:
        if process.poll() is None:
            process.kill()
        os.close(main)
