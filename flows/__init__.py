"""Flows: the only package that imports Prefect."""
