"""The live build: the one place the web process holds what it serves.

A :class:`Build` is one build's store, its saved site tables, resolver, coverage model, batch process,
question lexicon and search index, opened together. :class:`LiveBuild` holds the current one and swaps
in a new one, whole, when ``chemkg build`` moves the store or index symlink. Routes receive the build
as a typed dependency (:data:`CurrentBuild`), so one request never mixes two builds.

The search index records the build it was made from (``store_built_at`` in its manifest); an index of
another build is refused, said in ``/health`` and in the 503 of every search, and ``chemkg serve``
refuses to start on one.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

from fastapi import Depends, Request

from chemkg.store import GraphStore, StoreMissing, build_info, open_store
from chemkg.web.errors import Unavailable

if TYPE_CHECKING:
    from chemkg.ask.lexicon import Lexicon
    from chemkg.reports.coverage import Coverage
    from chemkg.resolve import Resolver
    from chemkg.search.engine import Searcher
    from chemkg.search.neighbours import Neighbours
    from chemkg.web.batch_process import BatchProcess
    from chemkg.web.pages.catalogue import Catalogue
    from chemkg.web.pages.matrix import Matrix
    from chemkg.web.pages.ontology import OntologyTerm
    from chemkg.web.pages.site import SiteData
    from chemkg.web.pages.zzs import Route

log = logging.getLogger("chemkg.web")
T = TypeVar("T")
# chemkg.search.indexer.MANIFEST, read here without importing the indexer (BM25 and SciPy): /health and
# the start-up check need only this small file, and must not wait for those imports.
INDEX_MANIFEST = "manifest.json"


@dataclass(frozen=True)
class IndexState:
    """Whether a search index can serve a store: ``problem`` says why not (None: it can)."""

    path: Path
    present: bool = False  # there is an index (usable or not)
    built_at: str | None = None
    store_built_at: str | None = None
    problem: str | None = None

    @property
    def usable(self) -> bool:
        return self.problem is None

    def as_json(self) -> dict[str, Any]:
        return {
            "loaded": self.usable,
            "built_at": self.built_at,
            "store_built_at": self.store_built_at,
            "problem": self.problem,
        }


def index_state(index: Path, store_built_at: str | None) -> IndexState:
    """Check that the index at ``index`` was made from the store built at ``store_built_at``."""
    try:
        manifest = json.loads((index / INDEX_MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return IndexState(index, problem=f"no search index at {index}; run `chemkg index` (or `chemkg build`)")
    except (OSError, ValueError):
        return IndexState(index, True, problem=f"the search index at {index} is damaged; run `chemkg index`")
    built_from = manifest.get("store_built_at")
    state = IndexState(index, True, manifest.get("built_at"), built_from)
    if built_from != store_built_at:
        problem = (
            f"the search index at {index} was made from the build of {built_from or 'an unknown time'}, "
            f"but the store is the build of {store_built_at or 'an unknown time'}; "
            "run `chemkg index` to make it from this build"
        )
        return IndexState(index, True, state.built_at, built_from, problem)
    return state


class Build:
    """One build, opened together; the tables derived from it are computed on first use, once.

    Thread-safe: handlers run in a thread pool, and each table is built once, under its own lock.
    """

    def __init__(self, store_path: Path, index_path: Path) -> None:
        self.store_link = store_path  # the path settings name (a symlink a new build moves)
        self.store_path = Path(os.path.realpath(store_path))
        self.index_path = Path(os.path.realpath(index_path))
        self.info: dict[str, Any] = build_info(self.store_path)
        self.store: GraphStore = open_store(self.store_path)  # every read of this build goes through it
        self.index = index_state(self.index_path, self.built_at)
        self._lock = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}  # one per table: loading the index never holds up the pages'
        self._memo: dict[str, Any] = {}

    @property
    def built_at(self) -> str | None:
        value = self.info.get("built_at")
        return str(value) if value is not None else None

    def key(self) -> tuple[str, str]:
        return str(self.store_path), str(self.index_path)

    def _once(self, name: str, make: Callable[[], T]) -> T:
        if name not in self._memo:
            with self._lock:
                lock = self._locks.setdefault(name, threading.Lock())
            with lock:  # tables depend on others (lexicon → resolver, coverage → site), never in a circle
                if name not in self._memo:
                    self._memo[name] = make()
        return self._memo[name]

    # -- the tables of this build -----------------------------------------------------------------
    @property
    def site(self) -> SiteData:
        from chemkg.web.pages.site import site_data

        return self._once("site", lambda: site_data(self.store))

    @property
    def resolver(self) -> Resolver:
        from chemkg.resolve import Resolver  # NumPy and RapidFuzz load with the first page that needs names

        return self._once("resolver", lambda: Resolver.from_store(self.store))

    @property
    def coverage(self) -> Coverage:
        from chemkg.reports.coverage import Coverage

        return self._once("coverage", lambda: Coverage.from_site(self.site))

    @property
    def batch_process(self) -> BatchProcess:
        """The process that runs this build's batches on its own copy of the batch index (web/batch_process.py)."""
        from chemkg.web.batch_process import BatchProcess

        return self._once("batch_process", lambda: BatchProcess(self.store_path))

    def retire(self) -> None:
        """A newer build took this one's place: stop its batch process once the batch it runs (if any) is answered."""
        process = self._memo.get("batch_process")
        if process is not None:
            process.retire()

    @property
    def lexicon(self) -> Lexicon:
        from chemkg.ask.lexicon import Lexicon

        return self._once("lexicon", lambda: Lexicon.from_store(self.store, self.resolver))

    @property
    def catalogue(self) -> Catalogue:
        from chemkg.web.pages.catalogue import catalogue

        return self._once("catalogue", lambda: catalogue(self.store, self.site))

    def matrix(self, name: str) -> Matrix:
        """The coverage matrix of one filter (``listed``, …); raises ``UnknownFilter`` for another name."""
        from chemkg.web.pages.matrix import coverage_matrix

        return self._once(f"matrix:{name}", lambda: coverage_matrix(self.site, name))

    @property
    def zzs_routes(self) -> list[Route]:
        from chemkg.web.pages.zzs import zzs_routes

        return self._once("zzs-routes", lambda: zzs_routes(self.store, self.site))

    @property
    def dutch_labels(self) -> dict[str, str]:
        from chemkg.web.pages.dutch_labels import dutch_labels

        return self._once("dutch-labels", lambda: dutch_labels(self.store, self.site))

    @property
    def paths(self) -> dict[str, str]:
        """Path → English label of every labelled entity (the 404 page's close matches)."""
        from chemkg.web.pages.suggest import labelled_paths

        return self._once("paths", lambda: labelled_paths(self.store))

    @property
    def ontology_terms(self) -> tuple[OntologyTerm, ...]:
        from chemkg.web.pages.ontology import ontology_terms

        return self._once("ontology-terms", lambda: ontology_terms(self.store))

    @property
    def jsonld_context(self) -> dict[str, object]:
        """ChemKG's JSON-LD context (/ontology/context.jsonld, and every JSON-LD answer of the pages)."""
        from chemkg.web.pages.ontology import jsonld_context

        return self._once("jsonld-context", lambda: jsonld_context(self.ontology_terms))

    def memo(self, name: str, make: Callable[[], T]) -> T:
        """Anything else computed once per build (the diff against the previous build, …)."""
        return self._once(f"memo:{name}", make)

    # -- the search index of this build -----------------------------------------------------------
    def searcher(self) -> Searcher:
        """The loaded index, or a 503 that says how to build one (or why this one is refused)."""
        if self.index.problem is not None:
            raise Unavailable(f"Search is not available: {self.index.problem}.", retry_after=60)
        from chemkg.search.engine import Searcher

        return self._once("searcher", lambda: Searcher(self.index_path))

    def searcher_loaded(self) -> bool:
        """Whether the search index is in memory already (the warm-up at start-up, or a first search, loaded it)."""
        return "searcher" in self._memo

    def neighbours(self) -> Neighbours | None:
        """Nearest entities by stored vectors (related substances); None without a usable index.

        Made from the loaded searcher's documents and vectors, so the index is read once."""
        if self.index.problem is not None:
            return None
        from chemkg.search.neighbours import Neighbours

        def make() -> Neighbours:
            searcher = self.searcher()
            return Neighbours(searcher.docs, searcher.passage_doc, searcher.vectors)

        return self._once("neighbours", make)

    def load_searcher(self) -> None:
        """Load the search index (first of the warm-up: search and the related-substances lists need it)."""
        if self.index.problem is not None:
            return
        try:
            self.searcher()
        except Exception:  # the first search reports the reason
            log.warning("loading the search index failed; the first search will try again", exc_info=True)

    def warm_up_search(self) -> None:
        """Run one query (the model loads meanwhile in its own thread), so the first user does not wait."""
        if self.index.problem is not None:
            return
        try:
            self.searcher().warm_up()
        except Exception:  # a failed warm-up only means the first search loads the model itself
            log.warning("search warm-up failed; the first search will load the model", exc_info=True)

    def warm_up_explanations(self) -> None:
        """The curated documents' pieces for explanations and snippets, so new queries do not make them."""
        if self.index.problem is not None:
            return
        try:
            self.searcher().analyse_curated()
        except Exception:  # a failure only means queries make them as they go
            log.warning("analysing documents for explanations failed", exc_info=True)

    def warm_up_names(self) -> None:
        """The resolver and the question lexicon: for name searches, questions and the search page."""
        self.lexicon  # noqa: B018  (built for its side effect: computed once, kept in the build)

    def load_search_model(self) -> None:
        """Load only the embedding model (ONNX Runtime releases the GIL meanwhile); failures wait for a query."""
        if self.index.problem is not None:
            return
        from chemkg.search.engine import load_model

        try:
            load_model(self.index_path)
        except Exception:
            log.warning("loading the search model failed; the first search will try again", exc_info=True)


Identity = tuple[int, int, int] | None


def identity(path: Path) -> Identity:
    """The file or folder a path leads to now (device, inode, change time), following symlinks; None when there is
    none. A new build is a new folder: when a symlink moves to it, this changes."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino, found.st_ctime_ns


class LiveBuild:
    """The build being served: opened on first use, replaced whole when the store or index symlink moves."""

    def __init__(self, store: Path, index: Path) -> None:
        self.store, self.index = store, index
        self._current: Build | None = None
        self._seen: tuple[Identity, Identity] | None = None  # what the two paths led to when it was opened
        self._lock = threading.Lock()

    def current(self) -> Build:
        """The live build; raises a 503 saying how to build one when there is no store."""
        build = self._current
        seen = (identity(self.store), identity(self.index))
        if build is not None and seen == self._seen and None not in seen:
            return build  # the common case: two stat calls, where resolving both paths took ten system calls
        key = (os.path.realpath(self.store), os.path.realpath(self.index))
        if build is not None and build.key() == key:
            self._seen = seen
            return build
        with self._lock:
            build = self._current
            if build is None or build.key() != key:
                try:
                    build = Build(self.store, self.index)
                except StoreMissing as exc:
                    raise Unavailable(f"{exc}.", retry_after=60) from None
                if build.index.problem and (self._current is None or self._current.index.problem is None):
                    log.error("search is refused: %s", build.index.problem)
                old, self._current = self._current, build  # one assignment: a request holds the old build or the new
                self._seen = seen
                if old is not None:
                    old.retire()
            return build

    def peek(self) -> Build | None:
        """The build opened last, without opening one (for /health)."""
        return self._current

    def close(self) -> None:
        """The service stops: stop the processes the live build started."""
        if self._current is not None:
            self._current.retire()


def current_build(request: Request) -> Build:
    """FastAPI dependency: the build this request is answered from."""
    from chemkg.web.state import app_state

    return app_state(request).live.current()


def build_if_any(request: Request) -> Build | None:
    """FastAPI dependency for pages that still say something without a store (imports, health)."""
    try:
        return current_build(request)
    except Unavailable:
        return None


CurrentBuild = Annotated[Build, Depends(current_build)]
MaybeBuild = Annotated[Build | None, Depends(build_if_any)]
