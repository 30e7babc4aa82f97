"""A 公开年报 as XLSX and PDF: its texts and the tables in the national layout (国办公开办函〔2021〕30号).

Built from ``tables.build`` (or a page's stored copy): the same figures as the page.
"""

from townsquare.core.gridfiles import Grid, GridCell, Heading, Paragraph, to_pdf, to_xlsx

from .publishing import TEXT_HEADINGS
from .tables import RESULT_HEADINGS


def _row(label, figures):
    return [GridCell(label, 0)] + [GridCell(item["value"], index) for index, item in enumerate(figures, 1)]


def _headings(*texts):
    return [GridCell(text, index, header=True) for index, text in enumerate(texts)]


def published_grid(data):
    rows = [_headings("公开类别", "本年主动公开条数")]
    rows += [_row(line["label"], [line["figure"]]) for line in data["published"]["lines"]]
    rows.append(_row("合计", [data["published"]["total"]]))
    return Grid(2, rows, (3, 2))


def active_grid(data):
    rows = [
        [GridCell("第二十条第（一）项", 0, colspan=4, header=True)],
        _headings("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
    ]
    rows += [_row(row["label"], row["cells"]) for row in data["documents"]]
    rows += [
        [GridCell("第二十条第（五）项", 0, colspan=4, header=True)],
        [GridCell("信息内容", 0, header=True), GridCell("本年处理决定数量", 1, colspan=3, header=True)],
        _row("行政许可", [data["decisions"][0]["figure"]]),
        [GridCell("第二十条第（六）项", 0, colspan=4, header=True)],
        [GridCell("信息内容", 0, header=True), GridCell("本年处理决定数量", 1, colspan=3, header=True)],
        _row("行政处罚", [data["decisions"][1]["figure"]]),
        _row("行政强制", [data["decisions"][2]["figure"]]),
        [GridCell("第二十条第（八）项", 0, colspan=4, header=True)],
        [GridCell("信息内容", 0, header=True), GridCell("本年收费金额（单位：万元）", 1, colspan=3, header=True)],
        _row("行政事业性收费", [data["fees"]]),
    ]
    for cells in rows:  # a single figure spans the three figure columns
        if len(cells) == 2 and not cells[1].header and cells[1].column == 1:
            cells[1].colspan = 3
    return Grid(4, rows, (3, 2, 2, 2))


def applications_grid(data):
    columns = data["applications"]["columns"]
    count = len(columns)
    rows = [
        [GridCell("项目", 0, rowspan=3, header=True), GridCell("申请人情况", 1, colspan=count, header=True)],
        [
            GridCell(columns[0], 1, rowspan=2, header=True),
            GridCell("法人或其他组织", 2, colspan=count - 2, header=True),
            GridCell(columns[-1], count, rowspan=2, header=True),
        ],
        [GridCell(label, index, header=True) for index, label in enumerate(columns[1:-1], 2)],
    ]
    for row in data["applications"]["rows"]:
        indent = "　" * row["level"]
        if row["cells"] is None:
            rows.append([GridCell(indent + row["label"], 0, colspan=count + 1)])
        else:
            rows.append(_row(indent + row["label"], row["cells"]))
    return Grid(count + 1, rows, (5,) + (1,) * count)


def litigation_grid(data):
    review, direct, after = data["litigation"]
    rows = [
        [GridCell("行政复议", 0, colspan=5, header=True), GridCell("行政诉讼", 5, colspan=10, header=True)],
        [GridCell(text, index, rowspan=2, header=True) for index, text in enumerate(RESULT_HEADINGS)]
        + [GridCell("未经复议直接起诉", 5, colspan=5, header=True), GridCell("复议后起诉", 10, colspan=5, header=True)],
        [GridCell(text, index, header=True) for index, text in enumerate(RESULT_HEADINGS * 2, 5)],
        [
            GridCell(item["value"], index)
            for index, item in enumerate(review["cells"] + direct["cells"] + after["cells"])
        ],
    ]
    return Grid(15, rows)


def blocks(data):
    texts = dict(TEXT_HEADINGS)
    result = [Heading(texts["overview"]), *_paragraphs(data["texts"]["overview"])]
    result += [Paragraph("本年主动公开政府信息（公开目录中本年首次发布的信息）："), published_grid(data)]
    result += [Heading("二、主动公开政府信息情况"), active_grid(data)]
    result += [Heading("三、收到和处理政府信息公开申请情况"), applications_grid(data)]
    result += [Heading("四、政府信息公开行政复议、行政诉讼情况"), litigation_grid(data)]
    result += [Heading(texts["problems"]), *_paragraphs(data["texts"]["problems"])]
    result += [Heading(texts["other"]), *_paragraphs(data["texts"]["other"])]
    return result


def _paragraphs(text):
    return [Paragraph(part) for part in (text or "无。").splitlines() if part.strip()] or [Paragraph("无。")]


def xlsx(data):
    return to_xlsx(data["title"], blocks(data), sheet_title=f"{data['year']}年度公开年报")


def pdf(data):
    return to_pdf(data["title"], blocks(data), author=data["unit"])


def filename(data, extension):
    return f"gongkai-nianbao-{data['year']}.{extension}"
