"""Codings from a YAML file: coder -> document -> list of ``{code, text}`` passages.

Used by the demo (``transcripts/codings/*.yaml``) and for scripted coding::

    lena:
      THM-01:
        - code: Corona als Prozessbremse/Abstimmungsprozesse
          text: "exact passage, occurring once in the document"
          comment: optional
          weight: 0-100, optional
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from qualcode.domain.errors import InputError, QualcodeError
from qualcode.importers.input_file import describe_read_error
from qualcode.store.coders import ensure_coder
from qualcode.store.codes import get_code
from qualcode.store.documents import resolve_document
from qualcode.store.project import Project
from qualcode.store.segments import add_segment, locate


@dataclass(frozen=True)
class CodingsResult:
    """Segments created per coder."""

    created: dict[str, int]


def read_codings(path: Path) -> dict[str, dict[str, list[dict]]]:
    """Parse and shape-check a codings file; raises :class:`InputError` naming the file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise InputError(f"{path}: cannot read codings ({describe_read_error(error)})") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: expected 'coder: document: [codings]'")
    for coder, documents in data.items():
        if not isinstance(documents, dict):
            raise InputError(f"{path}: {coder}: expected a mapping of documents")
        for document, items in documents.items():
            if not isinstance(items, list):
                raise InputError(f"{path}: {coder} > {document}: expected a list")
            for index, item in enumerate(items):
                if not isinstance(item, dict) or "code" not in item or "text" not in item:
                    raise InputError(
                        f"{path}: {coder} > {document}[{index}]: needs 'code' and 'text'")
    return data


def apply_codings(project: Project, path: Path) -> CodingsResult:
    """Apply every coding in ``path`` (one transaction for the whole file).

    Raises :class:`InputError` naming the file, coder, document and entry of the first coding
    that cannot be applied; then nothing of the file is kept.
    """
    data = read_codings(path)
    created: dict[str, int] = {}
    with project.transaction(f"apply codings {path.name}"):
        for coder_name, documents in data.items():
            coder = ensure_coder(project, str(coder_name))
            for document_name, items in documents.items():
                document = resolve_document(project, str(document_name))
                for index, item in enumerate(items):
                    where = f"{path}: {coder_name} > {document_name}[{index}]"
                    try:
                        code = get_code(project, str(item["code"]))
                        start, end = locate(project, document, str(item["text"]))
                        add_segment(project, document, code, coder, start, end,
                                    comment=str(item.get("comment") or ""),
                                    weight=int(item.get("weight") or 0), actor=coder.name)
                    except QualcodeError as error:
                        raise InputError(f"{where}: {error}") from None
                    created[coder.name] = created.get(coder.name, 0) + 1
    return CodingsResult(created)
