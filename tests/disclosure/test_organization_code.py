"""机构代码: a 统一社会信用代码 or a 组织机构代码, checked with a clear Chinese error."""

import pytest
from django.core.exceptions import ValidationError

from townsquare.units.models import credit_code_check, org_code_check, validate_organization_code


def test_a_valid_credit_code_passes():
    code = "11330000MB00000" + "01"
    validate_organization_code(code + credit_code_check(code))


def test_a_credit_code_with_a_wrong_check_character_is_refused():
    code = "1133000000000000" + "1"
    wrong = "0" if credit_code_check(code) != "0" else "1"
    with pytest.raises(ValidationError, match="校验码"):
        validate_organization_code(code + wrong)


def test_an_organization_code_with_hyphen_passes():
    validate_organization_code(f"D2143569-{org_code_check('D2143569')}")


def test_a_code_of_the_wrong_length_says_what_is_expected():
    with pytest.raises(ValidationError, match="18位统一社会信用代码"):
        validate_organization_code("12345")
