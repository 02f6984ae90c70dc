"""Column types of the curated registers.

Each column knows how to check one cell and say, in a sentence, what is wrong with it.
A check returns ``None`` when the cell is fine, else the message shown to the curator.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from chemkg.identity import cas_error, ec_error, inchikey_error

LIST_SEPARATOR = "|"
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:[-.][a-z0-9]+)*(?:/[a-z0-9]+(?:[-.][a-z0-9]+)*)*$")
YEAR_PATTERN = re.compile(r"^\d{4}$")
MONTH_PATTERN = re.compile(r"^\d{4}-\d{2}$")


def split_list(value: str) -> list[str]:
    """Split a multi-valued cell ``a | b | c`` into its stripped parts."""
    return [part.strip() for part in value.split(LIST_SEPARATOR) if part.strip()]


def check_id(value: str) -> str | None:
    if not ID_PATTERN.match(value):
        return (
            f"{value!r} is not a valid id: use lower-case letters, digits, '-' and '.', "
            "with '/' between path segments (e.g. 'stockholm/annex-a/pfhxs')"
        )
    return None


def check_date(value: str) -> str | None:
    try:
        date.fromisoformat(value)
    except ValueError:
        return f"{value!r} is not a date: write it as YYYY-MM-DD"
    return None


def check_partial_date(value: str) -> str | None:
    """A year, a year and month, or a full date: sources often give only the year."""
    if YEAR_PATTERN.match(value) or MONTH_PATTERN.match(value):
        return None
    try:
        date.fromisoformat(value)
    except ValueError:
        return f"{value!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"
    return None


def check_int(value: str) -> str | None:
    return None if value.isdigit() else f"{value!r} is not a whole number"


def check_decimal(value: str) -> str | None:
    try:
        float(value)
    except ValueError:
        return f"{value!r} is not a number (use a '.' as decimal mark)"
    return None


def check_url(value: str) -> str | None:
    if not re.match(r"^https?://\S+$", value):
        return f"{value!r} is not a web address starting with http:// or https://"
    return None


@dataclass(frozen=True)
class Column:
    """One column of a register file.

    ``refs`` names the register kinds a reference column may point into; ``choices`` lists the
    allowed values of an enumerated column.
    """

    name: str
    required: bool = False
    multi: bool = False
    check: Callable[[str], str | None] | None = None
    refs: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    doc: str = ""
    lang: str | None = field(default=None)

    def problems(self, raw: str) -> list[str]:
        """Every problem with one cell, as sentences naming what to write instead."""
        value = raw.strip()
        if not value:
            return [f"is required but empty{': ' + self.doc if self.doc else ''}"] if self.required else []
        values = split_list(value) if self.multi else [value]
        out: list[str] = []
        for item in values:
            if self.choices and item not in self.choices:
                out.append(f"{item!r} is not allowed; use one of: {', '.join(self.choices)}")
            if self.check is not None:
                message = self.check(item)
                if message:
                    out.append(message)
            if self.refs:
                message = check_id(item)
                if message:
                    out.append(message)
        return out


def text(name: str, required: bool = False, doc: str = "", lang: str | None = None) -> Column:
    return Column(name, required=required, doc=doc, lang=lang)


def texts(name: str, doc: str = "", lang: str | None = None) -> Column:
    return Column(name, multi=True, doc=doc, lang=lang)


def ref(name: str, *kinds: str, required: bool = False, multi: bool = False, doc: str = "") -> Column:
    return Column(name, required=required, multi=multi, refs=kinds, doc=doc)


def choice(name: str, *choices: str, required: bool = False, multi: bool = False, doc: str = "") -> Column:
    return Column(name, required=required, multi=multi, choices=choices, doc=doc)


def typed(
    name: str, check: Callable[[str], str | None], required: bool = False, multi: bool = False, doc: str = ""
) -> Column:
    return Column(name, required=required, multi=multi, check=check, doc=doc)


CAS = typed("cas", cas_error, multi=True, doc="CAS Registry Number(s), checksum-validated")
EC = typed("ec", ec_error, multi=True, doc="EC number(s), checksum-validated")
INCHIKEY = typed("inchikey", inchikey_error, doc="standard InChIKey")
