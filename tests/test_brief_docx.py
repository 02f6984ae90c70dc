"""A negotiator prints the DOCX brief on A4, clicks its source links, and reads only notes that help her
find the fact in the source (not the curators' working remarks)."""

from __future__ import annotations

import io
import zipfile

from docx import Document

from chemkg.reports.brief import build_brief
from chemkg.reports.brief.model import note_locators
from chemkg.reports.brief.render import render
from chemkg.store import OxigraphStore


def test_the_docx_brief_is_a4_with_clickable_source_links(store: OxigraphStore) -> None:
    brief = build_brief(store, "pfhxs", "nl")
    data = render(brief, "docx")
    section = Document(io.BytesIO(data)).sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    package = zipfile.ZipFile(io.BytesIO(data))
    document = package.read("word/document.xml").decode("utf-8")
    relations = package.read("word/_rels/document.xml.rels").decode("utf-8")
    linked = [r for r in brief.references if r.url and r.url.startswith(("http://", "https://"))]
    assert linked and document.count("<w:hyperlink") == len(linked)
    for ref in linked:
        assert f'Target="{str(ref.url).replace("&", "&amp;")}"' in relations, ref.url


def test_references_carry_places_in_the_source_not_curators_notes(store: OxigraphStore) -> None:
    for target in ("pfhxs", "stockholm", "mercury"):
        for ref in build_brief(store, target, "en").references:
            for locator in ref.locators:
                assert "as member of" not in locator and "member of the" not in locator, (target, locator)
                assert locator not in ("ECOLEX record", "infobox", "op-ed", "COP-6 press"), (target, locator)
    assert note_locators("Annex A, Part I; ECOLEX record; op-ed") == ["Annex A, Part I"]
    assert note_locators("RIVM list 2023-07-18: CAS 355-46-4; as member of pfas: OSPAR LCPA Part A") == []
    assert note_locators("candidate_list_full.xlsx, row 146") == ["candidate_list_full.xlsx, row 146"]
    assert note_locators("art. 3(1); SC-10/13") == ["art. 3(1)", "SC-10/13"]
