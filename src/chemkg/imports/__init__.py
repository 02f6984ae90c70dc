"""Imports of official lists (RIVM ZZS, ECHA exports): raw file → validated rows → a named graph.

Imported rows live apart from the curated registers in ``graph/``, so a re-import never touches a
curator's decision. See docs/imports.md.
"""
