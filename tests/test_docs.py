"""Every setting and every command is documented, and the reference cannot drift from the code."""

from pathlib import Path

import pytest

from chemkg.reference_docs import DOCS

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("name", sorted(DOCS))
def test_generated_reference_is_up_to_date(name: str) -> None:
    path = ROOT / "docs" / name
    assert path.read_text(encoding="utf-8") == DOCS[name](), (
        f"docs/{name} is out of date; run `.venv/bin/python -m chemkg.reference_docs`"
    )


def test_every_command_has_a_help_sentence() -> None:
    text = DOCS["cli.md"]()
    sections = text.split("\n## ")[1:]
    assert len(sections) >= 10
    for section in sections:
        title, _, rest = section.partition("\n\n")
        assert rest.split("\n")[0].strip(), f"{title} has no help text"


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make serve" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
