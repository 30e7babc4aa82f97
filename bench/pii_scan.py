"""The screening's figures: recall on generated documents, false alarms on the demo's real content.

    .venv/bin/python bench/pii_scan.py              # both parts (the demo part loads the demo: ~2 minutes)
    .venv/bin/python bench/pii_scan.py --docs 400   # more generated documents
    .venv/bin/python bench/pii_scan.py --no-demo    # recall only

1. Recall: ``--docs`` documents (default 240; a quarter each plain text, PDF made with reportlab in the
   project's Chinese font, DOCX, XLSX), each with 1–4 planted numbers (ID numbers, mobiles, bank
   cards, house-level addresses) in a random spelling — plain, full-width digits, spaces, hyphens,
   dots, 4-digit groups, next to Chinese text, in table cells, split over two lines of a PDF table
   cell, typed across three spreadsheet cells — among distractors (dates, 文号, 索引号, amounts, the
   units' hotlines, order numbers, 统一社会信用代码, landlines). Recall = planted items found / planted
   items; a planted item counts as found when a finding of its kind has its digits (an address: its
   text). Findings that match nothing planted are the generated set's false alarms (printed too).
2. False alarms on the demo: the demo is loaded into a temporary SQLite database, every live page
   and its documents are scanned as the daily rescan does. Personal data there is what the demo
   plants on purpose (the 公示's ID number); every other personal-data finding is a false alarm.
   Printed per finding (false / all personal-data findings) and per scanned item (items with a false
   alarm / pages + documents scanned). 错敏词 hits are counted apart (they are meant to be found).
"""

import argparse
import io
import os
import random
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
HOTLINES = ["0999-6018821", "12345", "0999-6012380", "13999060001"]  # the last: a unit's duty mobile, kept
DISTRACTORS = [
    "成文日期：{y}-{m:02d}-{d:02d}",
    "{y}年{m}月{d}日",
    "示政办发〔{y}〕{n}号",
    "索引号：11{n:04d}01/{y}-{n:05d}",
    "补助金额 {amount}.00 元",
    "合计 {big} 元",
    "订单号 {y}{m:02d}{d:02d}{order}",
    "统一社会信用代码 9143{n:04d}{order6}1234",
    "咨询电话 {hotline}",
    "办公电话 0999-60{n:05d}",
    "第{n}期 共{m}户 {d}人",
    "项目编号 SF-{y}-{n:04d}",
]


def id_number(rng):
    from datetime import date, timedelta

    born = date(1940, 1, 1) + timedelta(days=rng.randrange(0, 365 * 65))
    region = rng.choice(["110101", "410104", "430121", "320102", "510105", "440305"])
    first = f"{region}{born:%Y%m%d}{rng.randrange(0, 1000):03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return first + "10X98765432"[sum(int(a) * b for a, b in zip(first, weights, strict=True)) % 11]


def bank_card(rng):
    stem = rng.choice(["622202", "621700", "622848", "436742", "524094"]) + "".join(
        str(rng.randrange(10)) for _ in range(rng.choice([9, 12]))
    )
    total = 0
    for i, d in enumerate(reversed(stem)):
        n = int(d) * (1 if i % 2 else 2)
        total += n - 9 if n > 9 else n
    return stem + str((10 - total % 10) % 10)


def mobile(rng):
    return f"1{rng.choice('3456789')}{rng.randrange(10)}{rng.randrange(10**8):08d}"


def address(rng):
    village = rng.choice(["石桥村", "上湾村", "高岭村", "下湾村", "柳塘村"])
    estate = rng.choice(["幸福小区", "清水花园", "南门家园", "东城新村"])
    road = rng.choice(["人民路", "解放街", "工业大道", "文化巷"])
    return rng.choice(
        [
            f"{village}{rng.randrange(1, 12)}组{rng.randrange(1, 99)}号",
            f"{estate}{rng.randrange(1, 30)}栋{rng.randrange(1, 6)}单元{rng.randrange(101, 2801)}室",
            f"{road}{rng.randrange(1, 300)}号{rng.randrange(1, 9)}栋{rng.randrange(101, 1201)}室",
        ]
    )


def spelled(kind, value, rng):
    """``value`` written one of the ways people write it."""
    if kind == "address":
        return value
    style = rng.choice(["plain", "full", "space", "hyphen", "dot", "groups4"])
    if style == "full":
        return value.translate(FULL_WIDTH)
    cuts = {"id_number": [6, 14], "mobile": [3, 7], "bank_card": list(range(4, len(value), 4))}[kind]
    if style == "groups4":
        cuts = list(range(4, len(value), 4)) if kind != "mobile" else [3, 7]
    sep = {"plain": "", "space": " ", "hyphen": "-", "dot": "."}.get(style, " ")
    if kind == "bank_card" and sep in ".-":
        sep = " "  # cards are written in 4-digit groups with spaces, or as one run
    parts = [value[a:b] for a, b in zip([0, *cuts], [*cuts, len(value)], strict=True)]
    return sep.join(parts)


def distractor(rng):
    return rng.choice(DISTRACTORS).format(
        y=rng.randrange(2015, 2027),
        m=rng.randrange(1, 13),
        d=rng.randrange(1, 29),
        n=rng.randrange(1, 9999),
        amount=rng.randrange(100, 9_999_999),
        big=rng.choice(["13500000000", "15800000000", "1200000000"]),
        order=rng.randrange(10**11, 10**12),
        order6=rng.randrange(10**5, 10**6),
        hotline=rng.choice(HOTLINES),
    )


def plant(rng):
    """1–4 (kind, value) pairs to plant."""
    makers = {"id_number": id_number, "mobile": mobile, "bank_card": bank_card, "address": address}
    return [(kind, makers[kind](rng)) for kind in rng.sample(list(makers), rng.randrange(1, 5))]


LABELS = {"id_number": "身份证号", "mobile": "联系电话", "bank_card": "银行卡号", "address": "家庭住址"}


def make_document(n, rng):
    """``(name, bytes, planted)`` of generated document ``n``."""
    from tests.screening.factories import docx_bytes, pdf_bytes, xlsx_bytes

    planted = plant(rng)
    kind = ("txt", "pdf", "docx", "xlsx")[n % 4]
    lines = [f"示范县{rng.choice(['低保', '危房改造', '助学金', '救助'])}对象公示（第{n}批）"]
    rows = [["序号", "姓名", "项目", "内容"]]
    for i, (what, value) in enumerate(planted, start=1):
        lines.append(distractor(rng))
        written = spelled(what, value, rng)
        lines.append(f"{i}. 王*{rng.choice('华明芳军')} {LABELS[what]}{rng.choice(['：', '', ' '])}{written}")
        rows.append([str(i), "王*华", LABELS[what], written])
    lines += [distractor(rng) for _ in range(3)]
    if kind == "txt":
        return f"{n:03d}.txt", "\n".join(lines).encode(), planted
    if kind == "pdf":
        drawn = []
        for line in lines:  # a table cell too narrow for the number: it goes on over two lines
            drawn += [line[:-7], line[-7:]] if rng.random() < 0.3 and any(c.isdigit() for c in line[-7:]) else [line]
        return f"{n:03d}.pdf", pdf_bytes(drawn), planted
    if kind == "docx":
        return f"{n:03d}.docx", docx_bytes(lines[:1] + lines[1::2], table=rows), planted
    sheet_rows = [list(r) for r in rows]
    for row in sheet_rows[1:]:
        if row[2] == "联系电话" and rng.random() < 0.4:
            digits = "".join(c for c in unicodedata.normalize("NFKC", row[3]) if c.isdigit())
            row[3:] = [digits[:3], digits[3:7], digits[7:]]  # typed across three cells
    return f"{n:03d}.xlsx", xlsx_bytes({"名单": sheet_rows, "说明": [[line] for line in lines[-3:]]}), planted


def recall(count, seed):
    from townsquare.core.privacy import contact_keys
    from townsquare.screening import documents
    from townsquare.screening.scanner import scan_text

    rng = random.Random(seed)
    keep = frozenset(k for hotline in HOTLINES for k in contact_keys(hotline))
    planted_total = found_total = false_total = 0
    by_kind, by_format = {}, {}
    started = time.perf_counter()
    for n in range(count):
        name, data, planted = make_document(n, rng)
        hits = [h for where, text in documents.pieces(name, data) for h in scan_text(text, where, keep)]
        keys = {(h.kind, h.key) for h in hits}
        wanted = {(kind, value if kind == "address" else value.upper()) for kind, value in planted}
        found = {(kind, value) for kind, value in wanted if any(k == kind and value in key for k, key in keys)}
        matched = {(k, key) for k, key in keys if any(k == kind and value in key for kind, value in wanted)}
        planted_total += len(wanted)
        found_total += len(found)
        false_total += len(keys - matched)
        for kind, value in wanted:
            by_kind.setdefault(kind, [0, 0])[0] += 1
            by_kind[kind][1] += (kind, value) in found
        fmt = name.rsplit(".", 1)[1]
        by_format.setdefault(fmt, [0, 0])
        by_format[fmt][0] += len(wanted)
        by_format[fmt][1] += len(found)
        for kind, value in wanted - found:
            print(f"  漏检 {name} {kind} {value}")
        for kind, key in keys - matched:
            print(f"  误报 {name} {kind} {key}")
    seconds = time.perf_counter() - started
    print(
        f"生成文档 {count} 份，埋入 {planted_total} 处，找到 {found_total} 处：召回率 {found_total / planted_total:.4f}"
    )
    for label, table in (("按类别", by_kind), ("按格式", by_format)):
        print(f"  {label}：" + "，".join(f"{k} {f}/{t}" for k, (t, f) in sorted(table.items())))
    print(f"  生成集上的误报 {false_total} 处（不是埋入号码的发现）；读取和扫描共 {seconds:.1f} 秒")


def demo_false_alarms():
    from django.core.management import call_command
    from wagtail.documents import get_document_model
    from wagtail.models import Page

    from townsquare.demo.screening import PLANTED_ID
    from townsquare.screening import review
    from townsquare.screening.models import Finding

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    context = review.Context.load()
    pages = list(Page.objects.live().filter(depth__gt=1).specific())
    items = personal = false = words = 0
    noisy_items = set()
    started = time.perf_counter()
    for page in pages:
        found = review.scan(page, context, live=True)
        obj = page.specific
        _, links = review.page_pieces(obj)
        items += 1 + len(review.page_documents(obj, links))
        for document, hit in found:
            if hit.kind == "word":
                words += 1
                continue
            personal += 1
            if hit.kind == Finding.Kind.UNREADABLE or hit.key != PLANTED_ID:
                false += 1
                noisy_items.add((page.pk, document.pk if document else None))
                print(f"  误报 {page.title} · {hit.where}：{hit.kind} {hit.text}")
    scanned_documents = {
        d.pk for page in pages for d in review.page_documents(page.specific, review.page_pieces(page.specific)[1])
    }
    for document in get_document_model().objects.exclude(pk__in=scanned_documents):  # the rest of the library
        hits, unreadable = review.scan_document(document, context)
        items += 1
        for hit in [h for h in hits if h.kind != "word"] + ([document.filename] if unreadable else []):
            personal += 1
            if getattr(hit, "key", None) != PLANTED_ID:
                false += 1
                noisy_items.add((None, document.pk))
                print(f"  误报 文档库 {document.filename}：{hit}")
        words += sum(h.kind == "word" for h in hits)
    seconds = time.perf_counter() - started
    print(f"演示县：已发布页面 {len(pages)} 个，连同附件和文档库共扫描 {items} 项，用时 {seconds:.1f} 秒")
    print(f"  个人信息发现 {personal} 处，其中误报 {false} 处：按发现计 {false / max(personal, 1):.2%}")
    print(f"  有误报的扫描项 {len(noisy_items)} / {items}：按扫描项计 {len(noisy_items) / max(items, 1):.2%}")
    print(f"  错敏词命中 {words} 处（另计，不算误报）")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=240)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--no-demo", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="pii_scan_"))
    os.environ["DATABASE_URL"] = f"sqlite:///{work / 'demo.sqlite3'}"
    os.environ["TOWNSQUARE_VAR_DIR"] = str(work / "var")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "townsquare.settings")
    import logging

    import django

    logging.getLogger("jieba").setLevel(logging.WARNING)
    django.setup()
    from django.conf import settings

    settings.MEDIA_ROOT = str(work / "media")
    recall(args.docs, args.seed)
    if not args.no_demo:
        demo_false_alarms()


if __name__ == "__main__":
    main()
