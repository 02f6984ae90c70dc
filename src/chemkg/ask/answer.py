"""From an understood question to an answer: the template's SPARQL with its slots bound, run on the
store, and the rows, their sources and the query itself, as plain data for the CLI, the API and the page.

Values enter the query as RDF terms serialised by pyoxigraph (IRIs the resolver or the vocabulary
chose, literals from a fixed vocabulary) or as numbers the parser computed; the user's own words never
do. The query shown is the query run, so it can be pasted into the editor as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import pyoxigraph as ox

from chemkg.ask.catalogue import Template
from chemkg.ask.lexicon import Lexicon, Mention
from chemkg.ask.understand import Filled, Reading, Understanding, read
from chemkg.namespaces import sparql_prefixes
from chemkg.store import GraphStore, term_value

PLACEHOLDER = re.compile(r"\$(\w+)")
MAX_ROWS = 1000


class UnfilledSlot(ValueError):
    """A template uses a placeholder that no slot fills (a fault in the catalogue, caught by the tests)."""


@dataclass
class Answer:
    question: str
    lang: str
    status: str  # answered, ambiguous, not-understood
    template: Template | None = None
    filled: list[Filled] = field(default_factory=list)
    sparql: str = ""
    columns: list[str] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    sources: list[dict[str, str]] = field(default_factory=list)
    alternatives: list[dict[str, Any]] = field(default_factory=list)
    truncated: bool = False

    @property
    def editor_link(self) -> str:
        return "/sparql?" + urlencode({"query": self.sparql}) if self.sparql else ""

    def slots(self) -> list[dict[str, Any]]:
        """Each slot of the template with what filled it: the words of the question and the value."""
        out = []
        for f in self.filled:
            entry: dict[str, Any] = {"name": f.slot.name, "kind": f.slot.kind, "required": f.slot.required}
            if f.mention is None:
                entry.update({"text": None, "value": None, "label": None})
            else:
                entry.update(
                    {
                        "text": f.mention.text,
                        "value": _slot_value(f.mention),
                        "label": _slot_label(f.mention, self.lang),
                    }
                )
            out.append(entry)
        return out

    def to_json(self) -> dict[str, Any]:
        template = None
        if self.template is not None:
            template = {
                "id": self.template.id,
                "iri": self.template.iri,
                "label": self.template.label.get(self.lang, self.template.label.get("en")),
                "comment": self.template.comment.get(self.lang, self.template.comment.get("en")),
            }
        return {
            "question": self.question,
            "lang": self.lang,
            "status": self.status,
            "template": template,
            "slots": self.slots(),
            "sparql": self.sparql,
            "editor": self.editor_link,
            "columns": self.columns,
            "rows": self.rows,
            "count": len(self.rows),
            "truncated": self.truncated,
            "sources": self.sources,
            "alternatives": self.alternatives,
        }


def _slot_value(m: Mention) -> Any:
    if m.kind in ("scope", "entity"):
        return m.value["iri"]
    if m.kind == "period":
        return {"from": m.value["from"], "to": m.value["to"]}
    if m.kind == "threshold":
        return {m.value["side"]: m.value["number"]}
    return m.value["hazard"]


def _slot_label(m: Mention, lang: str) -> str:
    if m.kind in ("scope", "entity"):
        labels = m.value["label"]
        return str(labels.get(lang) or labels.get("en"))
    if m.kind == "period":
        first, last = m.value["from"], m.value["to"]
        return str(first) if first == last else f"{first if first > 0 else '…'}–{last if last < 9999 else '…'}"
    if m.kind == "threshold":
        return f"{'>' if m.value['side'] == 'above' else '<'} {m.value['number']:g}"
    return str(m.value["hazard"])


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def bindings(filled: list[Filled], lang: str) -> dict[str, str]:
    """Each placeholder with the SPARQL term that replaces it."""
    out = {"lang": str(ox.Literal(lang))}
    for f in filled:
        m = f.mention
        if m is None:
            out[f.slot.name] = "UNDEF"
        elif m.kind == "scope":
            out[f.slot.name] = " ".join(str(ox.NamedNode(a)) for a in m.value["annexes"])
        elif m.kind == "entity":
            out[f.slot.name] = str(ox.NamedNode(m.value["iri"]))
        elif m.kind == "period":
            out["from"], out["to"] = _number(m.value["from"]), _number(m.value["to"])
        elif m.kind == "threshold":
            out["low"], out["high"] = _number(m.value["low"]), _number(m.value["high"])
        elif m.kind == "hazard":
            out[f.slot.name] = str(ox.Literal(m.value["hazard"]))
    for f in filled:  # unfilled ranges: everything
        if f.mention is None and f.slot.kind == "period":
            out.setdefault("from", "0")
            out.setdefault("to", "9999")
    return out


def render(template: Template, filled: list[Filled], lang: str) -> str:
    """The template's query with every placeholder bound, complete with its prefixes and title."""
    values = bindings(filled, lang)

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            raise UnfilledSlot(f"template {template.id} uses ${name}, which no slot fills")
        return values[name]

    body = PLACEHOLDER.sub(replace, template.sparql)
    title = template.label.get(lang, template.label["en"])
    return f"# {title}\n{sparql_prefixes()}{body}\n"


@dataclass(frozen=True)
class Example:
    template: Template
    question: str
    sparql: str


def examples(lexicon: Lexicon, lang: str) -> list[Example]:
    """Each template with its example question (in ``lang``) and the query that question becomes:
    the catalogue as the editor shows it."""
    from chemkg.ask.catalogue import templates

    out = []
    for template in templates().values():
        question = template.examples.get(lang) or template.examples.get("en", "")
        reading = read(question, lexicon, lang)
        understood = next((c for c in reading.candidates if c.template.id == template.id), None)
        if understood is not None:
            out.append(Example(template, question, render(template, understood.filled, lang)))
    return out


def _alternatives(reading: Reading, understanding: Understanding, lexicon: Lexicon) -> list[dict[str, Any]]:
    out = []
    for mention in understanding.ambiguous():
        for alt in mention.alternatives:
            scope = lexicon.scopes[alt["iri"]]
            owner = lexicon.scopes.get(scope.instrument or "")
            hint = owner.label[reading.lang] if owner else scope.label[reading.lang]
            question = f"{reading.question.rstrip(' ?')} ({hint})" + (
                "?" if reading.question.strip().endswith("?") else ""
            )
            out.append(
                {"slot": mention.text, "iri": alt["iri"], "label": alt["label"][reading.lang], "question": question}
            )
    return out


def answer(
    store: GraphStore, lexicon: Lexicon, question: str, lang: str | None = None, limit: int | None = MAX_ROWS
) -> Answer:
    """The answer to ``question``: answered, ambiguous (with the alternatives) or not understood.
    At most ``limit`` rows are kept (None: all), and ``truncated`` says when there were more."""
    reading = read(question, lexicon, lang)
    best = reading.best
    if best is None:
        return Answer(question, reading.lang, "not-understood")
    if best.ambiguous():
        return Answer(
            question, reading.lang, "ambiguous", best.template, best.filled,
            alternatives=_alternatives(reading, best, lexicon),
        )  # fmt: skip
    sparql = render(best.template, best.filled, reading.lang)
    result = store.sparql(sparql)
    assert isinstance(result, ox.QuerySolutions), "templates are SELECT queries"
    columns = [v.value for v in result.variables]
    rows: list[dict[str, Any]] = []
    truncated = False
    for solution in result:
        if limit is not None and len(rows) >= limit:
            truncated = True
            break
        row = {c: term_value(solution[c]) for c in columns}
        if "sources" in row:
            row["sources"] = str(row["sources"] or "").split()
        rows.append(row)
    return Answer(
        question, reading.lang, "answered", best.template, best.filled, sparql, columns, rows,
        sources(store, rows), truncated=truncated,
    )  # fmt: skip


def sources(store: GraphStore, rows: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Title and address of every source the rows cite, in order of first citation."""
    seen: list[str] = []
    for row in rows:
        for iri in row.get("sources") or []:
            if iri not in seen:
                seen.append(iri)
    if not seen:
        return []
    values = " ".join(str(ox.NamedNode(i)) for i in seen)
    query = (
        sparql_prefixes()
        + f"SELECT ?source ?title ?url WHERE {{ VALUES ?source {{ {values} }} "
        + "OPTIONAL { ?source dcterms:title ?title } OPTIONAL { ?source schema:url ?url } }"
    )
    result = store.sparql(query)
    assert isinstance(result, ox.QuerySolutions)
    found = {str(term_value(s["source"])): s for s in result}
    out = []
    for iri in seen:
        s = found.get(iri)
        title = term_value(s["title"]) if s is not None else None
        url = term_value(s["url"]) if s is not None else None
        out.append({"iri": iri, "title": str(title or iri), "url": str(url or "")})
    return out
