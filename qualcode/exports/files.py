"""Writing output files safely: a reader never sees half a file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from qualcode.domain.errors import InputError

# Read once at import (os.umask can only be read by setting it) so output files get the
# permissions any other program would give them.
_UMASK = os.umask(0o022)
os.umask(_UMASK)


#: The folder exports go to by default (``exports/`` beside the project, or in the
#: working directory); :func:`write_atomically` creates it when it is missing.
DEFAULT_FOLDER = "exports"


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    A symbolic link is followed (the file it points to is replaced, the link stays); a path
    that is not a regular file, such as ``/dev/stdout``, is written directly.
    qualcode's default output folder is created on demand: a missing folder named
    ``exports`` whose own parent folder exists. Raises :class:`InputError` naming the path
    when any other folder does not exist or the folder is not writable.
    """
    if path.exists() and not path.is_file():  # a device or pipe (/dev/stdout): no rename
        try:
            with open(path, "wb") as stream:
                stream.write(data)
        except OSError as error:
            raise InputError(f"{path}: cannot write ({error.strerror})") from None
        return
    if path.is_symlink():  # write where the link points; replacing the link would break it
        path = path.resolve()
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir() and folder.name == DEFAULT_FOLDER and folder.parent.is_dir():
        try:
            folder.mkdir()
        except OSError as error:
            raise InputError(f"{path}: cannot create folder {folder} ({error.strerror})") from None
    if not folder.is_dir():
        raise InputError(f"{path}: folder {folder} does not exist")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o666 & ~_UMASK)
        os.replace(temporary, path)
    except OSError as error:
        raise InputError(f"{path}: cannot write ({error.strerror})") from None
