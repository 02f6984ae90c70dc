"""The Typer application and the helpers every command shares."""

from __future__ import annotations

import os
from typing import NoReturn

import typer
from rich.console import Console

from chemkg.settings import Settings, SettingsError, load_settings

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

app = typer.Typer(
    name="chemkg",
    help="ChemKG: substances, treaty listings, ZZS status and the ISP-CWP panel as a knowledge graph.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def commands() -> None:
    """Keeps the app a group of commands even when only the one asked for is loaded (``chemkg.cli.main``)."""


console = Console()
err = Console(stderr=True)


def fail(message: str, code: int = 1) -> NoReturn:
    """Print a sentence the user can act on and exit; never a traceback."""
    err.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def settings() -> Settings:
    try:
        return load_settings()
    except SettingsError as exc:
        fail(str(exc))
