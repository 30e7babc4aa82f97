"""Staff passwords must be at least 10 characters."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError


def test_nine_character_password_is_rejected():
    with pytest.raises(ValidationError):
        validate_password("Kx7#mq2Lz")


def test_ten_character_password_is_accepted():
    validate_password("Kx7#mq2Lzp")
