"""Grouping messages: the same problem at the same place together, other problems and distant times apart."""

from datetime import date

from townsquare.hotspots.grouping import Message, group

THRESHOLD = 0.14

DUST = [
    "丽发新城小区旁建搅拌站噪音扰民，灰尘很大",
    "投诉丽发新城附近搅拌站噪音粉尘污染",
    "丽发新城小区附近的搅拌站严重扰民，粉尘太大",
]
OTHER = [
    "星沙八医院拔牙后舌头麻木无人负责",
    "X205路公交车夏天不开空调",
    "请问第二套房公积金贷款的条件",
]


def messages(texts, day=None):
    return [Message(str(i), text, day) for i, text in enumerate(texts)]


def test_the_same_problem_at_the_same_place_is_one_group():
    found = group(messages(DUST + OTHER), THRESHOLD)
    assert len({found[str(i)] for i in range(3)}) == 1


def test_different_problems_stay_apart():
    found = group(messages(DUST + OTHER), THRESHOLD)
    assert len({found[str(i)] for i in range(3, 6)}) == 3


def test_messages_further_apart_than_the_window_are_not_grouped():
    early = Message("a", DUST[0], date(2026, 1, 1))
    late = Message("b", DUST[1], date(2026, 6, 1))
    found = group([early, late], THRESHOLD, window_days=60)
    assert found["a"] != found["b"]


def test_a_single_message_has_a_group_of_its_own():
    assert group(messages(["只有一条留言"]), THRESHOLD) == {"0": 1}
