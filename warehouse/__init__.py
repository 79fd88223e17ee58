"""The warehouse: the only package that owns DuckDB (schema, loads, trend queries)."""
