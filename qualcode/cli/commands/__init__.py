"""One module per command (or command group)."""

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
from qualcode.cli.commands.documents import documents
from qualcode.cli.commands.export import export
from qualcode.cli.commands.history import log, redo, undo
from qualcode.cli.commands.import_files import import_files
from qualcode.cli.commands.init import init
from qualcode.cli.commands.matrix import matrix
from qualcode.cli.commands.memos import memo
from qualcode.cli.commands.quotes import quotes
from qualcode.cli.commands.search import search
from qualcode.cli.commands.segments import segments
from qualcode.cli.commands.text import text
from qualcode.cli.commands.uncode import uncode
from qualcode.cli.commands.variables import variable

ALL = [init, import_files, documents, text, variable, codebook, codes, code, autocode, uncode,
       segments, export, coders, memo, undo, redo, log, demo]
# Analysis (issue 5): tables, search and autocoding, representative quotes.
ALL += [matrix, cooccurrence, crosstab, search, autocode_search, quotes, anchor]
