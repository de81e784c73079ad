"""Workbench widgets, each with its own CSS and bindings."""
