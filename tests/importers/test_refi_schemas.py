"""The REFI-QDA schemas shipped in qualcode are the standard's, header and all."""

from __future__ import annotations

import pytest
from support import ROOT, shared_path

SHIPPED = ROOT / "qualcode" / "importers" / "refi_schemas"


@pytest.mark.parametrize("name", ["Project-mrt2019.xsd", "Codebook-mrt2019.xsd"])
def test_shipped_schemas_are_byte_identical_to_the_shared_ones(name):
    assert (SHIPPED / name).read_bytes() == shared_path("refi-qda", name).read_bytes()


@pytest.mark.parametrize("name", ["Project-mrt2019.xsd", "Codebook-mrt2019.xsd"])
def test_shipped_schemas_keep_their_mit_licence_header(name):
    text = (SHIPPED / name).read_text(encoding="utf-8")
    assert "This specification is licensed under the MIT license." in text
    assert "Permission is hereby granted, free of charge" in text
