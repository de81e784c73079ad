"""One module per command (or command group), loaded only when its command runs.

Importing every command's module (pandas, lxml, scikit-learn ...) would make every command
pay for all of them at start-up; :data:`COMMANDS` names where each one lives instead.
"""

from __future__ import annotations

from importlib import import_module

import click

#: Command name -> ``module:attribute`` of its Click command.
COMMANDS: dict[str, str] = {
    "init": "qualcode.cli.commands.init:init",
    "import": "qualcode.cli.commands.import_files:import_files",
    "documents": "qualcode.cli.commands.documents:documents",
    "groups": "qualcode.cli.commands.groups:groups",
    "sets": "qualcode.cli.commands.sets:sets",
    "text": "qualcode.cli.commands.text:text",
    "variable": "qualcode.cli.commands.variables:variable",
    "codebook": "qualcode.cli.commands.codebook:codebook",
    "codes": "qualcode.cli.commands.codes:codes",
    "code": "qualcode.cli.commands.code:code",
    "autocode": "qualcode.cli.commands.autocode:autocode",
    "uncode": "qualcode.cli.commands.uncode:uncode",
    "segments": "qualcode.cli.commands.segments:segments",
    "export": "qualcode.cli.commands.export:export",
    "coders": "qualcode.cli.commands.coders:coders",
    "memo": "qualcode.cli.commands.memos:memo",
    "undo": "qualcode.cli.commands.undo:undo",
    "redo": "qualcode.cli.commands.redo:redo",
    "log": "qualcode.cli.commands.log:log",
    "purge": "qualcode.cli.commands.purge:purge",
    "demo": "qualcode.cli.commands.demo:demo",
    "merge": "qualcode.cli.commands.merge:merge",
    "agreement": "qualcode.cli.commands.agreement:agreement",
    "disagreements": "qualcode.cli.commands.disagreements:disagreements",
    "resolve": "qualcode.cli.commands.resolve:resolve",
    "import-qdpx": "qualcode.cli.commands.import_qdpx:import_qdpx_command",
    "import-survey": "qualcode.cli.commands.import_survey:import_survey_command",
    "matrix": "qualcode.cli.commands.matrix:matrix",
    "cooccurrence": "qualcode.cli.commands.cooccurrence:cooccurrence",
    "crosstab": "qualcode.cli.commands.crosstab:crosstab",
    "search": "qualcode.cli.commands.search:search",
    "autocode-search": "qualcode.cli.commands.autocode_search:autocode_search",
    "quotes": "qualcode.cli.commands.quotes:quotes",
    "anchor": "qualcode.cli.commands.anchor:anchor",
    "open": "qualcode.cli.commands.open_workbench:open_workbench",
}


def load(name: str) -> click.Command:
    """The Click command called ``name`` (imports its module)."""
    module, attribute = COMMANDS[name].split(":")
    return getattr(import_module(module), attribute)
