"""Requests about a few problems, for the hot-topic tests."""

from datetime import timedelta

from townsquare.resident_requests import handling

from ..oversight.factories import category_for

DUST = ("青禾镇东街搅拌站粉尘噪音扰民", "东街新建的搅拌站白天黑夜都在响，粉尘落满阳台，东街小区居民没法开窗。")
BUS = ("石桥村到县城的公交车太少", "石桥村到县城只有早晚两班公交车，老人看病很不方便，希望增加班次。")
LAMP = ("西门桥头路灯不亮", "西门桥头的三盏路灯坏了半个月，晚上过桥很危险。")


def file_about(unit, topic, received, n=1):
    """``n`` requests about ``topic`` (a (title, details) pair) to ``unit``, one a day before ``received``."""
    title, details = topic
    requests = []
    for i in range(n):
        data = {
            "request_type": "complain",
            "category": category_for(unit),
            "title": title,
            "details": f"{details}（第{i + 1}位居民）",
            "contact_name": "王五",
            "contact_phone": "13900002222",
        }
        requests.append(handling.submit(data, now=received - timedelta(days=i))[0])
    return requests
