import pytest

from townsquare.core.idnumbers import normalize_credit_code, normalize_resident_id


def test_valid_resident_id_is_accepted_with_a_lowercase_x():
    assert normalize_resident_id("11010519491231002x") == "11010519491231002X"


def test_full_width_digits_and_spaces_are_tidied():
    assert normalize_resident_id("１１０１０５ 19491231 002X") == "11010519491231002X"


def test_resident_id_with_a_wrong_check_character_is_refused():
    with pytest.raises(ValueError, match="校验位"):
        normalize_resident_id("110105194912310021")


def test_resident_id_with_an_impossible_birth_date_is_refused():
    with pytest.raises(ValueError, match="出生日期"):
        normalize_resident_id("110105194902301234")


def test_short_resident_id_is_refused():
    with pytest.raises(ValueError, match="18位"):
        normalize_resident_id("1101051949123100")


def test_valid_credit_code_is_accepted():
    assert normalize_credit_code("91350100m000100y43") == "91350100M000100Y43"


def test_credit_code_with_a_wrong_check_character_is_refused():
    with pytest.raises(ValueError, match="校验位"):
        normalize_credit_code("91350100M000100Y44")


def test_credit_code_with_a_forbidden_letter_is_refused():
    with pytest.raises(ValueError, match="不含I"):
        normalize_credit_code("91350100I000100Y43")
