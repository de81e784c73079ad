""".docx, .odt and .xlsx zip bombs are refused from the archive's directory, before python-docx,
odfpy or openpyxl inflate anything (the limits are those of .qdpx: qualcode.importers.zip_safety)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from fuzz_inputs import seed

from qualcode.domain.errors import InputError
from qualcode.importers.reader import read_document
from qualcode.importers.survey_table import read_table
from qualcode.importers.zip_safety import OFFICE_LIMITS

MAIN_PART = {"docx": "word/document.xml", "odt": "content.xml", "xlsx": "xl/worksheets/sheet1.xml"}
LIBRARY = {"docx": ("docx", "Document"), "odt": ("odf.opendocument", "load"),
           "xlsx": ("openpyxl", "load_workbook")}


def _rebuilt(data: bytes, part: str, content: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, content if info.filename == part
                            else source.read(info))
    return out.getvalue()


def _declared_size(data: bytes, part: str, size: int) -> bytes:
    """The archive with ``part``'s uncompressed size in the central directory set to ``size``."""
    patched = bytearray(data)
    entry = patched.rfind(part.encode()) - 46  # the name follows the 46-byte entry header
    assert patched[entry:entry + 4] == b"PK\x01\x02"
    patched[entry + 24:entry + 28] = size.to_bytes(4, "little")
    return bytes(patched)


def _read(kind: str, path: Path):
    return read_table(path) if kind == "xlsx" else read_document(path)


@pytest.fixture
def no_library(monkeypatch):
    """``forbid()``: from then on, fail the test if an office library is handed a file."""
    import importlib

    def forbid() -> None:
        for module_name, function in LIBRARY.values():
            module = importlib.import_module(module_name)

            def called(*args, _name=f"{module_name}.{function}", **kwargs):
                raise AssertionError(f"{_name} was called with a zip bomb")

            monkeypatch.setattr(module, function, called)

    return forbid


@pytest.mark.parametrize("kind", ["docx", "odt", "xlsx"])
def test_a_gigabyte_main_part_is_refused_before_inflating(kind, tmp_path, no_library):
    data = _declared_size(seed(kind, str(tmp_path)), MAIN_PART[kind], 2**30)
    path = tmp_path / f"bombe.{kind}"
    path.write_bytes(data)
    no_library()
    with pytest.raises(InputError) as error:
        _read(kind, path)
    assert str(error.value) == (f"{path}: {MAIN_PART[kind]}: refused: 1,073,741,824 bytes "
                                f"uncompressed, more than the limit of "
                                f"{OFFICE_LIMITS.source_bytes:,}")


@pytest.mark.parametrize("kind", ["docx", "odt", "xlsx"])
def test_a_part_compressed_like_a_zip_bomb_is_refused(kind, tmp_path, no_library):
    # 8 MiB of one repeated element deflate about 1000:1; the limit is 200:1 above 1 MiB.
    data = _rebuilt(seed(kind, str(tmp_path)), MAIN_PART[kind], b"<a/>" * (2 * 2**20))
    path = tmp_path / f"bombe.{kind}"
    path.write_bytes(data)
    no_library()
    with pytest.raises(InputError) as error:
        _read(kind, path)
    message = str(error.value)
    assert message.startswith(f"{path}: {MAIN_PART[kind]}: refused: compressed ")
    assert message.endswith(" to 1, a zip bomb")


def test_many_parts_together_over_the_total_limit_are_refused(tmp_path, no_library):
    data = seed("docx", str(tmp_path))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        for number in range(5):
            target.writestr(f"word/media/bild{number}.png", bytes(2**20 + 2**17))
    data = out.getvalue()
    # Each part claims 60 MiB: under the per-part limit and 55:1 (no bomb), 300 MiB in all.
    for number in range(5):
        data = _declared_size(data, f"word/media/bild{number}.png", 60 * 2**20)
    path = tmp_path / "viele.docx"
    path.write_bytes(data)
    no_library()
    with pytest.raises(InputError) as error:
        read_document(path)
    assert str(error.value).startswith(f"{path}: refused: ")
    assert str(error.value).endswith(" bytes uncompressed in all, more than the limit of "
                                     "268,435,456")


def test_a_docx_with_an_image_below_the_limits_still_imports(tmp_path):
    data = seed("docx", str(tmp_path))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.writestr("word/media/foto.jpg", bytes(range(256)) * 4096)  # 1 MiB, 1:1
    path = tmp_path / "mit-bild.docx"
    path.write_bytes(out.getvalue())
    assert "Sprachcafé" in read_document(path).text
