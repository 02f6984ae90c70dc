"""The build: curated registers → RDF → validation → an Oxigraph store swapped in atomically."""
