"""ChemKG: how chemical substances are governed across the world's treaties, as a knowledge graph."""

__version__ = "0.1.0"
