"""``chemkg eval-ask``: exact-answer accuracy of the ask feature on a question set with gold queries.

Each question in ``questions.jsonl`` names the template it should be read as and a gold query in
``gold/NAME.rq``, written by hand, independent of the template. The question is answered exactly
when its rows, reduced to the gold query's columns, are the same set as the gold query's rows.
Questions no template covers (``gold`` null) are right when ChemKG says it did not understand them.
The gold answers are computed on the store at hand, so the set stays valid as the graph grows.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from chemkg.ask.answer import answer
from chemkg.ask.lexicon import Lexicon
from chemkg.namespaces import sparql_prefixes
from chemkg.store import GraphStore, term_value


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    lang: str
    template: str | None
    gold: str | None


@dataclass
class Outcome:
    question: Question
    correct: bool
    got_template: str | None
    status: str
    note: str = ""


@dataclass
class Score:
    total: int = 0
    correct: int = 0

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)

    def by(self, key: str) -> dict[str, Score]:
        out: dict[str, Score] = defaultdict(Score)
        for o in self.outcomes:
            if key == "lang" and o.question.gold is None:
                continue  # the uncovered questions have their own figure
            name = o.question.lang if key == "lang" else (o.question.template or "(none: not understood)")
            out[name].total += 1
            out[name].correct += o.correct
        return dict(sorted(out.items()))

    @property
    def uncovered(self) -> Score:
        s = Score()
        for o in self.outcomes:
            if o.question.gold is None:
                s.total += 1
                s.correct += o.correct
        return s

    def to_json(self) -> dict[str, Any]:
        def figures(scores: dict[str, Score]) -> dict[str, Any]:
            return {
                k: {"questions": v.total, "correct": v.correct, "accuracy": round(v.accuracy, 3)}
                for k, v in scores.items()
            }

        return {
            "by_language": figures(self.by("lang")),
            "by_template": figures(self.by("template")),
            "not_covered_recognised": figures({"all": self.uncovered})["all"],
            "wrong": [
                {
                    "id": o.question.id,
                    "text": o.question.text,
                    "expected": o.question.template,
                    "got": o.got_template,
                    "note": o.note,
                }
                for o in self.outcomes
                if not o.correct
            ],
        }


def load_questions(folder: Path) -> list[Question]:
    lines = (folder / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    out = []
    for line in lines:
        if line.strip():
            d = json.loads(line)
            out.append(Question(d["_id"], d["text"], d["lang"], d.get("template"), d.get("gold")))
    return out


def gold_rows(store: GraphStore, folder: Path, name: str) -> tuple[list[str], set[tuple[str, ...]]]:
    """The gold query's columns and its rows as a set of tuples of plain strings."""
    text = (folder / "gold" / f"{name}.rq").read_text(encoding="utf-8")
    result = store.sparql(sparql_prefixes() + text)
    assert isinstance(result, ox.QuerySolutions), f"gold/{name}.rq must be a SELECT query"
    columns = [v.value for v in result.variables]
    return columns, {tuple(_plain(term_value(s[c])) for c in columns) for s in result}


def _plain(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value)


def evaluate(store: GraphStore, lexicon: Lexicon, folder: Path) -> Report:
    report = Report()
    golds: dict[str, tuple[list[str], set[tuple[str, ...]]]] = {}
    for q in load_questions(folder):
        a = answer(store, lexicon, q.text, q.lang, limit=None)
        got = a.template.id if a.template is not None and a.status == "answered" else None
        if q.gold is None:
            report.outcomes.append(Outcome(q, a.status == "not-understood", got, a.status))
            continue
        if q.gold not in golds:
            golds[q.gold] = gold_rows(store, folder, q.gold)
        columns, expected = golds[q.gold]
        if a.status != "answered":
            report.outcomes.append(Outcome(q, False, got, a.status, a.status))
            continue
        missing = [c for c in columns if c not in a.columns]
        if missing:
            report.outcomes.append(Outcome(q, False, got, a.status, f"answer has no column {', '.join(missing)}"))
            continue
        rows = {tuple(_plain(r[c]) for c in columns) for r in a.rows}
        note = (
            ""
            if rows == expected
            else f"{len(rows & expected)} of {len(expected)} gold rows, {len(rows - expected)} extra"
        )
        report.outcomes.append(Outcome(q, rows == expected, got, a.status, note))
    return report
