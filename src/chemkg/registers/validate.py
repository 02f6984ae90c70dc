"""Validation of the curated registers: every cell, every reference, every invariant.

Problems are collected, never raised one at a time, so a curator sees all of them in one run,
each naming the file, line and column at fault.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from chemkg.registers.files import Register, RegisterFormatError, Row, read_register, register_paths
from chemkg.registers.kinds import KINDS, article_id
from chemkg.registers.structure import inchikey_from_smiles


@dataclass(frozen=True)
class Problem:
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class Catalogue:
    """All registers, and every row indexed by (kind, id)."""

    registers: list[Register]
    rows: dict[tuple[str, str], Row]

    def of_kind(self, kind: str) -> list[Row]:
        return [row for (k, _), row in self.rows.items() if k == kind]

    def get(self, kind: str, id_: str) -> Row | None:
        return self.rows.get((kind, id_))


def load(root: Path) -> tuple[Catalogue, list[Problem]]:
    """Read every register under ``root`` and check it; returns the catalogue and all problems."""
    problems: list[Problem] = []
    registers: list[Register] = []
    for path in register_paths(root):
        try:
            registers.append(read_register(path, root))
        except RegisterFormatError as exc:
            problems.append(Problem(str(path), str(exc)))
    rows: dict[tuple[str, str], Row] = {}
    for register in registers:
        missing = [c.name for c in register.kind.all_columns if c.required and c.name not in register.header]
        if missing:
            problems.append(Problem(str(register.path), f"missing required column(s): {', '.join(missing)}"))
        for row in register.rows:
            for column in register.kind.all_columns:
                if column.name not in register.header:
                    continue
                for message in column.problems(row.get(column.name)):
                    problems.append(Problem(row.where(column.name), message))
            key = (register.kind.name, row.get("id"))
            if key in rows:
                problems.append(Problem(row.where("id"), f"id {key[1]!r} is already defined at {rows[key].where()}"))
            elif key[1]:
                rows[key] = row
    catalogue = Catalogue(registers, rows)
    problems += check_references(catalogue)
    problems += check_invariants(catalogue)
    return catalogue, problems


def check_references(catalogue: Catalogue) -> list[Problem]:
    problems = []
    for register in catalogue.registers:
        for row in register.rows:
            for column in register.kind.all_columns:
                if not column.refs:
                    continue
                for target in row.many(column.name):
                    if not any((kind, target) in catalogue.rows for kind in column.refs):
                        problems.append(
                            Problem(
                                row.where(column.name),
                                f"{target!r} does not exist in {' or '.join(column.refs)}; add it there or fix the id",
                            )
                        )
    return problems


def check_unique_iris(catalogue: Catalogue) -> list[Problem]:
    """No IRI is minted twice, across kinds that share a path (treaty/…) and the article nodes obligations imply."""
    problems: list[Problem] = []
    owner: dict[str, Row] = {}
    for (kind, id_), row in sorted(catalogue.rows.items()):
        paths = [KINDS[kind].path.format(id=id_)]
        if kind == "obligations":
            paths.append(KINDS["instruments"].path.format(id=article_id(row.get("instrument"), row.get("article"))))
        for path in paths:
            first = owner.setdefault(path, row)
            if first is not row and not (kind == "obligations" and path != paths[0] and first.get("article")):
                problems.append(Problem(row.where("id"), f"IRI …/{path} is already minted by {first.where()}"))
    return problems


def check_invariants(catalogue: Catalogue) -> list[Problem]:
    """Invariants that span rows: unique identifiers, ids that match what they are about."""
    problems: list[Problem] = check_unique_iris(catalogue)
    cas_owner: dict[str, Row] = {}
    for row in catalogue.of_kind("substances"):
        if row.get("kind") == "substance" and len(row.many("cas")) > 1:
            problems.append(Problem(row.where("cas"), "a single substance has one CAS number; make it a group"))
        if row.get("kind") != "substance":
            continue
        for cas in row.many("cas"):
            if cas in cas_owner:
                problems.append(Problem(row.where("cas"), f"CAS {cas} is already used by {cas_owner[cas].where()}"))
            cas_owner[cas] = row
        if row.get("kind") == "substance" and row.get("members"):
            problems.append(Problem(row.where("members"), "only a group has members; set kind to 'group'"))
    for row in catalogue.of_kind("annexes"):
        if not row.get("id").startswith(row.get("instrument") + "/"):
            problems.append(Problem(row.where("id"), "an annex id starts with its instrument id and a '/'"))
    for row in catalogue.of_kind("obligations"):
        if not row.get("id").startswith(row.get("instrument") + "/article-"):
            problems.append(Problem(row.where("id"), "an obligation id is '<instrument>/article-<n>/<slug>'"))
    seen_pairs: dict[tuple[str, str, str], Row] = defaultdict()
    for row in catalogue.of_kind("listings"):
        if not row.get("id").startswith(row.get("annex") + "/"):
            problems.append(Problem(row.where("id"), f"a listing id starts with its annex id {row.get('annex')!r}/"))
        pair = (row.get("item"), row.get("annex"), row.get("status"))
        if pair in seen_pairs and row.get("status") == "listed":
            problems.append(
                Problem(
                    row.where("item"),
                    f"{pair[0]} is listed twice in {pair[1]} (see {seen_pairs[pair].where()})",
                )
            )
        seen_pairs[pair] = row
        if row.get("status") == "replaced" and not row.get("replaced_by"):
            problems.append(Problem(row.where("replaced_by"), "a replaced listing names the listing that replaced it"))
    for row in catalogue.of_kind("substances"):
        smiles, key = row.get("smiles"), row.get("inchikey")
        if smiles and key:
            expected = inchikey_from_smiles(smiles)
            if expected and expected != key:
                problems.append(
                    Problem(
                        row.where("inchikey"),
                        f"does not match the SMILES (expected {expected}); run `chemkg lint --fix`",
                    )
                )
        if row.get("id") in row.many("members"):
            problems.append(Problem(row.where("members"), "a group cannot be its own member"))
    return problems
