"""Gap reports: named questions a policy officer asks of the whole graph, each one catalogue query.

The SPARQL lives in ``queries/`` (so every report is also an example query researchers can run
and adapt); this module only names the reports, says which query answers each, binds parameters
and turns rows into tables and CSV.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from chemkg.store import GraphStore, named_queries

DEFAULT_YEARS = 5
MAX_YEARS = 50


class UnknownReport(KeyError):
    """No report of that name."""


class BadReportParameter(ValueError):
    """A report parameter is out of range."""


@dataclass(frozen=True)
class Report:
    name: str
    query: str
    title: dict[str, str]
    description: dict[str, str]
    columns: tuple[str, ...]  # result variables shown, in order
    takes_years: bool = False


@dataclass
class ReportResult:
    report: Report
    columns: list[str]
    rows: list[dict[str, Any]]
    parameters: dict[str, Any] = field(default_factory=dict)

    def to_csv(self) -> str:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=self.columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(self.rows)
        return out.getvalue()


REPORTS: dict[str, Report] = {
    r.name: r
    for r in (
        Report(
            "zzs-without-treaty",
            "cq04-zzs-without-treaty",
            {"en": "ZZS substances that no global treaty covers", "nl": "ZZS die onder geen mondiaal verdrag vallen"},
            {
                "en": "Substances the Netherlands treats as ZZS that are not listed, directly or through a group, "
                "under Stockholm, Rotterdam, Minamata, Basel or Montreal: candidates for a global push. ZZS status "
                "inherited from a group names the group; a group some of whose members a treaty lists names them. "
                "An entity known only from an official list (not matched to a curated substance or group) may be "
                "listed under another name: check those before calling them a gap.",
                "nl": "Stoffen die Nederland als ZZS aanmerkt en die niet, rechtstreeks of via een groep, onder "
                "Stockholm, Rotterdam, Minamata, Bazel of Montreal vallen: kandidaten voor mondiale inzet. Een via "
                "een groep verkregen ZZS-status noemt de groep; een groep waarvan een verdrag leden noemt, noemt die. "
                "Een entiteit die alleen een officiële lijst noemt (niet gekoppeld aan een beschreven stof of groep) "
                "kan onder een andere naam geplaatst zijn: controleer die voordat u ze een hiaat noemt.",
            },
            ("substance", "label", "criterion", "zzsVia", "listedMembers", "knownFrom"),
        ),
        Report(
            "stockholm-not-rotterdam",
            "cq03-stockholm-not-rotterdam",
            {
                "en": "Stockholm-listed but not in Rotterdam Annex III",
                "nl": "Onder Stockholm geplaatst maar niet in Rotterdam bijlage III",
            },
            {
                "en": "POPs that are listed under the Stockholm Convention but not subject to the Rotterdam PIC "
                "procedure, so their trade gets no prior informed consent.",
                "nl": "POP's die onder het Verdrag van Stockholm staan maar niet onder de PIC-procedure van "
                "Rotterdam vallen, zodat de handel erin geen voorafgaande geïnformeerde toestemming vraagt.",
            },
            ("item", "label", "annex"),
        ),
        Report(
            "poprc-candidates-zzs-svhc",
            "cq13-poprc-candidates-zzs-svhc",
            {
                "en": "POPRC candidates that are already ZZS or SVHC",
                "nl": "POPRC-kandidaten die al ZZS of SVHC zijn",
            },
            {
                "en": "Stockholm listings under review by the POPs Review Committee whose substance is already ZZS "
                "in the Netherlands or on the REACH Candidate List: where Dutch and EU positions are settled.",
                "nl": "Stockholm-plaatsingen die het POP-beoordelingscomité beoordeelt en waarvan de stof in "
                "Nederland al ZZS is of op de REACH-kandidaatslijst staat: waar het Nederlandse en EU-standpunt "
                "al vastligt.",
            },
            ("item", "label", "annex", "zzs", "svhc", "review"),
        ),
        Report(
            "rotterdam-recommended-not-listed",
            "cq14-rotterdam-recommended-not-listed",
            {
                "en": "Recommended for Rotterdam Annex III but not listed",
                "nl": "Aanbevolen voor Rotterdam bijlage III maar niet geplaatst",
            },
            {
                "en": "Chemicals the Chemical Review Committee recommended that the Conference of the Parties did "
                "not list (listing needs consensus), with the meetings that considered them.",
                "nl": "Stoffen die het Chemicaliënbeoordelingscomité aanbeval en die de Conferentie van de "
                "Partijen niet plaatste (plaatsing vraagt consensus), met de vergaderingen die ze bespraken.",
            },
            ("item", "label", "category", "consideredAt", "summary"),
        ),
        Report(
            "expiring-exemptions",
            "cq15-exemptions-expiring",
            {
                "en": "Exemptions that expire within the coming years",
                "nl": "Uitzonderingen die de komende jaren vervallen",
            },
            {
                "en": "Specific exemptions, acceptable purposes and exclusions with an expiry date from today up to "
                "the chosen number of years ahead; 'computed' marks a date derived by the treaty's rule.",
                "nl": "Specifieke uitzonderingen, aanvaardbare doelen en uitsluitingen met een vervaldatum van "
                "vandaag tot het gekozen aantal jaren vooruit; 'computed' markeert een met de verdragsregel "
                "berekende datum.",
            },
            ("item", "label", "annex", "kind", "exemption", "expires", "basis"),
            takes_years=True,
        ),
        Report(
            "secondary-only",
            "cq16-secondary-only-facts",
            {
                "en": "Facts that rest only on secondary sources",
                "nl": "Feiten die alleen op secundaire bronnen steunen",
            },
            {
                "en": "Meetings, events, decisions, listings and other facts whose every source is a news report, "
                "tracker, blog or copy: check the official document before citing them.",
                "nl": "Vergaderingen, gebeurtenissen, besluiten, plaatsingen en andere feiten waarvan elke bron een "
                "nieuwsbericht, tracker, blog of kopie is: controleer het officiële document voordat u ze aanhaalt.",
            },
            ("fact", "label", "type", "sources", "confidence"),
        ),
    )
}


def get_report(name: str) -> Report:
    try:
        return REPORTS[name]
    except KeyError:
        raise UnknownReport(f"no report {name!r}; choose one of: {', '.join(REPORTS)}") from None


def cutoff(today: date, years: int) -> date:
    """``years`` after ``today``; 29 February moves to 28 February in a non-leap year."""
    try:
        return today.replace(year=today.year + years)
    except ValueError:
        return today.replace(year=today.year + years, day=28)


def run_report(store: GraphStore, name: str, years: int = DEFAULT_YEARS, today: date | None = None) -> ReportResult:
    """Run one report; ``years`` and ``today`` matter only to reports about expiry."""
    report = get_report(name)
    bindings: dict[str, Any] = {}
    parameters: dict[str, Any] = {}
    if report.takes_years:
        if not 0 < years <= MAX_YEARS:
            raise BadReportParameter(f"years must be between 1 and {MAX_YEARS}, not {years}")
        start = today or date.today()
        end = cutoff(start, years)
        bindings = {"today": start.isoformat(), "cutoff": end.isoformat()}
        parameters = {"years": years, "from": start.isoformat(), "until": end.isoformat()}
    assert report.query in named_queries(), report.query
    rows = store.rows(report.query, **bindings)
    return ReportResult(report, list(report.columns), rows, parameters)
