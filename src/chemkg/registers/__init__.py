"""Curated registers: the CSV files under ``graph/``, their columns and their validation."""
