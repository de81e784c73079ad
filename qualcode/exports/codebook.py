"""Codebook export to YAML, the format :mod:`qualcode.importers.codebook` reads."""

from __future__ import annotations

from pathlib import Path

import yaml

from qualcode.exports.files import write_atomically
from qualcode.store.codes import load_codes
from qualcode.store.project import Project


class _Literal(str):
    """A string written as a YAML block scalar when it spans lines."""


def _represent(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(_Literal, _represent)


def codebook_data(project: Project, title: str | None = None) -> dict:
    """The code system as the nested mapping written to YAML (GUIDs included)."""
    tree, codes = load_codes(project)

    def node(code_id: int) -> dict:
        code = codes[code_id]
        item: dict = {"name": code.name, "color": code.color}
        for key in ("definition", "anchor_example", "coding_rules"):
            value = getattr(code, key)
            if value:
                item[key] = _Literal(value)
        item["guid"] = code.guid
        kids = tree.children.get(code_id, [])
        if kids:
            item["children"] = [node(k) for k in kids]
        return item

    data: dict = {}
    if title:
        data["name"] = title
    data["codes"] = [node(c) for c in tree.children[None]]
    return data


def export_codebook(project: Project, path: Path) -> int:
    """Write the code system to ``path`` as YAML; returns the number of codes written."""
    data = codebook_data(project, project.setting("codebook_title"))
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    write_atomically(path, text.encode("utf-8"))
    return project.db.execute("SELECT count(*) FROM codes").fetchone()[0]
