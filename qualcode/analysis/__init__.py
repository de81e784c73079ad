"""Analysis: counts and statistics computed from a project (no file output here)."""
