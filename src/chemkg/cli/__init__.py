"""The ``chemkg`` command line: thin commands over the library, one module per group of commands."""

from __future__ import annotations

from chemkg.cli import (  # noqa: F401  (each module registers its commands)
    ask,
    batch,
    brief,
    build,
    imports,
    lookup,
    query,
    releases,
    report,
    search,
    serve,
    stats,
)
from chemkg.cli.app import app


def main() -> None:
    app()
