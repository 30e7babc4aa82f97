"""Reading the labelled messages of the TipDM 2020 data set, and deduplicating them.

Two files carry labels: ``tipdm2020_attachment2_sample_labelled.xlsx`` (subject and details,
the label as a class name) and ``tipdm2020_attachment2_part_a.tsv`` (``text<TAB>label index``).
The same message appears in both, sometimes verbatim, sometimes with a name or a word
changed, and a few messages appear twice in one file: :func:`dedupe` groups such
near-duplicates so that no message is both trained on and tested on.
"""

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from django.conf import settings

from .text import join_title, normalize_text

LABELS = ("城乡建设", "环境保护", "交通运输", "教育文体", "劳动和社会保障", "商贸旅游", "卫生计生")

LABELLED_XLSX = "tipdm2020_attachment2_sample_labelled.xlsx"
LABELLED_TSV = "tipdm2020_attachment2_part_a.tsv"

# Two messages are near-duplicates when this share of the character 5-grams of the shorter
# one also occurs in the other (the same complaint sent twice, a name corrected, a greeting changed).
NEAR_DUPLICATE_CONTAINMENT = 0.5

# Exported sheets carry tens of thousands of formatted but empty rows after the data: reading
# stops after this many empty rows in a row.
EMPTY_ROWS_END = 1000


class DatasetError(Exception):
    """A data file or folder that cannot be read; the message is meant for a person (in Chinese)."""


@dataclass
class LabelledData:
    texts: list[str]
    labels: list[int]
    dropped_duplicates: int = 0
    dropped_conflicts: int = 0


def messages_dir(path=None) -> Path:
    """The ``messages/`` folder, given the data sets folder or the ``messages/`` folder itself."""
    path = Path(path if path is not None else settings.DATASETS_DIR)
    if (path / "messages").is_dir():
        return path / "messages"
    return path


def label_index(value) -> int:
    """A label given as an index (``3``, ``"3"``) or a class name (``"教育文体"``) as its index."""
    if isinstance(value, int | np.integer) and 0 <= value < len(LABELS):
        return int(value)
    if isinstance(value, float) and value.is_integer() and 0 <= value < len(LABELS):  # a number cell of a sheet
        return int(value)
    text = normalize_text(value)
    if text.isdigit() and int(text) < len(LABELS):
        return int(text)
    if text in LABELS:
        return LABELS.index(text)
    raise ValueError(value)


def read_tsv(path) -> tuple[list[str], list[int]]:
    """``text<TAB>label index`` lines; blank lines are skipped."""
    texts, labels = [], []
    try:
        with open(path, encoding="utf-8-sig") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                text, sep, label = line.rstrip("\r\n").rpartition("\t")
                if not sep:
                    raise DatasetError(f"{path} 第 {number} 行格式不对：应为“留言文本<TAB>类别编号”，但没有制表符。")
                try:
                    labels.append(label_index(label))
                except ValueError:
                    raise DatasetError(
                        f"{path} 第 {number} 行的类别“{label.strip()}”无效：应为 0–{len(LABELS) - 1} 的编号。"
                    ) from None
                texts.append(normalize_text(text))
    except UnicodeDecodeError:
        raise DatasetError(f"{path} 不是 UTF-8 编码的文本文件。") from None
    except OSError as error:
        raise DatasetError(f"无法读取 {path}：{error.strerror or error}。") from None
    return texts, labels


def _read_xlsx_rows(path, required):
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, KeyError, OSError, ValueError) as error:
        raise DatasetError(f"无法读取 Excel 文件 {path}：{getattr(error, 'strerror', None) or error}。") from None
    except Exception:  # zipfile.BadZipFile and friends: not an .xlsx at all
        raise DatasetError(f"{path} 不是有效的 .xlsx 文件。") from None
    try:
        rows = workbook.active.iter_rows(values_only=True)
        header = [normalize_text(cell) for cell in next(rows, ())]
        missing = [name for name in required if name not in header]
        if missing:
            raise DatasetError(f"{path} 的表头缺少列：{'、'.join(missing)}（第一行应为列名）。")
        columns = {name: header.index(name) for name in header if name}
        empty = 0
        for number, row in enumerate(rows, 2):
            if all(cell is None or cell == "" for cell in row):
                empty += 1
                if empty >= EMPTY_ROWS_END:
                    break
                continue
            empty = 0
            yield number, {name: (row[index] if index < len(row) else None) for name, index in columns.items()}
    finally:
        workbook.close()


def read_xlsx(path, labelled=True) -> tuple[list[str], list[int]]:
    """Messages of an exported sheet (留言主题, 留言详情[, 一级分类]) as subject + details.

    Rows without details and subject are skipped, and so, when ``labelled``, are rows without a label.
    """
    required = ("留言主题", "留言详情") + (("一级分类",) if labelled else ())
    texts, labels = [], []
    for number, row in _read_xlsx_rows(path, required):
        text = join_title(row.get("留言主题"), row.get("留言详情"))
        if labelled:
            raw = row.get("一级分类")
            if raw is None or not normalize_text(raw):
                continue
            try:
                labels.append(label_index(raw))
            except ValueError:
                raise DatasetError(
                    f"{path} 第 {number} 行的一级分类“{normalize_text(raw)}”不是这 {len(LABELS)} 类之一："
                    + "、".join(LABELS)
                ) from None
        elif not text:
            continue
        texts.append(text)
    return texts, labels


def read_labelled_file(path) -> tuple[list[str], list[int]]:
    """A ``.tsv`` or ``.xlsx`` file of labelled messages."""
    path = Path(path)
    if not path.is_file():
        raise DatasetError(f"找不到文件 {path}。")
    suffix = path.suffix.lower()
    if suffix in (".tsv", ".txt"):
        texts, labels = read_tsv(path)
    elif suffix == ".xlsx":
        texts, labels = read_xlsx(path, labelled=True)
    else:
        raise DatasetError(f"不支持的文件类型“{path.suffix or '（无扩展名）'}”：请提供 .tsv 或 .xlsx 文件。")
    if not texts:
        raise DatasetError(f"{path} 里没有带类别的留言。")
    return texts, labels


def _shingle_matrix(texts, size=5):
    """A binary sparse matrix: one row per text, one column per distinct character ``size``-gram."""
    from scipy import sparse

    vocabulary, indices, indptr = {}, [], [0]
    for text in texts:
        columns = {vocabulary.setdefault(text[i : i + size], len(vocabulary)) for i in range(len(text) - size + 1)}
        indices.extend(columns)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float32)
    return sparse.csr_matrix((data, indices, indptr), shape=(len(texts), len(vocabulary)))


def duplicate_groups(texts, threshold=NEAR_DUPLICATE_CONTAINMENT) -> np.ndarray:
    """A group number for each text; near-duplicates (see ``NEAR_DUPLICATE_CONTAINMENT``) share one."""
    compact = ["".join(ch for ch in text if ch.isalnum()) for text in texts]
    parent = list(range(len(texts)))

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    shingled = [i for i, text in enumerate(compact) if len(text) >= 5]
    exact = {}
    for i, text in enumerate(compact):  # short texts: only exact duplicates
        if len(text) < 5:
            j = exact.setdefault(text, i)
            parent[root(i)] = root(j)
    if len(shingled) > 1:
        matrix = _shingle_matrix([compact[i] for i in shingled])
        sizes = np.asarray(matrix.sum(axis=1)).ravel()
        for start in range(0, len(shingled), 512):
            block = (matrix[start : start + 512] @ matrix.T).toarray()
            smaller = np.minimum(sizes[start : start + 512, None], sizes[None, :])
            rows, cols = np.nonzero(block >= threshold * smaller)
            for a, b in zip(rows + start, cols, strict=True):
                if a < b:
                    parent[root(shingled[a])] = root(shingled[b])
    return np.array([root(i) for i in range(len(texts))])


def dedupe(texts, labels) -> LabelledData:
    """One message per group of near-duplicates, the first of the group.

    A group whose messages carry different labels takes its majority label, and is dropped
    when there is no majority (the same message filed under two classes teaches nothing).
    """
    groups = duplicate_groups(texts)
    members = {}
    for i, group in enumerate(groups):
        members.setdefault(group, []).append(i)
    kept_texts, kept_labels, conflicts = [], [], 0
    for indexes in sorted(members.values()):
        counts = np.bincount([labels[i] for i in indexes], minlength=len(LABELS))
        best = int(counts.argmax())
        if (counts == counts[best]).sum() > 1:
            conflicts += 1
            continue
        first = next(i for i in indexes if labels[i] == best)
        kept_texts.append(texts[first])
        kept_labels.append(best)
    return LabelledData(kept_texts, kept_labels, len(texts) - len(kept_texts), conflicts)


def load_labelled_dataset(path=None, deduplicate=True) -> LabelledData:
    """The labelled messages of both files (the ``.xlsx`` first), near-duplicates removed (kept with
    ``deduplicate=False``: only to reproduce figures measured that way, which are flattered by copies on both sides).

    ``path`` is the shared data sets folder or its ``messages/`` folder (default: ``settings.DATASETS_DIR``).
    ``texts`` are normalised; ``labels`` are indexes into :data:`LABELS`.
    """
    folder = messages_dir(path)
    files = [folder / LABELLED_XLSX, folder / LABELLED_TSV]
    missing = [file.name for file in files if not file.is_file()]
    if missing:
        raise DatasetError(f"数据集目录 {folder} 不存在或缺少文件：{'、'.join(missing)}。")
    texts, labels = read_xlsx(files[0])
    more_texts, more_labels = read_tsv(files[1])
    if not deduplicate:
        return LabelledData(texts + more_texts, labels + more_labels)
    return dedupe(texts + more_texts, labels + more_labels)
