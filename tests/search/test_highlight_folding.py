"""Marking the words found folds full-width and upper-case letters, keeping every character in its place."""

from townsquare.search.highlight import mark


def test_full_width_and_upper_case_letters_are_found_in_place():
    marked = mark("办理ＳＨＥＢＡＯ卡与İ社保", ["shebao", "社保"])

    assert marked == "办理<mark>ＳＨＥＢＡＯ</mark>卡与İ<mark>社保</mark>"
