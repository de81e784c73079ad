"""Exports: frequency tables, quote collections, codebooks, REFI-QDA projects (.qdpx, .qdc) and
coded-segment tables written to files."""
