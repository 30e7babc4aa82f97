"""The public list and page of requests: masked, never any contact data, private ones hidden, few queries."""

import re

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from tests.helpers import building_pages
from townsquare.core import pagecache
from townsquare.core.privacy import mask_text
from townsquare.resident_requests import handling, public, public_numbers
from townsquare.resident_requests.models import RequestPhoto, ResidentRequest

pytestmark = pytest.mark.django_db
LIST_URL = "/liuyan/public/"

NAME = "张三丰"
PHONE = "13912345678"
EMAIL = "zhang.sanfeng@example.com"
ID_NUMBER = "430102199001011234"
CONTACT_PHONE = "13800138000"
CONTACT_EMAIL = "private.box@example.org"
SECRETS = (NAME, PHONE, EMAIL, ID_NUMBER, CONTACT_PHONE, CONTACT_EMAIL, "zhang.sanfeng@", "private.box@")


def html(response):
    return response.content.decode()


def public_url(request):
    return f"/liuyan/public/{request.tracking_number}/"


def published(desk, answer="", **fields):
    """A public request a unit has accepted (and answered, if ``answer``)."""
    request, _ = desk.file(**fields)
    staff = desk.county.town_a.editor
    handling.accept(request, staff)
    if answer:
        handling.answer(request, answer, staff)
    return request


@pytest.fixture
def personal(desk):
    """A request whose sender typed their personal data everywhere, answered with it too."""
    request = published(
        desk,
        title=f"{NAME}反映路灯，电话{PHONE}",
        details=f"我是{NAME}，电话{PHONE}，身份证{ID_NUMBER}，邮箱{EMAIL}。东街口路灯坏了。",
        address=f"东街12号{NAME}家门口",
        contact_name=NAME,
        contact_phone=CONTACT_PHONE,
        contact_email=CONTACT_EMAIL,
        answer=f"{NAME}您好，路灯已修好，回访电话{PHONE}。",
    )
    handling.rate(request, "satisfied", f"谢谢，{NAME}，有事打{PHONE}")
    return request


def test_public_pages_never_show_phone_email_id_number_or_full_name(client, personal):
    pages = {
        "list": html(client.get(LIST_URL)),
        "detail": html(client.get(public_url(personal))),
        "search": html(client.get(LIST_URL, {"q": "路灯"})),
    }
    for name, page in pages.items():
        assert personal.tracking_number in page, name
        for secret in SECRETS:
            assert secret not in page, f"{secret} shown on the {name} page"
    detail = pages["detail"]
    for masked in ("张**", "139****5678", "430***********1234", "z***@example.com"):
        assert masked in detail
    assert "路灯已修好" in detail and "东街口路灯坏了" in detail and "满意" in detail


def test_private_requests_are_not_public(client, desk):
    private = published(desk, is_public=False, title="不想公开的事")
    assert client.get(public_url(private)).status_code == 404
    assert "不想公开的事" not in html(client.get(LIST_URL))


def test_requests_no_unit_has_accepted_yet_or_declined_ones_are_not_public(client, desk):
    not_yet_accepted, _ = desk.file(title="刚提交的留言")
    declined, _ = desk.file(title="不予受理的留言")
    handling.decline(declined, "不属于本县受理范围。", desk.county.town_a.editor)
    published(desk, title="已受理的留言")
    page = html(client.get(LIST_URL))
    assert "刚提交的留言" not in page and "不予受理的留言" not in page and "已受理的留言" in page
    assert client.get(public_url(not_yet_accepted)).status_code == 404
    assert client.get(public_url(declined)).status_code == 404


def test_the_list_shows_status_unit_category_and_dates(client, desk):
    open_one = published(desk, title="还在办的事")
    answered = published(desk, title="已经答复的事", answer="已经安排维修。")
    page = html(client.get(LIST_URL))
    assert "还在办的事" in page and "已经答复的事" in page
    assert "办理中" in page and "已答复" in page and "已经安排维修。" in page
    assert desk.roads.unit.name in page and desk.roads.name in page
    due = open_one.answer_due.astimezone(open_one.answer_due.tzinfo)
    assert "预计 <time" in page and f"{due:%Y-%m-%d}" in page
    assert answered.tracking_number in page


def test_search_and_filters(client, desk):
    published(desk, title="东街路灯不亮", details="晚上很黑。")
    published(desk, category=desk.schools, title="入学要带什么", details="户口在外地。", answer="带户口本。")
    titles = lambda response: set(re.findall(r'class="card-title"><a [^>]*>([^<]+)</a>', html(response)))  # noqa: E731
    assert titles(client.get(LIST_URL, {"q": "路灯"})) == {"东街路灯不亮"}
    assert titles(client.get(LIST_URL, {"q": "外地"})) == {"入学要带什么"}
    assert titles(client.get(LIST_URL, {"category": "schools"})) == {"入学要带什么"}
    assert titles(client.get(LIST_URL, {"unit": desk.roads.unit.slug})) == {"东街路灯不亮"}
    assert titles(client.get(LIST_URL, {"status": "answered"})) == {"入学要带什么"}
    assert titles(client.get(LIST_URL, {"status": "open"})) == {"东街路灯不亮"}
    assert titles(client.get(LIST_URL, {"status": "nonsense", "unit": "nowhere"})) == {"东街路灯不亮", "入学要带什么"}
    assert "没有符合条件的留言" in html(client.get(LIST_URL, {"q": "不存在的词"}))


def test_searching_for_personal_data_finds_nothing_and_says_why(client, personal):
    for keyword in (PHONE, ID_NUMBER, EMAIL, NAME, "张三"):
        page = html(client.get(LIST_URL, {"q": keyword}))
        assert personal.tracking_number not in page, keyword
    assert "像是电话、身份证号或邮箱" in html(client.get(LIST_URL, {"q": PHONE}))


def test_a_merged_duplicate_points_to_the_main_case(client, desk):
    main = published(desk, title="东街路灯不亮", answer="已修好。")
    duplicate, _ = desk.file(title="东街路灯也坏了")
    handling.merge(duplicate, main, desk.county.town_a.editor)
    page = html(client.get(public_url(duplicate)))
    assert "已并案" in page and main.tracking_number in page and public_url(main) in page


def test_the_public_page_shows_only_public_steps_of_the_timeline(client, desk):
    request = published(desk, answer="已修好。")
    handling.add_note(request, "内部备注：找城管协调", desk.county.town_a.editor)
    page = html(client.get(public_url(request)))
    assert "提交留言" in page and "受理" in page and "答复" in page
    assert "内部备注" not in page


def test_each_step_of_the_timeline_reads_as_one_chinese_line(client, desk):
    request, _ = desk.file()
    staff, town = desk.county.town_a.editor, desk.roads.unit.name
    handling.accept(request, staff)
    handling.ask_for_information(request, "是哪一盏路灯？", staff)
    handling.add_information(request, "东街口第三盏。")
    handling.answer(request, "已修好。", staff)
    handling.rate(request, "satisfied", "修得很快，有事打13900002222")
    page = html(client.get(public_url(request)))
    steps = re.findall(r'<p class="timeline-step">(.*?)</p>', page)
    assert steps == [
        f"居民提交留言，交{town}办理",
        f"{town}受理",
        f"{town}请居民补充情况",
        "居民补充了情况",
        f"{town}作出答复",
        "居民评价：满意",
    ]
    assert "修得很快，有事打139****2222" in page and "13900002222" not in page  # the comment, masked


def test_photos_are_never_on_public_pages(client, desk):
    """Faces and licence plates cannot be masked: a public request shows its text, never its photos."""
    from django.core.files.base import ContentFile

    request = published(desk)
    photo = RequestPhoto.objects.create(request=request, image=ContentFile(b"x", name="abc.jpg"), width=10, height=10)
    page = html(client.get(public_url(request)))
    assert "request-photos" not in page and "abc" not in page and f"/{photo.pk}/" not in page
    assert client.get(f"/liuyan/photo/{request.tracking_number}/{photo.pk}/").status_code == 404


def rebuilt_results():
    """The list's results built again, as after a change to any request (the kept fragment is dropped)."""
    pagecache.invalidate(pagecache.table_tag(ResidentRequest))


def count_queries(client, url):
    """Queries of building the page and its results (not of serving them from the cache)."""
    rebuilt_results()
    with building_pages(), CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries)


def test_the_list_needs_as_many_queries_for_3_requests_as_for_30(client, desk):
    for i in range(3):
        published(desk, title=f"第{i}件", answer="已办。" if i % 2 else "")
    client.get(LIST_URL)  # warm the site-wide caches (header, footer)
    few = count_queries(client, LIST_URL)
    for i in range(3, 30):
        category = desk.schools if i % 3 else desk.roads
        published(desk, category=category, title=f"第{i}件", answer="已办。" if i % 2 else "")
    many = count_queries(client, LIST_URL)
    assert few == many, (few, many)
    assert many <= 4
    assert count_queries(client, LIST_URL + "?page=2&q=件&status=answered") <= 4


def test_the_detail_page_needs_a_fixed_number_of_queries(client, desk):
    request = published(desk, answer="已修好。")
    client.get(public_url(request))
    few = count_queries(client, public_url(request))
    for i in range(10):
        handling.add_note(request, f"备注{i}", desk.county.town_a.editor)
    handling.rate(request, "satisfied")
    assert count_queries(client, public_url(request)) == few


# --- Public service numbers stay visible, residents' numbers do not ---------------------------------------


@pytest.fixture
def _fresh_public_numbers():
    public_numbers.forget()
    yield
    public_numbers.forget()


@pytest.mark.usefixtures("_fresh_public_numbers")
def test_a_units_own_number_in_a_reply_stays_visible_on_public_pages(client, desk):
    unit = desk.county.town_a.unit
    unit.phone = "0731-84561234，0731-84560000"
    unit.save()
    request, _ = desk.file(details="我的电话0731-87654321，手机13912345678。")
    handling.accept(request, desk.county.town_a.editor)
    handling.answer(
        request,
        "已派人维修。有问题请拨打青禾镇政府0731-84561234或0731-84560000，也可拨12345；已回电0731-87654321。",
        desk.county.town_a.editor,
    )
    page = html(client.get(f"/liuyan/public/{request.tracking_number}/"))
    assert "0731-84561234" in page and "0731-84560000" in page and "12345" in page
    assert "87654321" not in page and "13912345678" not in page
    assert "0731-****4321" in page and "139****5678" in page


@pytest.mark.usefixtures("_fresh_public_numbers")
@override_settings(REQUEST_PUBLIC_NUMBERS=["12345", "0731-88886666"])
def test_numbers_from_the_setting_stay_visible(desk):
    request, _ = desk.file()
    request.reply = "请拨打县信访局0731-88886666。留言人电话0731-88887777。"
    shown = public.Shown(request)
    assert "0731-88886666" in shown.reply and "88887777" not in shown.reply


@pytest.mark.usefixtures("_fresh_public_numbers")
def test_a_changed_unit_number_is_picked_up_at_once(desk):
    unit = desk.county.town_b.unit
    assert "0731-23456789" not in mask_text("请拨0731-23456789")
    unit.phone = "0731-23456789"
    unit.save()
    assert "0731-23456789" in mask_text("请拨0731-23456789")


@pytest.mark.usefixtures("_fresh_public_numbers")
def test_the_allow_list_is_read_once_not_per_text(desk, django_assert_num_queries):
    with django_assert_num_queries(len(public_numbers.published_contact_sources())):
        for _ in range(50):
            mask_text("请拨打0731-84561234，我的手机13912345678")
    public_numbers.forget_memo()  # another process: the shared cache has it
    with django_assert_num_queries(0):
        mask_text("13912345678")


@pytest.mark.usefixtures("_fresh_public_numbers")
def test_the_public_list_costs_the_same_queries_with_many_answers(client, desk, django_assert_max_num_queries):
    def answered(n):
        request, _ = desk.file(title=f"第{n}条")
        handling.accept(request, desk.county.town_a.editor)
        handling.answer(request, "请拨打0000-1234567咨询。", desk.county.town_a.editor)

    answered(0)
    client.get("/liuyan/public/")
    rebuilt_results()
    with building_pages(), CaptureQueriesContext(connection) as few:
        client.get("/liuyan/public/")
    for n in range(1, 8):
        answered(n)
    rebuilt_results()
    with building_pages(), django_assert_max_num_queries(len(few.captured_queries)):
        page = html(client.get("/liuyan/public/"))
    assert "0000-1234567" in page
