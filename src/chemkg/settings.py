"""Typed settings from ``CHEMKG_*`` environment variables, validated at start-up."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict


class SettingsError(Exception):
    """A setting has a value ChemKG cannot use; the message names the variable."""


class Settings(BaseSettings):
    """Every knob ChemKG has. Each field is read from ``CHEMKG_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="CHEMKG_", extra="ignore")

    graph_dir: Path = Field(Path("graph"), description="Folder of curated registers (CSV).")
    ontology_dir: Path = Field(Path("ontology"), description="Folder with chemkg.ttl and shapes.ttl.")
    data_dir: Path = Field(Path("data"), description="Where builds, the store and the search index live.")
    store_path: Path | None = Field(None, description="The Oxigraph store; default <data_dir>/store.")
    index_path: Path | None = Field(None, description="The search index; default <data_dir>/index.")
    imports_dir: Path | None = Field(
        None,
        description="Snapshots of the official lists (one folder per list and edition), read by every build and "
        "written by `chemkg import`; default <graph_dir>/official.",
    )
    exports_dir: Path | None = Field(
        None, description="Versioned dumps from `chemkg export`; default <data_dir>/exports."
    )
    host: str = Field("127.0.0.1", description="Address `chemkg serve` listens on.")
    port: int = Field(8000, ge=1, le=65535, description="Port `chemkg serve` listens on.")
    query_timeout_s: float = Field(10.0, gt=0, le=3600, description="SPARQL query time limit, in seconds.")
    result_limit: int = Field(10000, ge=1, description="Most result rows a SPARQL query returns.")
    query_workers: int = Field(2, ge=1, le=64, description="Worker processes that run SPARQL queries.")
    warm_up: bool = Field(
        True,
        description="When the server starts, load the search index and model and render a few pages in the "
        "background, so the first visitors do not wait for them. `false` loads each on first use instead (about "
        "2 s of CPU less per start: the tests' many short-lived apps use it).",
    )
    read_only: bool = Field(
        True,
        description="The endpoint refuses SPARQL Update; only `true` is accepted, because every build replaces "
        "the whole store and an update would silently vanish (edit graph/ and rebuild instead).",
    )
    model_name: str = Field(
        "sentence-transformers/all-MiniLM-L6-v2",
        description="Sentence-transformers model name or path for dense search.",
    )
    model_precision: Literal["fp32", "int8"] = Field(
        "fp32",
        description="Weights of the exported embedding model: `fp32` (the sentence-transformers vectors) or `int8` "
        "(dynamically quantised: faster, slightly different vectors, so the index is re-embedded).",
    )
    model_threads: int | None = Field(
        None,
        ge=1,
        le=64,
        description="Threads of one run of the embedding model (a query, or a batch of passages in a build); "
        "default: every CPU the process may use, at most 4. Lower it to leave cores to other work on the "
        "machine; on two busy cores one thread still cost more CPU per passage than two (measured with the tests).",
    )
    model_cache: Path | None = Field(
        None,
        description="Where the embedding model is exported to ONNX once per model and version (by `chemkg build`/"
        "`chemkg index`); serving loads it from here without torch; default <data_dir>/models.",
    )

    @property
    def store(self) -> Path:
        return self.store_path or self.data_dir / "store"

    @property
    def index(self) -> Path:
        return self.index_path or self.data_dir / "index"

    @property
    def model_cache_dir(self) -> Path:
        return self.model_cache or self.data_dir / "models"

    @property
    def imports(self) -> Path:
        return self.imports_dir or self.graph_dir / "official"

    @property
    def exports(self) -> Path:
        return self.exports_dir or self.data_dir / "exports"


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment (and overrides), with errors that name the variable."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        lines = []
        for error in exc.errors():
            field = str(error["loc"][0]) if error["loc"] else "?"
            lines.append(f"CHEMKG_{field.upper()}: {error['msg']} (got {error.get('input')!r})")
        raise SettingsError("invalid setting(s):\n  " + "\n  ".join(lines)) from None
