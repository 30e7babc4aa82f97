"""The scanner finds ID, mobile and bank card numbers and addresses in many spellings, not what only looks like them."""

import pytest

from townsquare.screening.scanner import Word, scan_text

from .factories import id_number, luhn

ID = id_number()  # 110101199003071233
CARD = luhn("622202123456789012")  # 19 digits


def kinds(text, **kwargs):
    return [(hit.kind, hit.text) for hit in scan_text(text, "正文", **kwargs)]


@pytest.mark.parametrize(
    "written",
    [
        ID,
        f"身份证号{ID}，",
        ID.translate(str.maketrans("0123456789", "０１２３４５６７８９")),
        f"{ID[:6]} {ID[6:14]} {ID[14:]}",
        f"{ID[:4]} {ID[4:8]} {ID[8:12]} {ID[12:16]} {ID[16:]}",
        f"{ID[:6]}-{ID[6:14]}-{ID[14:]}",
        f"{ID[:12]}\n{ID[12:]}",
        f"sfz{ID}",
    ],
)
def test_an_id_number_is_found_in_every_spelling(written):
    assert [kind for kind, _ in kinds(written)] == ["id_number"]


def test_an_id_number_ending_in_x_is_found_with_a_small_x():
    number = id_number("11010519491231002")
    assert number.endswith("X")

    assert kinds(number.lower()) == [("id_number", number.lower())]


def test_an_old_15_digit_id_number_with_a_valid_date_is_found():
    assert kinds("旧证号 110101680512041") == [("id_number", "110101680512041")]


def test_an_18_digit_number_with_a_wrong_check_digit_is_not_an_id_number():
    wrong = ID[:17] + str((int(ID[17]) + 1) % 10)

    assert kinds(wrong) == []


@pytest.mark.parametrize(
    "written",
    [
        "13812345678",
        "１３８１２３４５６７８",
        "138 1234 5678",
        "138-1234-5678",
        "138.1234.5678",
        "电话:13812345678联系",
    ],
)
def test_a_mobile_number_is_found_in_every_spelling(written):
    assert [kind for kind, _ in kinds(written)] == ["mobile"]


def test_a_mobile_number_with_the_country_code_is_found():
    assert [kind for kind, _ in kinds("+86 138 1234 5678")] == ["mobile"]


@pytest.mark.parametrize("written", [CARD, " ".join(CARD[i : i + 4] for i in range(0, 19, 4))])
def test_a_luhn_valid_bank_card_number_is_found(written):
    assert [kind for kind, _ in kinds(written)] == ["bank_card"]


def test_a_number_failing_luhn_is_not_a_bank_card():
    assert kinds(CARD[:-1] + str((int(CARD[-1]) + 1) % 10)) == []


@pytest.mark.parametrize(
    "address", ["青禾镇石桥村3组27号", "幸福小区5栋2单元301室", "人民路18号3栋402室", "上湾村五组十二号"]
)
def test_a_house_level_address_is_found(address):
    assert kinds(f"家住{address}。") == [("address", address)]


@pytest.mark.parametrize(
    "text",
    [
        "索引号 110101/2024-00001",
        "示政办发〔2024〕12号",
        "成文日期 2024-12-03，2024年12月3日",
        "补助金额 13500000000.00 元",
        "资金 13800000000元",
        "订单号 20241203138123456789",
        "咨询电话 0731-12345678",
        "12345 政务服务热线",
        "统一社会信用代码 914301001234567890",
        "地址：人民路18号县民政局2楼203室",
        "青禾镇上湾村",
    ],
)
def test_what_only_looks_like_personal_data_is_not_flagged(text):
    assert kinds(text) == []


def test_a_units_own_mobile_number_on_the_allow_list_is_not_flagged():
    assert kinds("值班手机 13912345678", keep=frozenset({"13912345678"})) == []


def test_a_listed_word_is_found_with_its_suggestion():
    hits = scan_text("请到县国土资源局办理", "正文", words=[Word("国土资源局", "outdated", "自然资源局")])

    assert [(h.kind, h.text, h.suggestion) for h in hits] == [("word", "国土资源局", "自然资源局")]


def test_each_finding_says_where_it_was():
    assert scan_text(ID, "正文 第2块")[0].where == "正文 第2块"
