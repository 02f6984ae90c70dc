"""Identifiers are checked the way a registry clerk would: by their check digits."""

import pytest

from chemkg.identity import cas_error, ec_error, inchikey_error


@pytest.mark.parametrize("cas", ["7439-97-6", "1763-23-1", "355-46-4", "50-29-3", "12001-29-5"])
def test_real_cas_numbers_pass_their_checksum(cas: str) -> None:
    assert cas_error(cas) is None


def test_a_mistyped_cas_number_is_rejected_with_the_right_check_digit() -> None:
    message = cas_error("1763-23-2")
    assert message is not None and "should be 1" in message


def test_something_that_is_not_a_cas_number_says_what_the_form_is() -> None:
    message = cas_error("PFOS")
    assert message is not None and "1234567-12-1" in message


@pytest.mark.parametrize("ec", ["231-106-7", "217-179-8", "200-001-8"])
def test_real_ec_numbers_pass_their_checksum(ec: str) -> None:
    assert ec_error(ec) is None


def test_a_mistyped_ec_number_is_rejected() -> None:
    assert ec_error("231-106-8") is not None


def test_inchikey_shape_is_checked() -> None:
    assert inchikey_error("QSWMEIWZOXVTOM-UHFFFAOYSA-N") is None
    assert inchikey_error("not-a-key") is not None


def test_elincs_numbers_issued_with_check_digit_one_are_accepted() -> None:
    """ECHA's CLP Annex VI and the RIVM ZZS list carry 435-470-1: remainder 10, issued with 1."""
    assert ec_error("435-470-1") is None
    assert ec_error("435-470-2") is not None
    assert ec_error("200-005-1") is not None  # an EINECS stem with remainder 10 was never issued
