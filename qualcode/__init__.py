"""qualcode: terminal-first qualitative interview analysis.

Layers (imports flow one way, enforced by import-linter contracts in ``pyproject.toml``):
``domain`` (pure models and text maths) <- ``store`` (the SQLite project file) <-
``importers`` / ``analysis`` <- ``exports`` <- front ends ``cli`` and ``tui``.
"""

__version__ = "0.1.0"
