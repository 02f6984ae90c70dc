"""Releases and change: versioned dumps with DCAT/VoID metadata, and what changed between two builds."""
