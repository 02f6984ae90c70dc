"""The ``chemkg`` command line: thin commands over the library, one module per group of commands."""

from __future__ import annotations

from chemkg.cli import batch, build, imports, lookup, query, report, serve, stats  # noqa: F401  (each registers commands)
from chemkg.cli.app import app


def main() -> None:
    app()
