"""``python -m qualcode`` runs the command-line interface."""

from qualcode.cli import main

main()
