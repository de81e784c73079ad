"""Importers: transcripts (txt, docx, rtf, odt, vtt, srt, html) and YAML codebooks."""
