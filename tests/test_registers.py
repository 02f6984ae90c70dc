"""Curated data is code: every register is canonical and every entry passes every invariant."""

from pathlib import Path

import pytest

from chemkg.registers.files import canonical_text, read_register, register_paths
from chemkg.registers.validate import load

ROOT = Path(__file__).resolve().parent.parent
GRAPH = ROOT / "graph"


@pytest.mark.parametrize("path", register_paths(GRAPH), ids=lambda p: p.relative_to(GRAPH).as_posix())
def test_every_register_is_in_canonical_form(path: Path) -> None:
    register = read_register(path, GRAPH)
    assert path.read_text(encoding="utf-8") == canonical_text(register), (
        f"{path} is not in canonical form; run `chemkg lint --fix`"
    )


def test_every_cell_reference_and_invariant_holds() -> None:
    _, problems = load(GRAPH)
    assert not problems, "\n".join(str(p) for p in problems)


def test_every_substance_has_names_and_a_description_in_english_and_dutch() -> None:
    catalogue, _ = load(GRAPH)
    substances = catalogue.of_kind("substances")
    assert len(substances) > 100
    for row in substances:
        for column in ("label_en", "label_nl", "description_en", "description_nl"):
            assert row.get(column), f"{row.where(column)} is empty"


def test_every_listing_points_at_an_annex_that_exists_and_a_source() -> None:
    catalogue, _ = load(GRAPH)
    listings = catalogue.of_kind("listings")
    assert listings
    for row in listings:
        assert catalogue.get("annexes", row.get("annex")), row.where("annex")
        assert all(catalogue.get("sources", s) for s in row.many("source")), row.where("source")


def test_a_curator_who_breaks_a_cas_number_is_told_file_line_and_column(graph_copy: Path) -> None:
    path = graph_copy / "substances" / "metals.csv"
    text = path.read_text(encoding="utf-8")
    assert "7439-97-6" in text
    path.write_text(text.replace("7439-97-6", "7439-97-5"), encoding="utf-8")
    _, problems = load(graph_copy)
    messages = [str(p) for p in problems]
    assert any("metals.csv:" in m and "[cas]" in m and "checksum" in m for m in messages), messages


def test_a_dangling_reference_is_reported_with_the_missing_id(graph_copy: Path) -> None:
    path = graph_copy / "listings" / "stockholm.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",stockholm/annex-a,", ",stockholm/annex-z,", 1), encoding="utf-8")
    _, problems = load(graph_copy)
    assert any("'stockholm/annex-z' does not exist in annexes" in str(p) for p in problems)


def test_an_annex_that_would_take_an_article_iri_is_refused(graph_copy: Path) -> None:
    path = graph_copy / "annexes.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("minamata/art-3-mercury,", "minamata/article-3,", 1), encoding="utf-8")
    listings = graph_copy / "listings" / "minamata.csv"
    listings.write_text(listings.read_text(encoding="utf-8").replace("minamata/art-3-mercury", "minamata/article-3"))
    _, problems = load(graph_copy)
    assert any("treaty/minamata/article-3 is already minted" in str(p) for p in problems), problems
