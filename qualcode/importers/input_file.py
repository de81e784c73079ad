"""Opening an input file safely: regular files only, never blocking, never read past a cap.

Every reader (transcripts, codebooks, survey tables, REFI-QDA archives) gets its bytes from
here, so a symbolic link to ``/dev/zero``, a FIFO, a socket or a folder named ``.txt`` is
refused with one line instead of being read forever or blocking, and a symbolic link loop is
called one instead of "no such file".
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

from qualcode.domain.errors import InputError

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _kind(mode: int) -> str:
    for test, name in _KINDS:
        if test(mode):
            return name
    return "something else"


def describe_os_error(error: OSError) -> str:
    """A short reason for an :class:`OSError` met opening or reading an input file."""
    if error.errno == errno.ELOOP:
        return "symbolic link loop"
    if error.errno == errno.ENOENT:
        return "no such file or folder"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if error.errno == errno.ENOTDIR:
        return "no such file or folder (a part of the path is not a folder)"
    if error.errno == errno.ENAMETOOLONG:
        return "file name too long"
    return error.strerror or str(error)


def _refuse(path: Path, reason: str) -> InputError:
    return InputError(f"{path}: {reason}")


def check_regular(path: Path, cap: int) -> int:
    """The size in bytes of ``path`` (symbolic links followed) after checking it can be read.

    Raises :class:`InputError` (one line, naming ``path``) for a missing file, a symbolic link
    loop, anything that is not a regular file (folder, FIFO, device, socket) and a file larger
    than ``cap`` bytes. Nothing is opened, so a FIFO cannot block.
    """
    try:
        info = os.stat(path)
    except OSError as error:
        if error.errno == errno.ENOENT and os.path.islink(path):
            raise _refuse(path, f"broken symbolic link (its target {os.readlink(path)!r} does "
                                "not exist)") from None
        raise _refuse(path, describe_os_error(error)) from None
    except ValueError:  # a NUL character in the name
        raise _refuse(path, "invalid file name") from None
    if not stat.S_ISREG(info.st_mode):
        raise _refuse(path, f"not a regular file but {_kind(info.st_mode)}; qualcode reads "
                            "only regular files")
    if info.st_size > cap:
        raise _refuse(path, f"refused: {info.st_size:,} bytes, more than the limit of "
                            f"{cap:,} bytes")
    return info.st_size


def open_regular(path: Path, cap: int) -> BinaryIO:
    """``path`` opened for reading in binary mode, after :func:`check_regular`.

    The file is opened without blocking and checked again on the open descriptor, so a FIFO
    or device swapped in after the first check is refused too. The caller closes the file.
    """
    check_regular(path, cap)
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
                             | getattr(os, "O_NOCTTY", 0))
    except OSError as error:
        raise _refuse(path, describe_os_error(error)) from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise _refuse(path, f"not a regular file but {_kind(info.st_mode)}; qualcode "
                                "reads only regular files")
        if info.st_size > cap:
            raise _refuse(path, f"refused: {info.st_size:,} bytes, more than the limit of "
                                f"{cap:,} bytes")
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def read_regular(path: Path, cap: int) -> bytes:
    """The bytes of the regular file ``path``, at most ``cap`` of them.

    Raises :class:`InputError` as :func:`open_regular` does, and when the file grows past
    ``cap`` while it is read.
    """
    with open_regular(path, cap) as stream:
        try:
            data = stream.read(cap + 1)
        except OSError as error:
            raise _refuse(path, f"cannot read ({describe_os_error(error)})") from None
    if len(data) > cap:
        raise _refuse(path, f"refused: more than the limit of {cap:,} bytes")
    return data


def describe_read_error(error: BaseException) -> str:
    """Words for an error met reading a small text file (YAML, a manifest): the OS reason,
    ``not UTF-8 text`` or ``invalid YAML at line N``; never a Python class name."""
    if isinstance(error, OSError):
        return describe_os_error(error)
    if isinstance(error, UnicodeDecodeError):
        return f"not UTF-8 text (byte 0x{error.object[error.start]:02X})"
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    if mark is not None:
        return f"invalid YAML at line {mark.line + 1}"
    return " ".join(str(error).split()) or "unreadable"
