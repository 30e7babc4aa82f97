"""The text of attached documents, piece by piece with where each piece is, and masked copies.

- PDF: pypdf, page by page (a number split over two lines of a table cell is still one run of groups).
  A PDF cannot be masked here: its text is drawn, not stored as editable runs, and a black box over
  it leaves the number in the file. Staff replace the file with a masked one (``MASKABLE``).
- DOCX: the zip's XML read with lxml (already a dependency; python-docx would add a package and
  loses the cell structure we need to mask text that spans runs). Every paragraph outside tables,
  every table cell (its paragraphs joined by line breaks), headers and footers. A masked copy
  rewrites the ``w:t`` runs in place: masking keeps the length, so the formatting stays.
- XLSX: openpyxl, every sheet, every row (its cells joined by tabs, so a number typed across
  cells is found), where = sheet and row. A masked copy rewrites the cells.

``pieces(name, data)`` raises ``Unreadable`` with a Chinese reason when a file cannot be read.
"""

import io
import zipfile

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MASKABLE = ("docx", "xlsx")


class Unreadable(Exception):
    """The file could not be read; the message says why, in Chinese."""


def extension(name):
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def pieces(name, data):
    """``[(where, text)]`` of the document ``name`` with content ``data`` (bytes)."""
    kind = extension(name)
    try:
        if kind == "pdf":
            return _pdf_pieces(name, data)
        if kind == "docx":
            return [(where, text) for where, text, _ in _docx_units(name, data)]
        if kind == "xlsx":
            return [(where, text) for where, text, _ in _xlsx_units(name, data)]
        if kind in ("txt", "csv"):
            return [(name, data.decode("utf-8-sig", errors="replace"))]
    except Unreadable:
        raise
    except Exception as error:  # a damaged or encrypted file: reported, never passed silently
        raise Unreadable(f"文件“{name}”无法读取（{type(error).__name__}），请检查文件是否损坏或加密。") from error
    return []


def readable_kind(name):
    return extension(name) in ("pdf", "docx", "xlsx", "txt", "csv")


def _pdf_pieces(name, data):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        raise Unreadable(f"文件“{name}”已加密，无法检查其中的内容，请上传未加密的文件。")
    found = []
    for number, page in enumerate(reader.pages, start=1):
        found.append((f"{name} 第{number}页", page.extract_text() or ""))
    return found


def _docx_parts(archive):
    names = archive.namelist()
    parts = ["word/document.xml"] if "word/document.xml" in names else []
    parts += sorted(n for n in names if n.startswith(("word/header", "word/footer")) and n.endswith(".xml"))
    if not parts:
        raise Unreadable("这不是有效的 Word（DOCX）文件。")
    return parts


def _docx_containers(root):
    """Paragraphs outside tables, and table cells, in document order, with a label each."""
    table_number = 0
    for element in root.iter(f"{W}p", f"{W}tbl"):
        if element.tag == f"{W}tbl":
            if any(a.tag == f"{W}tbl" for a in element.iterancestors()):
                continue
            table_number += 1
            for r, row in enumerate(element.iter(f"{W}tr"), start=1):
                for c, cell in enumerate(row.findall(f"{W}tc"), start=1):
                    yield f"表格{table_number} 第{r}行第{c}列", cell.findall(f".//{W}p")
        elif not any(a.tag == f"{W}tbl" for a in element.iterancestors()):
            yield None, [element]


def _docx_units(name, data, trees=None):
    """``(where, text, nodes)``: ``nodes`` the ``w:t`` elements (None for a line break between paragraphs)."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    units = []
    for part in _docx_parts(archive):
        root = etree.fromstring(archive.read(part))
        if trees is not None:
            trees[part] = root
        paragraph_number = 0
        for label, paragraphs in _docx_containers(root):
            nodes = []
            for index, paragraph in enumerate(paragraphs):
                if index:
                    nodes.append(None)
                nodes += paragraph.iter(f"{W}t")
            text = "".join("\n" if node is None else (node.text or "") for node in nodes)
            if label is None:
                paragraph_number += 1
                if not text.strip():
                    continue
                label = f"第{paragraph_number}段"
            where = f"{name} {label}" if part == "word/document.xml" else f"{name} 页眉页脚 {label}"
            units.append((where, text, nodes))
    return units


def _xlsx_units(name, data, workbook=None):
    from openpyxl import load_workbook

    book = workbook or load_workbook(io.BytesIO(data), data_only=True)
    units = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            cells = [cell for cell in row if cell.value is not None and str(cell.value).strip()]
            if not cells:
                continue
            text = "\t".join(_cell_text(cell.value) for cell in cells)
            units.append((f"{name} 工作表“{sheet.title}”第{cells[0].row}行", text, cells))
    return units


def _cell_text(value):
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def masked_copy(name, data, mask):
    """The bytes of ``data`` with ``mask(text) -> same-length text`` applied to every piece; None if unchanged."""
    kind = extension(name)
    if kind == "docx":
        return _masked_docx(name, data, mask)
    if kind == "xlsx":
        return _masked_xlsx(name, data, mask)
    return None


def _masked_docx(name, data, mask):
    trees = {}
    changed = False
    for _where, text, nodes in _docx_units(name, data, trees):
        new = mask(text)
        if new == text or len(new) != len(text):
            continue
        changed = True
        position = 0
        for node in nodes:
            length = 1 if node is None else len(node.text or "")
            if node is not None and length:
                node.text = new[position : position + length]
            position += length
    if not changed:
        return None
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename in trees:
                content = etree.tostring(trees[item.filename], xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(item, content)
    return out.getvalue()


def _masked_xlsx(name, data, mask):
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    changed = False
    for _where, text, cells in _xlsx_units(name, data, book):
        new = mask(text)
        if new == text or len(new) != len(text):
            continue
        changed = True
        position = 0
        for cell in cells:
            old = _cell_text(cell.value)
            part = new[position : position + len(old)]
            if part != old:
                cell.value = part
            position += len(old) + 1
    if not changed:
        return None
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
