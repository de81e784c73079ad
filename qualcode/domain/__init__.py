"""Pure domain layer: models, text normalisation, offsets and span maths. No I/O."""
