"""``chemkg serve``: the HTTP service (SPARQL endpoint, API, pages) on the built store."""

from __future__ import annotations

import typer

from chemkg.cli.app import app, fail, settings
from chemkg.settings import SettingsError
from chemkg.store import StoreMissing, build_info


@app.command("serve")
def serve_command(
    host: str = typer.Option(None, help="Address to listen on [default: CHEMKG_HOST or 127.0.0.1]"),
    port: int = typer.Option(None, help="Port [default: CHEMKG_PORT or 8000]"),
) -> None:
    """Serve the built store over HTTP (uvloop and httptools are used when installed)."""
    import uvicorn

    from chemkg.web.app import check_settings

    s = settings()
    try:
        check_settings(s)
        build_info(s.store)
    except (StoreMissing, SettingsError) as exc:
        fail(str(exc))
    uvicorn.run(
        "chemkg.web.app:create_app",
        factory=True,
        host=host or s.host,
        port=port or s.port,
        log_level="info",
    )
