"""The SHACL shapes accept the valid examples and reject each invalid one for the rule it is named after."""

from pathlib import Path

import pytest
from rdflib import Graph

from chemkg.build.shacl import validate

HERE = Path(__file__).resolve().parent / "shapes"
SHAPES = HERE.parent.parent / "ontology" / "shapes.ttl"


@pytest.mark.parametrize("example", sorted((HERE / "valid").glob("*.ttl")), ids=lambda p: p.stem)
def test_valid_examples_conform(example: Path) -> None:
    assert validate(Graph().parse(example), SHAPES) == []


@pytest.mark.parametrize("example", sorted((HERE / "invalid").glob("*.ttl")), ids=lambda p: p.stem)
def test_each_invalid_example_breaks_exactly_the_rule_it_is_named_after(example: Path) -> None:
    results = validate(Graph().parse(example), SHAPES)
    rules = {rule for _, _, _, rule in results}
    assert rules == {example.stem}, f"{example.name} broke {rules or 'nothing'}"


def test_every_rule_has_an_invalid_example() -> None:
    shapes = SHAPES.read_text(encoding="utf-8")
    covered = {p.stem for p in (HERE / "invalid").glob("*.ttl")}
    assert len(covered) >= 10
    assert all(f'sh:name "{rule}"' in shapes for rule in covered)
