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
    workers: int = typer.Option(
        1,
        min=1,
        max=64,
        help=(
            "Server processes, sharing one read-only build (each starts its own CHEMKG_QUERY_WORKERS SPARQL workers "
            "and, when batches are used, one batch process)."
        ),
    ),
) -> None:
    """Serve the built store over HTTP (uvloop and httptools are used when installed)."""
    import uvicorn

    from chemkg.web.app import check_settings
    from chemkg.web.live import index_state

    s = settings()
    try:
        check_settings(s)
        info = build_info(s.store)
    except (StoreMissing, SettingsError) as exc:
        fail(str(exc))
    index = index_state(s.index, info.get("built_at"))
    if index.present and index.problem:  # an index of another build (or damaged); none at all only disables search
        fail(f"{index.problem[0].upper()}{index.problem[1:]} (or point CHEMKG_INDEX_PATH at the index of this build).")
    uvicorn.run(
        "chemkg.web.app:create_app",
        factory=True,
        host=host or s.host,
        port=port or s.port,
        workers=workers,
        log_level="info",
    )
