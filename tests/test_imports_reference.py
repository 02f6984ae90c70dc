"""The real RIVM and ECHA files (../shared/reference/external) import with every row accounted for."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from chemkg.imports.graph import add_imports
from chemkg.imports.parse import parse_list
from chemkg.imports.saved import load_imports, stage
from chemkg.registers.validate import load

ROOT = Path(__file__).resolve().parent.parent
EXTERNAL = ROOT.parent / "shared" / "reference" / "external"
ECHA = EXTERNAL / "gezever__A-Substance-Is-Not-Always-a-Substance"
LEGACY = "candidate-list-of-svhc-for-authorisation-export.csv"
FILES = [
    ("rivm-zzs", EXTERNAL / "Deltares-research__Bron-tot-effect-wp3" / "ZZS_smiles_20230718.xlsx", 2110),
    ("echa-candidate-list", ECHA / "candidate_list_full.xlsx", 263),
    ("echa-candidate-list", ECHA / LEGACY, 507),
    ("echa-candidate-list", EXTERNAL / "analeonescu__chemical-security-evals" / LEGACY, 507),
    ("echa-annex-xiv", ECHA / "authorisation_list_full.xlsx", 59),
    ("echa-annex-xvii", ECHA / "restriction_list_full.xlsx", 237),
    ("echa-pops", ECHA / "pops_list_full.xlsx", 34),
    ("echa-clp", ECHA / "Harmonised_List.xlsx", 4762),
]  # fmt: skip

pytestmark = [
    pytest.mark.reference,
    pytest.mark.slow,  # whole published lists, thousands of rows each
    pytest.mark.skipif(not EXTERNAL.is_dir(), reason=f"the reference files are not here ({EXTERNAL} is absent)"),
]


@pytest.mark.parametrize(("kind", "path", "rows"), FILES, ids=[f"{k}:{p.name}" for k, p, _ in FILES])
def test_every_row_of_a_published_list_is_imported_or_rejected_with_a_reason(kind: str, path: Path, rows: int) -> None:
    parsed = parse_list(kind, path)
    assert parsed.rows_read == rows
    assert parsed.accounted, "some rows were neither imported nor rejected"
    assert all(r.reason for r in parsed.rejections)
    assert len(parsed.imported_rows) >= 0.99 * rows  # the lists as published are almost entirely valid
    print(f"{kind} {path.name}: {rows} read, {len(parsed.imported_rows)} imported, {len(parsed.rejections)} rejected")


def test_the_real_lists_become_graphs_linked_to_curated_substances(tmp_path: Path) -> None:
    catalogue, problems = load(ROOT / "graph")
    assert not problems
    folders = {}
    for kind, path, _ in FILES:
        if kind not in folders:
            folders[kind] = stage(parse_list(kind, path), tmp_path)
    graphs: dict[str, Graph] = {"provenance": Graph()}
    summaries, problems = add_imports(graphs, catalogue, load_imports(None, folders), "2026-01-01T00:00:00+00:00")
    assert not problems
    by_kind = {s.kind: s for s in summaries}
    assert by_kind["rivm-zzs"].linked.get("cas", 0) > 50  # curated ZZS substances are found by CAS
    assert by_kind["echa-pops"].linked.get("cas", 0) > 10
    assert all(s.triples > 0 for s in summaries)
