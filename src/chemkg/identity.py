"""Chemical identifiers: parsing and checksum validation of CAS RN, EC numbers and InChIKeys."""

from __future__ import annotations

import re

CAS_PATTERN = re.compile(r"^(\d{2,7})-(\d{2})-(\d)$")
EC_PATTERN = re.compile(r"^(\d{3})-(\d{3})-(\d)$")
INCHIKEY_PATTERN = re.compile(r"^[A-Z]{14}-[A-Z]{10}-[A-Z]$")


def cas_check_digit(body: str) -> int:
    """The CAS check digit: digits weighted 1, 2, 3… from the right, summed, modulo 10."""
    return sum(i * int(d) for i, d in enumerate(reversed(body), start=1)) % 10


def cas_error(value: str) -> str | None:
    """Why ``value`` is not a valid CAS RN, or ``None`` when it is."""
    match = CAS_PATTERN.match(value.strip())
    if not match:
        return f"{value!r} is not a CAS number: expected digits in the form 1234567-12-1"
    first, second, check = match.groups()
    expected = cas_check_digit(first + second)
    if expected != int(check):
        return f"CAS {value} fails its checksum (check digit should be {expected}, not {check})"
    return None


def looks_like_cas(value: str) -> bool:
    """True for anything shaped like a CAS RN, valid checksum or not."""
    return CAS_PATTERN.match(value.strip()) is not None


def ec_error(value: str) -> str | None:
    """Why ``value`` is not a valid EC number, or ``None`` when it is.

    The EC check digit is the sum of the first six digits weighted 1..6, modulo 11. A remainder
    of 10 is skipped, except for 181 ELINCS numbers (starting with 4) that were issued with the
    check digit 1 (e.g. 435-470-1, as ECHA and RIVM publish it).
    """
    match = EC_PATTERN.match(value.strip())
    if not match:
        return f"{value!r} is not an EC number: expected the form 123-456-7"
    digits = match.group(1) + match.group(2)
    expected = sum(i * int(d) for i, d in enumerate(digits, start=1)) % 11
    if expected == 10 and digits.startswith("4") and match.group(3) == "1":
        return None
    if expected != int(match.group(3)):
        should = str(expected) if expected < 10 else "none: no valid EC number has this stem"
        return f"EC {value} fails its checksum (check digit should be {should}, not {match.group(3)})"
    return None


def looks_like_ec(value: str) -> bool:
    return EC_PATTERN.match(value.strip()) is not None


def inchikey_error(value: str) -> str | None:
    if not INCHIKEY_PATTERN.match(value.strip()):
        return f"{value!r} is not a standard InChIKey (27 characters: 14-10-1 upper-case letters)"
    return None


def looks_like_inchikey(value: str) -> bool:
    return INCHIKEY_PATTERN.match(value.strip()) is not None
