"""Names of the agreement levels, units and overlap measures (no heavy imports: the CLI
reads these to build its options)."""

LEVELS = ("document", "frequency", "segment", "unit", "unitized")
UNITS = ("sentence", "turn", "character")
OVERLAPS = ("union", "shorter")
#: MAXQDA's default minimum overlap of two segments, in percent.
DEFAULT_THRESHOLD = 90.0
