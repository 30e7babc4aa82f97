"""Finding personal data and 错敏词 in text: plain functions, no database.

``scan_text(text, where, keep=..., words=...)`` returns ``Hit``s: ID numbers (18 digits with the
GB 11643 check digit, or old 15-digit numbers with a valid date), mobile numbers, bank card numbers
(16–19 digits, Luhn) and house-level home addresses, plus the listed words.

Numbers are found in many spellings: full-width digits (matching runs on the NFKC form, see
``core.privacy.normalized``), groups separated by a space, hyphen, dot or line break
("138 1234 5678", "4101 0419 9001 0112 34", an ID number split over two lines of a PDF table
cell), and next to Chinese text. A run of digit groups is cut into every sequence of whole groups,
and each sequence is checked against each kind; a number inside a longer run of digits (an order
number, a 20-digit serial) is never a match. Dates, 文号, 索引号 ("110101/2024-00001") and amounts
("13500000000.00元") are not numbers of people. Landlines are not flagged; mobiles on ``keep``
(the units' own published numbers) are not either.
"""

import re
from dataclasses import dataclass
from datetime import date

from townsquare.core.privacy import mask_digits, mask_number, normalized

ID_NUMBER = "id_number"
MOBILE = "mobile"
BANK_CARD = "bank_card"
ADDRESS = "address"
WORD = "word"

# Digit groups joined by one separator: a space, hyphen, dot or tab, or a line break (spaces around it allowed).
GROUP_RUN = re.compile(r"(?<![0-9])(?:\+?86[ -]?)?\d+[Xx]?(?:(?:[ \t]*\r?\n[ \t]*|[ \t.\-])\d+[Xx]?)*(?![0-9])")
GROUP = re.compile(r"\d+[Xx]?")
ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"
PROVINCES = {
    *"11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65".split(),
    *"71 81 82".split(),
}
MOBILE_GROUPINGS = {(11,), (3, 4, 4), (3, 8), (7, 4)}
# Where a number that follows is an amount, not a phone or a card.
AMOUNT_AFTER = re.compile(r"^(?:\.\d{1,2}(?!\d))|^\s*(?:元|万|亿|%|‰)")
CN_NUM = "0-9一二三四五六七八九十百零〇两"
ADDRESS_PATTERNS = [
    # …村…组…号 / …村…号
    re.compile(rf"[\u4e00-\u9fa5]{{1,8}}村(?:[{CN_NUM}]+组)?[{CN_NUM}]+号(?:[{CN_NUM}]+室)?"),
    # …小区/花园/苑…栋/幢/号楼…(单元)…室
    re.compile(
        rf"[\u4e00-\u9fa5]{{1,10}}(?:小区|花园|家园|公寓|新村|苑|城)[{CN_NUM}]+(?:栋|幢|号楼)"
        rf"(?:[{CN_NUM}]+单元)?[{CN_NUM}]+(?:室|号)"
    ),
    # …路/街/巷…号…(栋)…室
    re.compile(
        rf"[\u4e00-\u9fa5]{{1,10}}(?:路|街|大道|巷)[{CN_NUM}]+号(?:院)?(?:[{CN_NUM}]+(?:栋|幢|号楼))?"
        rf"(?:[{CN_NUM}]+单元)?[{CN_NUM}]+室"
    ),
]
LEAD_WORDS = re.compile(r"^(?:家庭住址|家庭地址|家住|现住|住在|居住在|住址|地址|户籍|位于|在)+")
ADDRESS_DIGITS = re.compile(rf"[{CN_NUM}]+(?=组|号|栋|幢|单元|室)")


@dataclass(frozen=True)
class Hit:
    kind: str
    text: str  # as written in the scanned text
    where: str
    masked: str
    suggestion: str = ""
    note: str = ""

    @property
    def key(self):
        """The same number however it is spelled: its digits (or the word itself)."""
        if self.kind in (ID_NUMBER, MOBILE, BANK_CARD):
            return "".join(ch for ch in normalized(self.text) if ch.isdigit() or ch in "Xx").upper()
        return normalized(self.text)


@dataclass(frozen=True)
class Word:
    word: str
    kind: str
    suggestion: str = ""
    note: str = ""


def id_date_ok(digits):
    """The birth date inside an 18- or 15-digit ID number is a real date, not in the future."""
    try:
        if len(digits) == 18:
            born = date(int(digits[6:10]), int(digits[10:12]), int(digits[12:14]))
        else:
            born = date(1900 + int(digits[6:8]), int(digits[8:10]), int(digits[10:12]))
    except ValueError:
        return False
    return date(1900, 1, 1) <= born <= date.today()


def is_id_number(digits):
    if digits[:2] not in PROVINCES or not id_date_ok(digits):
        return False
    if len(digits) == 15:
        return digits.isdigit()
    if len(digits) != 18 or not digits[:17].isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:17], ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11] == digits[17].upper()


def is_bank_card(digits):
    if not (16 <= len(digits) <= 19 and digits.isdigit()):
        return False
    # Cards start 3–6 (UnionPay 62, Visa 4, Mastercard 5, JCB 35) or 95–99; 统一社会信用代码 start 1/5/9 + 1–3.
    if not (digits[0] in "3456" or digits[:2] in ("95", "96", "97", "98", "99")):
        return False
    total = 0
    for i, d in enumerate(reversed(digits)):
        n = int(d) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _merged_lengths(groups, breaks):
    """Group lengths with the groups a line break split (a number wrapped in a table cell) joined again."""
    lengths = [len(groups[0])]
    for group, wrapped in zip(groups[1:], breaks, strict=True):
        if wrapped:
            lengths[-1] += len(group)
        else:
            lengths.append(len(group))
    return tuple(lengths)


def _kind_of(groups, digits, keep, breaks=()):
    lengths = _merged_lengths(groups, breaks) if any(breaks) else tuple(len(g) for g in groups)
    if len(digits) in (15, 18) and is_id_number(digits):
        if len(digits) == 18 or len(lengths) == 1 or lengths == (6, 6, 3):
            return ID_NUMBER
    if len(digits) == 11 and lengths in MOBILE_GROUPINGS and re.match(r"1[3-9]", digits):
        return None if digits in keep else MOBILE
    if 16 <= len(digits) <= 19 and (len(lengths) == 1 or (all(n == 4 for n in lengths[:-1]) and lengths[-1] <= 6)):
        return BANK_CARD if is_bank_card(digits) else None
    return None


def _numbers(shadow, original, where, keep):
    hits = []
    for run in GROUP_RUN.finditer(shadow):
        text = run.group(0)
        prefix = re.match(r"\+?86[ -]?(?=1[3-9])", text)
        groups = list(GROUP.finditer(text, prefix.end() if prefix else 0))
        taken = -1
        for i in range(len(groups)):
            if i <= taken:
                continue
            for j in range(min(len(groups), i + 6) - 1, i - 1, -1):
                chosen = [g.group(0) for g in groups[i : j + 1]]
                digits = "".join(chosen)
                if "X" in digits.upper()[:-1] or len(digits) > 19:
                    continue
                breaks = ["\n" in text[groups[k].end() : groups[k + 1].start()] for k in range(i, j)]
                kind = _kind_of(chosen, digits, keep, breaks)
                if kind is None:
                    continue
                start, end = run.start() + groups[i].start(), run.start() + groups[j].end()
                if kind != ID_NUMBER and AMOUNT_AFTER.match(shadow[end:]):
                    continue
                written = original[start:end]
                hits.append(Hit(kind, written, where, mask_number(kind, written)))
                taken = j
                break
    return hits


def _addresses(shadow, original, where, keep):
    hits = _addresses_in(shadow, original, where, keep)
    if "\n" in shadow:  # an address wrapped in a table cell: found in the joined lines (PDF text)
        joined = shadow.replace("\n", "")
        wrapped = [h for h in _addresses_in(joined, joined, where, keep) if all(h.text not in o.text for o in hits)]
        hits = [h for h in hits if all(h.text not in w.text for w in wrapped)] + wrapped
    return hits


def _addresses_in(shadow, original, where, keep):
    hits = []
    for pattern in ADDRESS_PATTERNS:
        for match in pattern.finditer(shadow):
            start = (
                match.start() + LEAD_WORDS.match(match.group(0)).end()
                if LEAD_WORDS.match(match.group(0))
                else match.start()
            )
            written = original[start : match.end()]
            if any(part in written for part in keep if len(part) > 4 and not part.isdigit()):
                continue
            if any(h.text == written or written in h.text for h in hits):
                continue
            masked = ADDRESS_DIGITS.sub(lambda m: "*" * len(m.group(0)), shadow[start : match.end()])
            hits.append(Hit(ADDRESS, written, where, masked))
    return hits


def _words(shadow, original, where, words):
    hits = []
    for word in words:
        start = shadow.find(word.word)
        if start < 0:
            continue
        written = original[start : start + len(word.word)]
        hits.append(Hit(WORD, written, where, word.suggestion, word.suggestion, note=word.kind))
    return hits


def scan_text(text, where="", keep=frozenset(), words=()):
    """Every personal number, home address and listed word in ``text``; ``where`` says where it was."""
    if not text:
        return []
    shadow = normalized(text)
    hits = _numbers(shadow, text, where, keep)
    hits += _addresses(shadow, text, where, keep)
    hits += _words(shadow, text, where, words)
    return hits


def mask_in(text, hit):
    """``text`` with every occurrence of what ``hit`` found masked (a word: its suggestion)."""
    if hit.kind == WORD:
        return text.replace(hit.text, hit.suggestion) if hit.suggestion else text
    replacement = hit.masked
    if hit.kind == ADDRESS:
        replacement = ADDRESS_DIGITS.sub(lambda m: "*" * len(m.group(0)), hit.text)
    return text.replace(hit.text, replacement)


__all__ = ["Hit", "Word", "mask_digits", "mask_in", "scan_text"]
