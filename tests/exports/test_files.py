"""Writing export files: checked, staged in a private folder, moved into place as a set,
and nothing left behind on any exit path Python sees (``qualcode.exports.files``)."""

from __future__ import annotations

import os
import signal
import sqlite3
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from support import ROOT

from qualcode.domain.errors import InputError
from qualcode.exports import files, staging
from qualcode.exports.files import write_atomically, write_together
from qualcode.exports.output_paths import OutputRefused


def names(folder: Path) -> list[str]:
    """Every entry of ``folder``, hidden ones included."""
    return sorted(os.listdir(folder))


@pytest.fixture
def fail_on_write(monkeypatch):
    """Make the staging folder's ``write`` raise ``error`` at call number ``at`` (1-based)."""
    def install(at: int, error: BaseException):
        original = staging.StagingFolder.write
        calls = []

        def write(self, name, data, mode):
            calls.append(name)
            if len(calls) == at:
                raise error
            return original(self, name, data, mode)

        monkeypatch.setattr(staging.StagingFolder, "write", write)
        return calls
    return install


def test_a_file_is_replaced_whole_with_the_usual_permissions(tmp_path: Path):
    target = tmp_path / "freq.csv"
    target.write_text("alt\n" * 100, encoding="utf-8")
    write_atomically(target, b"code,depth\n")
    assert target.read_bytes() == b"code,depth\n"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    assert names(tmp_path) == ["freq.csv"]


def test_a_set_is_placed_together_the_first_file_last(tmp_path: Path, monkeypatch):
    order = []
    original = os.replace

    def replace(source, destination):
        order.append(Path(destination).name)
        return original(source, destination)

    monkeypatch.setattr(files.os, "replace", replace)
    written = write_together([(tmp_path / "bericht.md", b"# Bericht\n"),
                              (tmp_path / "bericht-a.png", b"png a"),
                              (tmp_path / "bericht-b.png", b"png b")])
    assert written == [tmp_path / "bericht.md", tmp_path / "bericht-a.png",
                       tmp_path / "bericht-b.png"]
    assert order == ["bericht-a.png", "bericht-b.png", "bericht.md"]
    assert names(tmp_path) == ["bericht-a.png", "bericht-b.png", "bericht.md"]


def test_the_staging_folder_is_private_and_beside_the_target(tmp_path: Path, monkeypatch):
    seen = []
    original = staging.StagingFolder.write

    def write(self, name, data, mode):
        seen.append((self.path.parent, stat.S_IMODE(self.path.stat().st_mode)))
        return original(self, name, data, mode)

    monkeypatch.setattr(staging.StagingFolder, "write", write)
    write_atomically(tmp_path / "freq.csv", b"x")
    assert seen == [(tmp_path, 0o700)]
    assert names(tmp_path) == ["freq.csv"]


@pytest.mark.parametrize("error", [OSError(28, "No space left on device"),
                                   KeyboardInterrupt(), RuntimeError("boom")])
def test_a_failure_while_staging_writes_nothing_and_leaves_nothing(tmp_path: Path,
                                                                   fail_on_write, error):
    (tmp_path / "bericht.md").write_text("alter Bericht\n", encoding="utf-8")
    fail_on_write(2, error)
    files_ = [(tmp_path / "bericht.md", b"neu"), (tmp_path / "bericht-a.png", b"a"),
              (tmp_path / "bericht-b.png", b"b")]
    expected = InputError if isinstance(error, OSError) else type(error)
    with pytest.raises(expected):
        write_together(files_)
    assert names(tmp_path) == ["bericht.md"]
    assert (tmp_path / "bericht.md").read_text(encoding="utf-8") == "alter Bericht\n"


def test_a_failure_while_placing_puts_the_old_files_back(tmp_path: Path, monkeypatch):
    (tmp_path / "bericht.md").write_text("alter Bericht\n", encoding="utf-8")
    (tmp_path / "bericht-a.png").write_bytes(b"altes a")
    original = os.replace
    placed = []

    def replace(source, destination):
        # The third rename (the report itself, placed last) fails after both charts moved.
        if Path(destination).name == "bericht.md" and len(placed) == 2:
            raise OSError(5, "Input/output error")
        placed.append(destination)
        return original(source, destination)

    monkeypatch.setattr(files.os, "replace", replace)
    with pytest.raises(InputError, match="cannot write"):
        write_together([(tmp_path / "bericht.md", b"neu"), (tmp_path / "bericht-a.png", b"a"),
                        (tmp_path / "bericht-b.png", b"b")])
    assert names(tmp_path) == ["bericht-a.png", "bericht.md"]
    assert (tmp_path / "bericht-a.png").read_bytes() == b"altes a"
    assert (tmp_path / "bericht.md").read_text(encoding="utf-8") == "alter Bericht\n"


def test_every_path_is_checked_before_anything_is_written(tmp_path: Path):
    project = tmp_path / "study.qualcode"
    sqlite3.connect(project).execute("CREATE TABLE t (x)").connection.commit()
    chart = tmp_path / "bericht-a.png"
    chart.symlink_to(project)
    with pytest.raises(OutputRefused, match="symbolic link"):
        write_together([(tmp_path / "bericht.md", b"neu"), (chart, b"a")])
    assert names(tmp_path) == ["bericht-a.png", "study.qualcode"]


def test_the_default_folder_is_created_and_removed_again_on_failure(tmp_path: Path,
                                                                    fail_on_write):
    write_atomically(tmp_path / "exports" / "a.csv", b"a")
    assert names(tmp_path / "exports") == ["a.csv"]
    other = tmp_path / "zweites-projekt"
    other.mkdir()
    fail_on_write(1, OSError(28, "No space left on device"))
    with pytest.raises(InputError, match="No space left"):
        write_atomically(other / "exports" / "b.csv", b"b")
    assert names(other) == []


def test_a_signal_during_the_write_waits_until_the_set_is_in_place(tmp_path: Path,
                                                                   monkeypatch):
    original = staging.StagingFolder.write

    def write(self, name, data, mode):
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C in the middle of the set
        return original(self, name, data, mode)

    monkeypatch.setattr(staging.StagingFolder, "write", write)
    # Ctrl-C as in a terminal: a test run started in the background of a shell inherits
    # SIGINT ignored, and an ignored signal stays ignored (as it should).
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt):
            write_together([(tmp_path / "bericht.md", b"neu"),
                            (tmp_path / "bericht-a.png", b"a")])
    finally:
        signal.signal(signal.SIGINT, before)
    assert names(tmp_path) == ["bericht-a.png", "bericht.md"]


def test_stale_staging_folders_of_ended_processes_are_swept(tmp_path: Path):
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)
    pid = int(ended.stdout)
    stale = tmp_path / f".qualcode-staging.{staging._HOST}.{pid}.abc123"
    stale.mkdir(mode=0o700)
    (stale / "0").write_text("Transkript", encoding="utf-8")
    alive = tmp_path / f".qualcode-staging.{staging._HOST}.{os.getppid()}.def456"
    alive.mkdir(mode=0o700)
    other_host = tmp_path / f".qualcode-staging.00000000.{pid}.ghi789"
    other_host.mkdir(mode=0o700)
    write_atomically(tmp_path / "freq.csv", b"x")
    assert names(tmp_path) == sorted([alive.name, other_host.name, "freq.csv"])


def test_the_system_temporary_folder_is_not_used(tmp_path: Path, monkeypatch):
    system_tmp = tmp_path / "systemtmp"
    system_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_tmp))
    out = tmp_path / "out"
    out.mkdir()
    write_together([(out / "bericht.md", b"neu"), (out / "bericht-a.png", b"a")])
    assert names(system_tmp) == []


def test_a_device_is_written_directly(tmp_path: Path):
    link = tmp_path / "null.csv"
    link.symlink_to("/dev/null")
    write_atomically(link, b"wohin?")
    assert link.is_symlink()


def test_dev_stdout_in_a_pipe_receives_the_bytes(tmp_path: Path):
    script = ("from pathlib import Path; from qualcode.exports.files import write_atomically; "
              "write_atomically(Path('/dev/stdout'), 'code,n\\r\\n=1+2,3\\r\\n'.encode())")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, cwd=tmp_path,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True)
    assert done.stdout == b"code,n\r\n=1+2,3\r\n"
    assert names(tmp_path) == []
