"""End-to-end tests of the command line and the exports (one module per command).

This folder is a package so that its conftest.py is imported as ``cli.conftest`` and does not
replace the top-level ``conftest`` module that test modules import ``ROOT`` and ``shared_path``
from.
"""
