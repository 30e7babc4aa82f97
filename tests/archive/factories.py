"""Saved WeChat articles in the real page layout, written into a folder like a browser saves them."""

from datetime import UTC, datetime, timedelta

from townsquare.archive.samples import SavedArticle, png_bytes, write_saved_article

ACCOUNT = "青禾镇发布"
FIRST_DAY = datetime(2023, 3, 1, 1, 30, tzinfo=UTC)


def article(number, **overrides):
    values = {
        "title": f"青禾镇第{number}期村务简报",
        "account": ACCOUNT,
        "published_at": FIRST_DAY + timedelta(days=number),
        "paragraphs": [f"第{number}期：镇里本周修了三条机耕路。", "下周二在镇文化站开农技课。"],
        "biz": "MzQ0NTU2Njc3OA==",
        "mid": str(2650000000 + number),
        "idx": "1",
        "summary": f"第{number}期村务简报",
        "padding_kb": 4,
    }
    values.update(overrides)
    return SavedArticle(**values)


def write_articles(folder, count, start=1, **overrides):
    folder.mkdir(parents=True, exist_ok=True)
    return [write_saved_article(folder, f"文章{n:03d}", article(n, **overrides)) for n in range(start, start + count)]


def with_images(number, count=2, remote=0):
    return article(number, images=[png_bytes(f"{number}-{i}") for i in range(count)], remote_images=remote)
