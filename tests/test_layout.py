"""The code's shape: no module imports itself back through others (web/, build/ ↔ imports/ had such cycles),
and only the store module talks to the query engine."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """ChemKG modules ``path`` imports anywhere (at the top or inside a function), except for type checking."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    type_only = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
        for node in ast.walk(block)
    }
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in type_only:
            continue
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name in modules}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("chemkg"):
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in modules else node.module)
    return found & modules


def import_graph() -> dict[str, set[str]]:
    paths = {module_name(p): p for p in SRC.joinpath("chemkg").rglob("*.py")}
    modules = set(paths)
    return {name: imports_of(path, modules) - {name} for name, path in paths.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_no_module_of_chemkg_imports_itself_back_through_others() -> None:
    """The web service, the build, the imports, the reports, search and the CLI have no import cycles."""
    graph = import_graph()
    # A package's __init__ importing its own submodules is how packages work, not a cycle between layers.
    graph = {m: {d for d in deps if not m.startswith(d + ".")} for m, deps in graph.items()}
    assert cycles(graph) == []


def test_the_official_list_imports_do_not_import_the_build() -> None:
    """The build reads the imports; the imports write their graphs without the build."""
    graph = import_graph()
    offending = sorted(
        f"{m} → {d}"
        for m, deps in graph.items()
        if m.startswith("chemkg.imports")
        for d in deps
        if d.startswith("chemkg.build")
    )
    assert offending == []


# What only the store module may do with pyoxigraph: open its Store and call the engine's query and pattern reads.
STORE_MODULE = "chemkg.store"
ENGINE_METHODS = {"query", "quads_for_pattern", "named_graphs", "contains_named_graph", "bulk_load", "bulk_extend"}


def engine_uses(path: Path) -> list[str]:
    """Where ``path`` reaches past the store interface: pyoxigraph's ``Store``, its query and pattern
    methods, or the engine an ``OxigraphStore`` wraps (``.oxigraph``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "pyoxigraph":
            found += [f"line {node.lineno}: imports pyoxigraph.{a.name}" for a in node.names if a.name == "Store"]
        elif isinstance(node, ast.Attribute) and (
            node.attr == "oxigraph" or (node.attr == "Store" and ast.unparse(node.value) in ("ox", "pyoxigraph"))
        ):
            found.append(f"line {node.lineno}: {ast.unparse(node)}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ENGINE_METHODS:
            found.append(f"line {node.lineno}: {ast.unparse(node.func)}(…)")
    return found


def test_only_the_store_module_touches_the_query_engine() -> None:
    """Pages, reports, search and the endpoint read through ``chemkg.store.GraphStore``, never pyoxigraph's
    store, so another engine (a remote SPARQL endpoint) can stand behind that one interface."""
    offending = {
        module_name(p): uses
        for p in SRC.joinpath("chemkg").rglob("*.py")
        if module_name(p) != STORE_MODULE and (uses := engine_uses(p))
    }
    assert offending == {}, f"use the GraphStore interface (chemkg.store) instead: {offending}"


def test_the_engine_check_sees_each_way_past_the_interface(tmp_path: Path) -> None:
    """The rule above would pass on anything if it could not see a violation: each kind is caught here."""
    module = tmp_path / "page.py"
    module.write_text(
        "import pyoxigraph as ox\nfrom pyoxigraph import Store\n"
        "def page(store, build):\n"
        "    store.quads_for_pattern(None, None, None)\n"
        "    store.query('ASK {}')\n"
        "    build.store.oxigraph\n"
        "    return ox.Store()\n",
        encoding="utf-8",
    )
    assert engine_uses(module) == [
        "line 2: imports pyoxigraph.Store",
        "line 4: store.quads_for_pattern(…)",
        "line 5: store.query(…)",
        "line 6: build.store.oxigraph",
        "line 7: ox.Store",
    ]
