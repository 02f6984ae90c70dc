"""InChIKeys computed from SMILES with RDKit, so that no InChIKey is typed by hand.

A curated SMILES (read from the RIVM ZZS list or another cited source) determines the standard
InChIKey; ``chemkg lint --fix`` fills it in and ``chemkg lint`` checks that the two agree.
"""

from __future__ import annotations

from functools import cache


@cache
def inchikey_from_smiles(smiles: str) -> str | None:
    """The standard InChIKey of a SMILES string, or None when RDKit cannot parse it."""
    from rdkit import Chem, rdBase

    rdBase.DisableLog("rdApp.*")  # parse failures are reported by the caller, not printed
    molecule = Chem.MolFromSmiles(smiles)
    if molecule is None:
        return None
    key = Chem.MolToInchiKey(molecule)
    return key or None
