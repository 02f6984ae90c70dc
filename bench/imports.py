"""Benchmark: the real RIVM and ECHA lists (../shared/reference/external) imported one after another.

Prints, per list: rows read / imported / rejected, how rows were linked (CAS, EC, name, new),
the parse time and the time of the rebuild that takes the list in; then an export and a diff.
Run: .venv/bin/python bench/imports.py  (works in a temporary folder; needs the reference files)
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from chemkg.build.pipeline import build
from chemkg.build.with_import import run_import
from chemkg.imports.parse import parse_list
from chemkg.releases.diff import diff_paths
from chemkg.releases.export import export

ROOT = Path(__file__).resolve().parent.parent
EXTERNAL = ROOT.parent / "shared" / "reference" / "external"
ECHA = EXTERNAL / "gezever__A-Substance-Is-Not-Always-a-Substance"
LISTS = [
    ("rivm-zzs", EXTERNAL / "Deltares-research__Bron-tot-effect-wp3" / "ZZS_smiles_20230718.xlsx"),
    ("echa-candidate-list", ECHA / "candidate_list_full.xlsx"),
    ("echa-annex-xiv", ECHA / "authorisation_list_full.xlsx"),
    ("echa-annex-xvii", ECHA / "restriction_list_full.xlsx"),
    ("echa-pops", ECHA / "pops_list_full.xlsx"),
    ("echa-clp", ECHA / "Harmonised_List.xlsx"),
]
ALSO_PARSED = [
    ("echa-candidate-list", ECHA / "candidate-list-of-svhc-for-authorisation-export.csv"),
    (
        "echa-candidate-list",
        EXTERNAL / "analeonescu__chemical-security-evals" / "candidate-list-of-svhc-for-authorisation-export.csv",
    ),
]


def main() -> None:
    if not EXTERNAL.is_dir():
        print(f"skipped: {EXTERNAL} is absent")
        return
    for kind, path in ALSO_PARSED:
        started = time.perf_counter()
        parsed = parse_list(kind, path)
        print(
            f"{kind:20} {path.parent.name[:12]}/{path.name}: {parsed.rows_read} read, {len(parsed.imported_rows)} "
            f"imported, {len(parsed.rejections)} rejected, as of {parsed.as_of} ({parsed.as_of_basis}); "
            f"parsed in {time.perf_counter() - started:.2f} s"
        )
    with tempfile.TemporaryDirectory() as tmp:
        places = {
            "graph_dir": ROOT / "graph",
            "ontology_dir": ROOT / "ontology",
            "store_path": Path(tmp) / "store",
            "imports_dir": Path(tmp) / "imports",
        }
        build(ROOT / "graph", ROOT / "ontology", places["store_path"])
        before = export(places["store_path"], ROOT / "graph", None, Path(tmp) / "before")
        for kind, path in LISTS:
            started = time.perf_counter()
            parsed = parse_list(kind, path)
            parse_s = time.perf_counter() - started
            outcome = run_import(kind, path, **places)
            s = outcome.summary
            assert s is not None
            linked = ", ".join(f"{k} {v}" for k, v in s.linked.items())
            print(
                f"{kind:20} {path.name}: {s.rows_read} read, {s.rows_imported} imported, {s.rows_rejected} rejected; "
                f"as of {s.as_of}; linked {linked}; {s.entities_created} new entities; {s.triples} triples; "
                f"parse {parse_s:.2f} s, import incl. rebuild {outcome.build.seconds:.1f} s"
            )
            if outcome.zzs:
                print(f"{'':20} ZZS comparison: {outcome.zzs.counts()}")
        started = time.perf_counter()
        release = export(places["store_path"], ROOT / "graph", places["imports_dir"], Path(tmp) / "exports")
        total = sum(d.bytes for d in release.distributions)
        print(
            f"export: {len(release.distributions)} files, {total / 1e6:.1f} MB in {time.perf_counter() - started:.1f} s"
        )
        started = time.perf_counter()
        diff = diff_paths(before.folder / "chemkg.nq", places["store_path"])
        print(f"diff curated-only dump → with all imports: {diff.counts()} in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
