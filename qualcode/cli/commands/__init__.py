"""One module per command (or command group)."""

from qualcode.cli.commands.agreement import agreement
from qualcode.cli.commands.anchor import anchor
from qualcode.cli.commands.autocode import autocode
from qualcode.cli.commands.autocode_search import autocode_search
from qualcode.cli.commands.code import code
from qualcode.cli.commands.codebook import codebook
from qualcode.cli.commands.coders import coders
from qualcode.cli.commands.codes import codes
from qualcode.cli.commands.cooccurrence import cooccurrence
from qualcode.cli.commands.crosstab import crosstab
from qualcode.cli.commands.demo import demo
from qualcode.cli.commands.disagreements import disagreements
from qualcode.cli.commands.documents import documents
from qualcode.cli.commands.export import export
from qualcode.cli.commands.export_exchange import qdc, qdpx, segments_export
from qualcode.cli.commands.history import log, redo, undo
from qualcode.cli.commands.import_files import import_files
from qualcode.cli.commands.import_qdpx import import_qdpx_command
from qualcode.cli.commands.import_survey import import_survey_command
from qualcode.cli.commands.init import init
from qualcode.cli.commands.matrix import matrix
from qualcode.cli.commands.memos import memo
from qualcode.cli.commands.merge import merge
from qualcode.cli.commands.open_workbench import open_workbench
from qualcode.cli.commands.resolve import resolve
from qualcode.cli.commands.quotes import quotes
from qualcode.cli.commands.search import search
from qualcode.cli.commands.segments import segments
from qualcode.cli.commands.text import text
from qualcode.cli.commands.uncode import uncode
from qualcode.cli.commands.variables import variable

ALL = [init, import_files, documents, text, variable, codebook, codes, code, autocode, uncode,
       segments, export, coders, memo, undo, redo, log, demo, merge, agreement, disagreements,
       resolve]

# Exchange with other programs (REFI-QDA, surveys): own modules, added to the export group.
for _command in (qdpx, qdc, segments_export):
    export.add_command(_command)
ALL += [import_qdpx_command, import_survey_command]

# Analysis (issue 5): tables, search and autocoding, representative quotes.
ALL += [matrix, cooccurrence, crosstab, search, autocode_search, quotes, anchor]

# The coding workbench (issue 3).
ALL += [open_workbench]
