"""Fetching: the only package that speaks HTTP (client, politeness, discovery)."""
