"""Importers: transcripts (txt, docx, rtf, odt, vtt, srt, html), codebooks (YAML, REFI-QDA .qdc),
REFI-QDA projects (.qdpx) and survey tables (.xlsx, .csv)."""
