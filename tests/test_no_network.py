"""No network: interview data never leaves the machine. Real ``qualcode`` processes run the
whole demo (import of every format, coding, agreement, consensus, exports of every kind with
charts, REFI-QDA) and the text analyses (lemmas, lexical search) with every way out of the
machine watched: a connection or name look-up through Python's ``socket`` module is recorded
in a file and refused. The test asserts that none was tried and the commands succeeded.

Local (``AF_UNIX``) sockets are not network and are allowed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from support import ROOT

WATCH = """
import json, os, socket, sys
log = os.environ["NETWORK_LOG"]

def record(what, *args):
    with open(log, "a", encoding="utf-8") as out:
        out.write(json.dumps([what, repr(args)[:200]]) + "\\n")
    raise OSError(f"network use refused in this test: {what}")

original_connect = socket.socket.connect
original_connect_ex = socket.socket.connect_ex

def connect(self, address):
    if self.family == socket.AF_UNIX:
        return original_connect(self, address)
    record("connect", address)

def connect_ex(self, address):
    if self.family == socket.AF_UNIX:
        return original_connect_ex(self, address)
    record("connect_ex", address)

def sendto(self, *args):
    record("sendto", *args)

socket.socket.connect = connect
socket.socket.connect_ex = connect_ex
socket.socket.sendto = sendto
socket.getaddrinfo = lambda *args, **kwargs: record("getaddrinfo", *args)
socket.gethostbyname = lambda *args: record("gethostbyname", *args)
socket.create_connection = lambda *args, **kwargs: record("create_connection", *args)
"""
RUN_QUALCODE = """
from qualcode.cli import main
main(sys.argv[1:], prog_name="qualcode")
"""


def _watched(log: Path, *args: object, cwd: Path,
             program: str = RUN_QUALCODE) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NETWORK_LOG": str(log),
           "QUALCODE_CODER": "lena"}
    # Proxies in the environment must not make a library reach out either.
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        env.pop(name, None)
    return subprocess.run([sys.executable, "-c", WATCH + program, *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=900, check=False)


def test_the_demo_and_the_analyses_make_no_network_call(tmp_path: Path):
    log = tmp_path / "network.log"
    out = tmp_path / "demo"
    commands = [
        ["demo", "--out", out, "--no-open"],
        ["search", out / "demo.qualcode", "Behörde", "--lemma"],
        ["export", "report", out / "demo.qualcode", "--format", "md", "-o",
         tmp_path / "bericht.md"],
        ["export", "qdpx", out / "demo.qualcode", "-o", tmp_path / "demo.qdpx"],
        ["import-qdpx", tmp_path / "zurück.qualcode", tmp_path / "demo.qdpx"],
    ]
    for command in commands:
        if command[0] == "import-qdpx":
            init = _watched(log, "init", command[1], cwd=tmp_path)
            assert init.returncode == 0, init.stderr
        result = _watched(log, *command, cwd=tmp_path)
        assert result.returncode == 0, (command, result.stderr)

    tried = [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []
    assert tried == []
    # The commands did their work (so the watch had something to watch).
    assert (out / "demo.qualcode").stat().st_size > 0
    assert (tmp_path / "demo.qdpx").stat().st_size > 0
    assert "Behörde" in (tmp_path / "bericht.md").read_text(encoding="utf-8")


def test_the_watch_sees_a_connection(tmp_path: Path):
    """The watch itself works: a program that reaches out is caught and refused."""
    log = tmp_path / "network.log"
    program = ("import urllib.request\n"
               "try:\n    urllib.request.urlopen('http://192.0.2.1/', timeout=1)\n"
               "except OSError:\n    pass\n"
               "try:\n    socket.socket().connect(('192.0.2.1', 443))\n"
               "except OSError:\n    pass\n")
    result = _watched(log, cwd=tmp_path, program=program)
    assert result.returncode == 0, result.stderr
    tried = [json.loads(line)[0] for line in log.read_text().splitlines()]
    assert "connect" in tried and "create_connection" in tried
