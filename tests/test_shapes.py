"""The SHACL shapes accept the valid examples and reject each invalid one for the rule it is named after,
and every rule in ontology/shapes.ttl has such an invalid example."""

from pathlib import Path

import pytest
from rdflib import RDF, Graph, Namespace

from chemkg.build.shacl import validate

HERE = Path(__file__).resolve().parent / "shapes"
SHAPES = HERE.parent.parent / "ontology" / "shapes.ttl"
SH = Namespace("http://www.w3.org/ns/shacl#")


def rules() -> set[str]:
    """The sh:name of every property rule in the shapes."""
    return {str(name) for name in Graph().parse(SHAPES).objects(None, SH.name)}


@pytest.mark.parametrize("example", sorted((HERE / "valid").glob("*.ttl")), ids=lambda p: p.stem)
def test_valid_examples_conform(example: Path) -> None:
    assert validate(Graph().parse(example), SHAPES) == []


@pytest.mark.parametrize("example", sorted((HERE / "invalid").glob("*.ttl")), ids=lambda p: p.stem)
def test_each_invalid_example_breaks_exactly_the_rule_it_is_named_after(example: Path) -> None:
    results = validate(Graph().parse(example), SHAPES)
    broken = {rule for _, _, _, rule in results}
    assert broken == {example.stem}, f"{example.name} broke {broken or 'nothing'}"


def test_every_rule_has_an_invalid_example_and_every_example_a_rule() -> None:
    examples = {p.stem for p in (HERE / "invalid").glob("*.ttl")}
    assert rules() - examples == set(), "rules without an invalid example"
    assert examples - rules() == set(), "invalid examples named after no rule"


def test_the_valid_examples_hold_a_node_of_every_class_the_shapes_target() -> None:
    """Otherwise a rule could pass the valid examples only because nothing there is checked by it."""
    targets = set(Graph().parse(SHAPES).objects(None, SH.targetClass))
    valid = Graph()
    for example in (HERE / "valid").glob("*.ttl"):
        valid.parse(example)
    assert targets - set(valid.objects(None, RDF.type)) == set()
