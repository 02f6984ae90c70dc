"""The sentences of the errors a page may show, in English and Dutch.

Raise sites name a sentence with :meth:`chemkg.web.errors.ChemKGError.say`; the English one is the
error's ``detail`` (JSON and English pages), the Dutch one leads a page shown in Dutch. A module of
strings only, so ``errors.py`` can use it and still be imported from anywhere.
"""

from __future__ import annotations

# key → (English, Dutch); {placeholders} are filled by the raise site
ERROR_STRINGS: dict[str, tuple[str, str]] = {
    "page.not_a_number": (
        "The page must be a whole number from 1 to {pages}, not {raw!r}.",
        "Het paginanummer moet een geheel getal van 1 tot en met {pages} zijn, niet {raw!r}.",
    ),
    "page.past_end": (
        "This table has {pages} page(s); page {page} does not exist.",
        "Deze tabel heeft {pages} pagina('s); pagina {page} bestaat niet.",
    ),
    "substances.past_end": (
        "The filtered index has {pages} page(s); page {page} does not exist.",
        "De gefilterde index heeft {pages} pagina('s); pagina {page} bestaat niet.",
    ),
    "matrix.past_end": (
        "The matrix {show!r} has {pages} page(s); page {page} does not exist.",
        "De matrix {show!r} heeft {pages} pagina('s); pagina {page} bestaat niet.",
    ),
    "zzs.unknown_route": (
        "There is no ZZS route {route!r}; choose one of: {keys}.",
        "Er is geen ZZS-route {route!r}; kies uit: {keys}.",
    ),
    "zzs.past_end": (
        "The route {route!r} has {pages} page(s) of substances; page {page} does not exist.",
        "De route {route!r} heeft {pages} pagina('s) met stoffen; pagina {page} bestaat niet.",
    ),
    "panel.missing": (
        "The graph has no ISP-CWP panel yet.",
        "De graaf bevat nog geen ISP-CWP-panel.",
    ),
    "chart.unknown": (
        "{of} is not an instrument or annex; use a path such as treaty/stockholm.",
        "{of} is geen instrument of bijlage; gebruik een pad zoals treaty/stockholm.",
    ),
    "search.empty": (
        "The query is empty: give a substance, identifier or question in q, e.g. /search?q=pfos.",
        "De zoekvraag is leeg: geef een stof, identificatiecode of vraag op in q, bv. /search?q=pfos.",
    ),
    "search.too_long": (
        "The query is {length:,} characters long; send at most {most:,} (only the first {searched} are searched).",
        "De zoekvraag is {length} tekens lang; stuur er hoogstens {most} (alleen de eerste {searched} worden gezocht).",
    ),
    "search.binary": (
        "The query contains control characters or bytes that are not UTF-8 text; send plain text.",
        "De zoekvraag bevat stuurtekens of bytes die geen UTF-8-tekst zijn; stuur gewone tekst.",
    ),
    "ask.empty": (
        "The question is empty: ask something in q, e.g. /ask?q=which ZZS are on no treaty.",
        "De vraag is leeg: stel een vraag in q, bv. /ask?q=welke ZZS staan op geen enkel verdrag.",
    ),
    "batch.nothing": (
        "Nothing to look up: paste identifiers or names (one per line) or upload a file.",
        "Niets om op te zoeken: plak identificatiecodes of namen (één per regel) of upload een bestand.",
    ),
}
