from townsquare.core.privacy import contact_keys, mask_name, mask_text


def test_phone_numbers_inside_text_are_masked():
    masked = mask_text("请打我电话13812345678或者 138-1234-5678，座机0999-6123456。")
    assert "13812345678" not in masked and "1234-5678" not in masked and "6123456" not in masked
    assert "138****5678" in masked
    assert "0999-****3456" in masked


def test_id_numbers_are_masked_but_ordinary_numbers_stay():
    masked = mask_text("身份证号11010519491231002X，编号2026112800012，金额300元")
    assert "11010519491231002X" not in masked
    assert masked.startswith("身份证号110") and "002X" in masked
    assert "300元" in masked


def test_email_and_names_are_masked():
    masked = mask_text("我是王小明，邮箱 wxm2026@example.com，王小明的母亲", names=["王小明"])
    assert "王小明" not in masked and "wxm2026" not in masked
    assert "王**" in masked and "w***@example.com" in masked


def test_mask_name():
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳娜娜") == "欧***"
    assert mask_name("") == ""


def test_mask_text_keeps_numbers_on_the_allow_list_only():
    keep = contact_keys("0731-84561234，12345") | {"office@town.gov.cn"}
    text = "请拨打镇政府0731-84561234或12345，邮箱office@town.gov.cn；留言人0731-87654321、13912345678、li@example.com"
    masked = mask_text(text, keep=keep)
    assert "0731-84561234" in masked and "12345，" in masked and "office@town.gov.cn" in masked
    assert "87654321" not in masked and "13912345678" not in masked and "li@example.com" not in masked
    assert "0731-****4321" in masked and "139****5678" in masked
    # Written differently, the unit's number is still recognised (same digits).
    assert mask_text("电话 073184561234", keep=keep) == "电话 073184561234"


def test_an_id_number_next_to_latin_letters_is_masked():
    assert "110101199003071234" not in mask_text("sfz110101199003071234")


def test_full_width_mobile_digits_are_masked():
    assert mask_text("电话１３８１２３４５６７８") == "电话138****5678"


def test_an_email_with_a_full_width_at_sign_is_masked():
    assert "wxm2026" not in mask_text("邮箱wxm2026＠example.com")


def test_a_dotted_mobile_number_is_masked():
    assert mask_text("电话138.1234.5678") == "电话138****5678"


def test_a_spaced_mobile_number_is_masked():
    assert mask_text("电话138 1234 5678") == "电话138****5678"


def test_full_width_punctuation_around_a_masked_number_stays():
    assert mask_text("（电话：13812345678）") == "（电话：138****5678）"


def test_a_units_number_stays_visible_when_the_unit_wrote_it_without_area_code():
    keep = contact_keys("6011008")
    assert mask_text("请拨打0999-6011008", keep=keep) == "请拨打0999-6011008"


def test_a_units_number_stays_visible_when_written_in_full_width():
    keep = contact_keys("０９９９－６０１１００８")
    assert mask_text("请拨打0999-6011008", keep=keep) == "请拨打0999-6011008"


def test_a_units_number_in_full_width_in_a_reply_stays_visible():
    keep = contact_keys("0999-6011008")
    assert mask_text("请拨打０９９９－６０１１００８", keep=keep) == "请拨打０９９９－６０１１００８"
