"""Masking keeps the ends of a number and its spelling: 110***********1234, 138****5678, 6222 **** **** 1234."""

import pytest

from townsquare.core.privacy import mask_number
from townsquare.screening.scanner import mask_in, scan_text

from .factories import id_number


@pytest.mark.parametrize(
    ("kind", "text", "masked"),
    [
        ("id_number", "110101199003071234", "110***********1234"),
        ("mobile", "13812345678", "138****5678"),
        ("mobile", "138 1234 5678", "138 **** 5678"),
        ("bank_card", "6222 0212 3456 1234", "6222 **** **** 1234"),
        ("id_number", "11010519491231002X", "110***********002X"),
    ],
)
def test_a_number_is_masked_keeping_its_ends(kind, text, masked):
    assert mask_number(kind, text) == masked


def test_masking_in_text_replaces_every_occurrence_and_keeps_the_rest():
    number = id_number()
    text = f"张三 {number}，复核：{number}。"
    hit = scan_text(text, "正文")[0]

    assert mask_in(text, hit) == f"张三 {hit.masked}，复核：{hit.masked}。"


def test_an_address_is_masked_down_to_the_village():
    hit = scan_text("家住石桥村3组27号", "正文")[0]

    assert hit.masked == "石桥村*组**号"
