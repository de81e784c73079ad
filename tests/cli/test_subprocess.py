"""The real ``python -m qualcode`` in subprocesses: exit codes, stdout for data, stderr for
messages, and ``qualcode text`` byte for byte.

Starting the interpreter costs about a second, so the set-up uses the in-process runner and
the independent commands of each test run side by side.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from support import ROOT

from cli.conftest import THM_01, ok


@dataclass
class Done:
    returncode: int
    stdout: bytes
    stderr: bytes


def qualcode_all(*commands: tuple[object, ...], cwd: Path) -> list[Done]:
    """Run ``python -m qualcode ARGS`` for each command at the same time; results in order."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QUALCODE_CODER": "lena", "LC_ALL": "C"}
    env.pop("PYTHONIOENCODING", None)
    running = [subprocess.Popen([sys.executable, "-m", "qualcode", *map(str, args)], cwd=cwd,
                                env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
               for args in commands]
    results = []
    for process in running:
        stdout, stderr = process.communicate(timeout=120)
        results.append(Done(process.returncode, stdout, stderr))
    return results


@pytest.fixture
def raw_transcript(tmp_path: Path) -> Path:
    # A BOM, CRLF, a tab and a decomposed umlaut: the stored text differs from the file.
    path = tmp_path / "THM-01.txt"
    raw = "\ufeff" + THM_01.replace("\n", "\r\n").replace("Frühjahr", "Fru\u0308hjahr")
    path.write_bytes(raw.replace("Wir haben", "Wir\thaben").encode("utf-8"))
    return path


def test_data_on_stdout_messages_on_stderr_and_text_byte_for_byte(tmp_path: Path,
                                                                   raw_transcript: Path):
    project = tmp_path / "study.qualcode"
    ok("init", project)
    ok("import", project, raw_transcript, "--group", "THM")
    ok("codes", "add", project, "Corona/Telefon\\/E-Mail")

    text, code, documents = qualcode_all(
        ("text", project, "THM-01"),
        ("code", project, "THM-01", "Corona/Telefon\\/E-Mail", "--match",
         "auf das Telefon verlegt"),
        ("documents", project, "--format", "json"),
        cwd=tmp_path)

    # text: exactly the stored text, as UTF-8 bytes even under LC_ALL=C.
    assert (text.returncode, text.stderr) == (0, b"")
    connection = sqlite3.connect(project)
    [(stored,)] = connection.execute("SELECT text FROM documents WHERE name = 'THM-01'")
    connection.close()
    assert text.stdout == stored.encode("utf-8")
    assert text.stdout == THM_01.encode("utf-8")  # NFC, LF, no BOM, the tab a space

    # code: the segment id is the only data; the message (coder from $QUALCODE_CODER) on stderr.
    assert code.returncode == 0
    assert code.stdout == b"1\n"
    assert code.stderr.decode().endswith(" with Corona/Telefon\\/E-Mail as lena\n")

    assert (documents.returncode, documents.stderr) == (0, b"")
    [record] = json.loads(documents.stdout)
    assert (record["name"], record["group"], record["encoding"]) == (
        "THM-01", "THM", "UTF-8 (BOM)")


def test_errors_are_one_line_on_stderr_with_a_non_zero_exit(tmp_path: Path,
                                                             raw_transcript: Path):
    missing = tmp_path / "fehlt.qualcode"
    project = tmp_path / "study.qualcode"
    ok("init", project)
    ok("import", project, raw_transcript)
    second = tmp_path / "second.qualcode"
    ok("init", second)
    broken = tmp_path / "kaputt.docx"
    broken.write_bytes(b"kein Word")

    no_project, bad_import, bad_code, usage = qualcode_all(
        ("documents", missing),
        ("import", second, raw_transcript, broken),
        ("code", project, "THM-01", "Nirgends", "--match", "Telefon"),
        ("code", project, "THM-01", "Nirgends"),
        cwd=tmp_path)

    assert (no_project.returncode, no_project.stdout) == (1, b"")
    assert no_project.stderr.decode().count("\n") == 1
    assert no_project.stderr.decode().startswith(f"error: {missing}: no such project file")
    assert not missing.exists()

    # One bad file: the good one is imported, exit status 1, one error line, no traceback.
    assert (bad_import.returncode, bad_import.stdout) == (1, b"")
    stderr = bad_import.stderr.decode()
    assert "Traceback" not in stderr
    assert [line for line in stderr.splitlines() if line.startswith("error:")] == [
        f"error: {broken}: not a readable .docx file (not a ZIP archive: damaged, truncated, or "
            "another format)"]
    assert stderr.splitlines()[-1] == "1 imported, 0 skipped, 1 failed"

    assert (bad_code.returncode, bad_code.stdout) == (1, b"")
    assert bad_code.stderr.decode() == "error: no code 'Nirgends'\n"

    assert (usage.returncode, usage.stdout) == (2, b"")  # a usage error
    assert b"give either --start and --end, or --match" in usage.stderr
