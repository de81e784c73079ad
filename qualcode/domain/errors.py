"""Error types shared by every layer.

Every error carries a one-line, user-facing message; front ends print it without a traceback
and exit non-zero.
"""


class QualcodeError(Exception):
    """Base class of all errors qualcode reports to users (one-line message)."""


class InputError(QualcodeError):
    """An input file or value cannot be used (unreadable, malformed, out of range)."""


class NotFoundError(QualcodeError):
    """A named document, code, coder, segment or project does not exist."""


class ConflictError(QualcodeError):
    """The change would contradict existing data (duplicate name, ambiguous match, ...)."""


class ProjectError(QualcodeError):
    """The project file cannot be opened or migrated."""
