"""The outcomes of an application in the categories of the national annual-report format (国办公开办函〔2021〕30号,
section 三 "收到和处理政府信息公开申请情况"). A code is "<group>" or "<group>.<item>"; the groups are the rows
(一)…(六) of 三、本年度办理结果, the items their numbered sub-rows."""

GROUPS = [
    ("1", "（一）予以公开", []),
    ("2", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", []),
    (
        "3",
        "（三）不予公开",
        [
            "属于国家秘密",
            "其他法律行政法规禁止公开",
            "危及“三安全一稳定”",
            "保护第三方合法权益",
            "属于三类内部事务信息",
            "属于四类过程性信息",
            "属于行政执法案卷",
            "属于行政查询事项",
        ],
    ),
    (
        "4",
        "（四）无法提供",
        ["本机关不掌握相关政府信息", "没有现成信息需要另行制作", "补正后申请内容仍不明确"],
    ),
    (
        "5",
        "（五）不予处理",
        [
            "信访举报投诉类申请",
            "重复申请",
            "要求提供公开出版物",
            "无正当理由大量反复申请",
            "要求行政机关确认或重新出具已获取信息",
        ],
    ),
    (
        "6",
        "（六）其他处理",
        [
            "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "其他",
        ],
    ),
]

SHORT_GROUP = {"1": "予以公开", "2": "部分公开", "3": "不予公开", "4": "无法提供", "5": "不予处理", "6": "其他处理"}


def choices():
    """Django choices: a group without items is one choice; a group with items lists each item under it."""
    result = []
    for code, _label, items in GROUPS:
        if not items:
            result.append((code, SHORT_GROUP[code]))
        else:
            result.append(
                (
                    SHORT_GROUP[code],
                    [(f"{code}.{n}", f"{SHORT_GROUP[code]}：{text}") for n, text in enumerate(items, 1)],
                )
            )
    return result


def leaf_codes():
    """Every code a decision can carry, in the table's order."""
    codes = []
    for code, _label, items in GROUPS:
        codes += [code] if not items else [f"{code}.{n}" for n in range(1, len(items) + 1)]
    return codes


def group_of(code):
    return code.split(".")[0]


def label_of(code):
    for group, _label, items in GROUPS:
        if code == group:
            return SHORT_GROUP[group]
        if group_of(code) == group:
            return f"{SHORT_GROUP[group]}：{items[int(code.split('.')[1]) - 1]}"
    return code


# Outcomes that give the applicant information (answered "favourably" in the monthly statistics).
DISCLOSED = ("1", "2")
