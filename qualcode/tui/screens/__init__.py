"""Modal screens of the workbench: pickers, prompts, editors, help."""
