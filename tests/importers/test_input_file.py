"""Every reader reads only regular files: FIFOs, devices, folders and symbolic link loops are
refused with one line (a FIFO is never opened, /dev/zero never read), and sizes are capped."""

from __future__ import annotations

import os
import signal
from contextlib import contextmanager
from pathlib import Path

import pytest

from qualcode.domain.errors import InputError
from qualcode.importers import codebook_yaml, input_file
from qualcode.importers.codebook import read_codebook
from qualcode.importers.qdc import read_qdc
from qualcode.importers.qdpx import read_qdpx
from qualcode.importers.reader import read_document
from qualcode.importers.survey_table import read_table

READERS = {
    ".txt": read_document, ".docx": read_document, ".rtf": read_document, ".vtt": read_document,
    ".yaml": read_codebook, ".qdc": read_qdc, ".qdpx": read_qdpx, ".csv": read_table,
    ".xlsx": read_table,
}


@contextmanager
def must_not_block(seconds: int = 30):
    """Fail (instead of hanging the suite) if the block blocks; not a timing assertion."""
    def blocked(signum, frame):
        raise AssertionError("the reader blocked")

    previous = signal.signal(signal.SIGALRM, blocked)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def refused(path: Path) -> str:
    with must_not_block(), pytest.raises(InputError) as error:
        READERS[path.suffix](path)
    message = str(error.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: ")
    assert "Error)" not in message  # no Python class names
    return message[len(f"{path}: "):]


@pytest.mark.parametrize("suffix", list(READERS))
def test_a_fifo_is_refused_without_being_opened(tmp_path, suffix):
    fifo = tmp_path / f"rohr{suffix}"
    os.mkfifo(fifo)
    assert refused(fifo) == ("not a regular file but a FIFO (named pipe); qualcode reads only "
                             "regular files")


@pytest.mark.parametrize("suffix", list(READERS))
def test_a_symbolic_link_to_dev_zero_is_refused(tmp_path, suffix):
    link = tmp_path / f"null{suffix}"
    link.symlink_to("/dev/zero")
    assert refused(link) == ("not a regular file but a character device; qualcode reads only "
                             "regular files")


@pytest.mark.parametrize("suffix", list(READERS))
def test_a_symbolic_link_loop_is_called_one(tmp_path, suffix):
    first, second = tmp_path / f"a{suffix}", tmp_path / f"b{suffix}"
    first.symlink_to(second.name)
    second.symlink_to(first.name)
    assert refused(first) == "symbolic link loop"


@pytest.mark.parametrize("suffix", list(READERS))
def test_a_folder_named_like_a_file_is_refused(tmp_path, suffix):
    folder = tmp_path / f"ordner{suffix}"
    folder.mkdir()
    assert refused(folder) == "not a regular file but a folder; qualcode reads only regular files"


def test_a_broken_symbolic_link_names_its_target(tmp_path):
    link = tmp_path / "weg.txt"
    link.symlink_to("gibt-es-nicht.txt")
    assert refused(link) == ("broken symbolic link (its target 'gibt-es-nicht.txt' does not "
                             "exist)")


def test_a_symbolic_link_to_a_regular_file_is_read(tmp_path):
    target = tmp_path / "echt.txt"
    target.write_text("I: Hallo?\nB: Ja, hallo.\n", encoding="utf-8")
    link = tmp_path / "verweis.txt"
    link.symlink_to(target)
    assert read_document(link).text == "I: Hallo?\nB: Ja, hallo.\n"


def test_sizes_are_capped_before_reading(tmp_path, monkeypatch):
    big = tmp_path / "gross.yaml"
    big.write_bytes(b"codes:\n" + b"  - name: X\n" * 200)
    monkeypatch.setattr(codebook_yaml, "MAX_BYTES", 1000)
    assert refused(big) == (f"refused: {big.stat().st_size:,} bytes, more than the limit of "
                            "1,000 bytes")
