"""Checks of Chinese identification numbers typed into public forms.

- 居民身份证号码 (GB 11643-1999): 17 digits (area, birth date, sequence) and an ISO 7064 MOD 11-2 check
  character (0–9 or X).
- 统一社会信用代码 (GB 32100-2015): 18 characters from 31 (digits and capitals without I, O, Z, S, V), the
  last a MOD 31 check character.

``normalize_*`` returns the tidy spelling or raises ValueError with a Chinese message saying what is wrong.
"""

import re
import unicodedata
from datetime import date

RESIDENT_ID = re.compile(r"^\d{17}[\dX]$")
RESIDENT_ID_CHECK = "10X98765432"

CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
CREDIT_CODE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{18}$")


def _tidy(raw):
    return re.sub(r"[\s\-]", "", unicodedata.normalize("NFKC", raw or "")).upper()


def resident_id_check_char(first17):
    total = sum(int(digit) * (2 ** (17 - index) % 11) for index, digit in enumerate(first17))
    return RESIDENT_ID_CHECK[total % 11]


def normalize_resident_id(raw):
    number = _tidy(raw)
    if not RESIDENT_ID.match(number):
        raise ValueError("身份证号码应为18位，前17位是数字，最后一位是数字或X。")
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValueError("身份证号码里的出生日期不对，请核对。") from None
    if born.year < 1900 or born > date.today():
        raise ValueError("身份证号码里的出生日期不对，请核对。")
    if resident_id_check_char(number[:17]) != number[17]:
        raise ValueError("身份证号码的校验位不对，可能有一位输错了，请核对。")
    return number


def credit_code_check_char(first17):
    total = sum(CREDIT_ALPHABET.index(char) * weight for char, weight in zip(first17, CREDIT_WEIGHTS, strict=True))
    return CREDIT_ALPHABET[(31 - total % 31) % 31]


def normalize_credit_code(raw):
    code = _tidy(raw)
    if not CREDIT_CODE.match(code):
        raise ValueError("统一社会信用代码应为18位数字或大写字母（不含I、O、Z、S、V）。")
    if credit_code_check_char(code[:17]) != code[17]:
        raise ValueError("统一社会信用代码的校验位不对，可能有一位输错了，请核对。")
    return code
