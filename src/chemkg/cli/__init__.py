"""The ``chemkg`` command line: thin commands over the library, one module per group of commands.

Commands are imported lazily: ``chemkg serve`` imports only ``cli/serve.py`` (not the build pipeline,
the batch resolver or the question lexicon), so the service starts answering sooner. ``app`` (what
tests and the docs generator use) has every command.
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import typer

    from chemkg.cli.app import app as app

# Command (or command group) → the module under chemkg.cli that registers it.
COMMANDS = {
    "ask": "ask",
    "eval-ask": "ask",
    "batch": "batch",
    "brief": "brief",
    "build": "build",
    "lint": "build",
    "import": "imports",
    "imports": "imports",
    "lookup": "lookup",
    "query": "query",
    "export": "releases",
    "diff": "releases",
    "report": "report",
    "index": "search",
    "search": "search",
    "eval-search": "search",
    "serve": "serve",
    "stats": "stats",
}


def load_commands(names: list[str] | None = None) -> typer.Typer:
    """The Typer app with the modules of ``names`` registered (every module when None or unknown)."""
    wanted = {COMMANDS[n] for n in names or () if n in COMMANDS}
    if not wanted or len(wanted) < len(names or ()):
        wanted = set(COMMANDS.values())
    for module in sorted(wanted):
        importlib.import_module(f"chemkg.cli.{module}")
    from chemkg.cli.app import app

    # Importing the submodule ``chemkg.cli.app`` set this package's ``app`` to that module; ``app`` is the
    # Typer application, as ``from chemkg.cli import app`` has always given.
    globals()["app"] = app
    return app


def main() -> None:
    command = next((a for a in sys.argv[1:] if not a.startswith("-")), None)
    load_commands([command] if command else None)()


def __getattr__(name: str) -> Any:
    if name == "app":
        return load_commands()
    raise AttributeError(name)
