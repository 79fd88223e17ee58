"""Field extractors of the generic chain: each module extracts one kind of field from a ``Page``."""
