"""``python -m qualcode`` runs the command-line interface."""

from qualcode.cli import main

# The guard matters: the workbench's sentence splitter starts a helper process with "spawn",
# which imports this module again under another name.
if __name__ == "__main__":
    main()
