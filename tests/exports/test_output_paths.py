"""The output path guard: what an export may write (``qualcode.exports.output_paths``)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from qualcode.exports.output_paths import OutputRefused, check_output, stream_descriptor


def sqlite_file(path: Path) -> Path:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE t (x)")
    connection.commit()
    connection.close()
    return path


def refused(path: Path, reason: str, follow_symlinks: bool = False) -> str:
    with pytest.raises(OutputRefused) as caught:
        check_output(path, follow_symlinks=follow_symlinks)
    message = str(caught.value)
    assert caught.value.reason == reason
    assert message.startswith(f"{path}: ")
    assert "\n" not in message
    return message


def test_a_new_file_in_an_existing_folder_is_allowed(tmp_path: Path):
    target = check_output(tmp_path / "freq.csv")
    assert target.is_file and target.path == tmp_path / "freq.csv"


def test_an_existing_export_may_be_replaced(tmp_path: Path):
    (tmp_path / "freq.csv").write_text("alt\n", encoding="utf-8")
    assert check_output(tmp_path / "freq.csv").is_file


def test_a_project_file_is_refused_by_content_and_by_name(tmp_path: Path):
    project = sqlite_file(tmp_path / "study.qualcode")
    assert "qualcode project" in refused(project, "project")
    # Renamed, it is still a database.
    renamed = sqlite_file(tmp_path / "study.csv")
    assert "SQLite database" in refused(renamed, "database")
    # A new file with the project extension would be mistaken for a project.
    refused(tmp_path / "neu.QUALCODE", "project")


def test_another_sqlite_file_is_refused(tmp_path: Path):
    refused(sqlite_file(tmp_path / "daten.sqlite"), "database")
    refused(sqlite_file(tmp_path / "daten.db"), "database")


@pytest.mark.parametrize("companion", ["-wal", "-shm", "-journal"])
def test_a_databases_companion_files_are_refused(tmp_path: Path, companion: str):
    sqlite_file(tmp_path / "study.qualcode")
    sqlite_file(tmp_path / "daten.db")
    # Whether they exist at the moment or not.
    refused(tmp_path / f"study.qualcode{companion}", "companion")
    (tmp_path / f"daten.db{companion}").write_bytes(b"\0" * 32)
    refused(tmp_path / f"daten.db{companion}", "companion")
    # An ordinary file whose name merely ends like one is fine.
    assert check_output(tmp_path / f"notiz{companion}").is_file


def test_a_write_ahead_log_is_refused_by_its_magic_number(tmp_path: Path):
    log = tmp_path / "irgendwas"
    log.write_bytes(b"\x37\x7f\x06\x82" + b"\0" * 28)
    refused(log, "companion")


def test_backup_copies_are_refused(tmp_path: Path):
    refused(tmp_path / "study.qualcode.backup-20240101T120000Z", "backup")
    refused(tmp_path / "study.backup-20240101T120000Z", "backup")


def test_a_folder_is_refused(tmp_path: Path):
    (tmp_path / "exports").mkdir()
    assert "is a folder" in refused(tmp_path / "exports", "folder")
    refused(Path("."), "folder")


def test_a_missing_folder_is_refused_except_the_default_one(tmp_path: Path):
    assert "does not exist" in refused(tmp_path / "fehlt" / "x.csv", "missing-folder")
    assert check_output(tmp_path / "exports" / "x.csv").is_file
    assert not (tmp_path / "exports").exists()  # checking creates nothing
    refused(tmp_path / "fehlt" / "exports" / "x.csv", "missing-folder")
    (tmp_path / "datei").write_text("", encoding="utf-8")
    assert "is not a folder" in refused(tmp_path / "datei" / "x.csv", "missing-folder")


def test_a_link_to_a_regular_file_is_refused_unless_followed(tmp_path: Path):
    real = tmp_path / "real.csv"
    real.write_text("alt\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    message = refused(link, "symlink")
    assert str(real) in message
    followed = check_output(link, follow_symlinks=True)
    assert followed.is_file and followed.path == real


def test_a_link_to_the_project_is_refused_even_when_followed(tmp_path: Path):
    project = sqlite_file(tmp_path / "study.qualcode")
    link = tmp_path / "bericht.csv"
    link.symlink_to(project)
    refused(link, "symlink")
    with pytest.raises(OutputRefused, match="qualcode project"):
        check_output(link, follow_symlinks=True)


def test_dangling_and_looping_links_are_refused(tmp_path: Path):
    dangling = tmp_path / "weg.csv"
    dangling.symlink_to(tmp_path / "nirgends.csv")
    refused(dangling, "symlink")
    loop = tmp_path / "schleife.csv"
    loop.symlink_to(loop)
    assert "cannot be followed" in refused(loop, "symlink")


def test_a_link_to_a_device_is_written_directly(tmp_path: Path):
    link = tmp_path / "null.csv"
    link.symlink_to("/dev/null")
    target = check_output(link)
    assert target.direct and not target.is_file


def test_devices_and_pipes_are_written_directly(tmp_path: Path):
    assert check_output(Path("/dev/null")).direct
    fifo = tmp_path / "rohr"
    os.mkfifo(fifo)
    assert check_output(fifo).direct


def test_the_standard_streams_are_the_processes_own_descriptors():
    assert stream_descriptor(Path("/dev/stdout")) == 1
    assert stream_descriptor(Path("/dev/stderr")) == 2
    assert stream_descriptor(Path("/dev/fd/5")) == 5
    assert stream_descriptor(Path("/proc/self/fd/1")) == 1
    assert stream_descriptor(Path(f"/proc/{os.getpid()}/fd/1")) == 1
    assert stream_descriptor(Path("/dev/null")) is None
    assert check_output(Path("/dev/stdout")).descriptor == 1


def test_stdout_redirected_into_a_project_is_refused(tmp_path: Path):
    project = sqlite_file(tmp_path / "study.qualcode")
    descriptor = os.open(project, os.O_WRONLY | os.O_APPEND)
    try:
        with pytest.raises(OutputRefused, match="SQLite database"):
            check_output(Path(f"/dev/fd/{descriptor}"))
    finally:
        os.close(descriptor)
