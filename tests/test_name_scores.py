"""The resolver skips RapidFuzz's costliest scorer where it cannot change a suggestion: the shortcut must never
change a score. A user's long pasted name is scored exactly as RapidFuzz would score it."""

from itertools import product

from rapidfuzz import fuzz

from chemkg.name_scores import floors

NAMES = [
    "perfluorooctane sulfonic acid",
    "perfluorooctane sulfonic acid, its salts and perfluorooctane sulfonyl fluoride",
    "salts of perfluorooctane sulfonic acid",
    "tetrachloroethylene",
    "trichloroethylene",
    "1,1,2-trichloroethane",
    "hexachlorobenzene",
    "chlorobenzene",
    "mercury",
    "mercury compounds",
    "organic cyanides",
    "inorganic cyanide compounds, excluding precious metal residues in solid form",
    "reaction mass of 2,2,4-trimethyl-1,3-pentanediol monoisobutyrate and 2,2,4-trimethyl-1,3-pentanediol",
    "pfhxs",
    "kwik",
    "benzene, 1,1'-oxybis-, tetrabromo derivative",
    "tetrabromodiphenyl ether",
]


def test_a_floor_is_never_above_the_weighted_ratio_and_an_exact_one_is_the_ratio_itself() -> None:
    exact = 0
    for query, name in product(NAMES, NAMES):
        (floor,) = floors(query, [name])
        score = fuzz.WRatio(query, name)
        assert floor.score <= score + 1e-9, (query, name)
        if floor.exact:
            exact += 1
            assert floor.score == score, (query, name)
    assert exact > 0  # the shortcut is taken: long names sharing a word with a short one
