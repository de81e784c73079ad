"""Exports: frequency tables, quote collections and codebooks written to files."""
