"""Smart routing (智能分拨): text handling, reading the data, suggestions with and without a model, adopting one."""

import numpy as np
import openpyxl
import pytest
from django.conf import settings
from django.urls import reverse

from townsquare.resident_requests.models import Category, RequestEvent
from townsquare.resident_requests.routing import data, predictor, suggest_category, training
from townsquare.resident_requests.routing.model import RoutingModel
from townsquare.resident_requests.routing.text import chars, join_title, normalize_text, tokenize

Action = RequestEvent.Action

# Tiny synthetic training set: enough for the pipeline to work end to end, not a measure of quality.
TOY = [
    ("小区门口道路坑洼，路灯也不亮，请城管维修", 0),
    ("拆迁安置房迟迟不交房，物业管理混乱", 0),
    ("化工厂排放废气，河水被污染发臭", 1),
    ("工地夜间施工噪音扰民，环保部门管管", 1),
    ("公交线路太少，出租车拒载，交通不便", 2),
    ("高速公路收费站拥堵，客运班车停运", 2),
    ("孩子入学难，学校乱收费，教师补课", 3),
    ("学区划分不合理，小学招生名额太少", 3),
    ("公司拖欠工资，不给缴纳社保养老保险", 4),
    ("退休金发放太低，医保报销难", 4),
    ("超市卖过期食品，商家虚假宣传传销", 5),
    ("景区门票涨价，旅游市场欺客宰客", 5),
    ("医院乱收费，医生态度差，看病难", 6),
    ("计划生育奖励没发，独生子女费没领到", 6),
]


def toy_model():
    texts = [normalize_text(text) for text, _ in TOY] * 3
    labels = [label for _, label in TOY] * 3
    return RoutingModel.train(texts, labels)


@pytest.fixture(autouse=True)
def no_model(settings, tmp_path):
    """No trained model unless a test saves one here; the process cache starts empty."""
    settings.ROUTING_MODEL_PATH = tmp_path / "routing" / "model.joblib"
    predictor.clear_cache()
    yield settings.ROUTING_MODEL_PATH
    predictor.clear_cache()


# --- Text ---------------------------------------------------------------------------------------


def test_normalize_text_folds_width_case_escapes_and_whitespace():
    assert normalize_text("\n\t\t\tＡ市　ＡＢＣ１２３，路灯_x000D_\n坏了！ ") == "a市 abc123,路灯 坏了!"
    assert normalize_text(None) == ""
    assert normalize_text(42) == "42"


def test_join_title_puts_the_subject_first_once():
    assert join_title("路灯坏了", "东街口路灯坏了一周") == "路灯坏了。东街口路灯坏了一周"
    assert join_title("路灯坏了", "路灯坏了，一周了") == "路灯坏了,一周了"
    assert join_title("", "  内容 ") == "内容"
    assert join_title(None, None) == ""


def test_tokenize_and_chars_fold_digit_runs():
    words = tokenize(normalize_text("2019年12月，东街口路灯坏了！"))
    assert "0" in words and "路灯" in words and "!" not in words and "," not in words
    assert chars("a3区 12号") == "a0区0号"


# --- Data ---------------------------------------------------------------------------------------


def test_labels_as_index_number_or_name():
    assert [data.label_index(v) for v in (3, "3", 3.0, " 教育文体 ", np.int64(6))] == [3, 3, 3, 3, 6]
    for bad in (7, "7", -1, 2.5, "教育", None):
        with pytest.raises(ValueError):
            data.label_index(bad)


def test_reading_a_tsv_and_its_errors(tmp_path):
    good = tmp_path / "good.tsv"
    good.write_text("路灯坏了\t0\n\n学校收费\t3\n", encoding="utf-8")
    assert data.read_labelled_file(good) == (["路灯坏了", "学校收费"], [0, 3])
    bad = tmp_path / "bad.tsv"
    bad.write_text("路灯坏了\t9\n", encoding="utf-8")
    with pytest.raises(data.DatasetError, match="第 1 行.*无效"):
        data.read_labelled_file(bad)
    other = tmp_path / "good.csv"
    other.write_text("路灯坏了,0\n", encoding="utf-8")
    with pytest.raises(data.DatasetError, match="不支持的文件类型"):
        data.read_labelled_file(other)
    with pytest.raises(data.DatasetError, match="找不到文件"):
        data.read_labelled_file(tmp_path / "missing.tsv")


def test_near_duplicates_are_grouped_and_conflicts_dropped():
    texts = [
        "东街口的路灯坏了一个星期,晚上很黑,请尽快修好。",
        "尊敬的领导:东街口的路灯坏了一个星期,晚上很黑,请尽快修好。谢谢",
        "学校食堂的饭菜太贵,孩子吃不饱,希望教育局管一管。",
        "学校食堂的饭菜太贵,孩子吃不饱,希望教育局管一管!",
        "公司拖欠工资半年,老板跑路了,请劳动监察大队帮忙。",
    ]
    groups = data.duplicate_groups(texts)
    assert groups[0] == groups[1] and groups[2] == groups[3] and len(set(groups)) == 3
    kept = data.dedupe(texts, [0, 0, 3, 4, 4])
    assert kept.texts == [texts[0], texts[4]] and kept.labels == [0, 4] and kept.dropped_conflicts == 1


def test_the_data_set_keeps_its_near_duplicates_only_when_asked(tmp_path):
    folder = tmp_path / "messages"
    folder.mkdir()
    book = openpyxl.Workbook()
    book.active.append(["留言主题", "留言详情", "一级分类"])
    book.active.append(["路灯", "东街口的路灯坏了一个星期,晚上很黑,请尽快修好。", "城乡建设"])
    book.save(folder / data.LABELLED_XLSX)
    (folder / data.LABELLED_TSV).write_text("东街口的路灯坏了一个星期,晚上很黑,请尽快修好。谢谢\t0\n", encoding="utf-8")
    assert len(data.load_labelled_dataset(tmp_path).texts) == 1
    assert len(data.load_labelled_dataset(tmp_path, deduplicate=False).texts) == 2


# --- Suggestions ------------------------------------------------------------------------------------


def test_without_a_model_keywords_suggest_a_category(desk):
    assert suggest_category("学校收费太高", "孩子入学要交赞助费") == (desk.schools, None)
    assert suggest_category("路灯", "东街口路灯坏了") == (desk.roads, None)
    assert suggest_category("你好", "谢谢你们") == (None, None)


@pytest.mark.parametrize(
    "title, details",
    [(None, None), ("", ""), (123, 4.5), ("\x00\ufffd", "🙂" * 3), ("路灯", "很长" * 5000), (["x"], {"y": 1})],
)
def test_odd_input_never_raises(desk, title, details):
    category, score = suggest_category(title, details)
    assert category is None or isinstance(category, Category)


def test_a_broken_model_file_falls_back_to_keywords(desk, no_model):
    no_model.parent.mkdir(parents=True)
    no_model.write_bytes(b"not a model")
    assert suggest_category("学校", "入学") == (desk.schools, None)


def test_with_a_model_the_class_picks_the_category(desk, county, no_model):
    toy_model().save(no_model)
    other = Category.objects.create(
        code="fees", name="学校收费", unit=county.town_a.unit, routing_label="教育文体", keywords="收费 赞助费"
    )
    category, score = suggest_category("学区划分", "孩子入学，学校招生名额太少")
    assert category == desk.schools and 0 < score <= 1  # its keywords occur
    category, _ = suggest_category("教师补课", "老师周末补课乱收费，还要交赞助费")
    assert category == other  # more of this one's keywords occur
    category, _ = suggest_category("教师补课", "老师周末补课")
    assert category == desk.schools  # no keyword: the first in sort order
    Category.objects.filter(routing_label="教育文体").update(active=False)
    assert suggest_category("教师补课", "老师周末补课") == (None, None)  # no category of that class, no keyword


def test_submission_stores_the_suggestion(desk, no_model):
    toy_model().save(no_model)
    request, _ = desk.file(title="学区划分问题", details="孩子明年上小学，学区划分不合理，招生名额太少。")
    request.refresh_from_db()
    assert request.category == desk.roads and request.unit == desk.roads.unit  # the resident's choice stands
    assert request.suggested_category == desk.schools and 0 < request.suggestion_score <= 1


def test_the_model_is_loaded_once_per_process(no_model, monkeypatch):
    toy_model().save(no_model)
    loads = []
    real = RoutingModel.load.__func__
    monkeypatch.setattr(RoutingModel, "load", classmethod(lambda cls, path: loads.append(path) or real(cls, path)))
    first = predictor.get_model()
    assert predictor.get_model() is first and len(loads) == 1


# --- Staff confirm or change ---------------------------------------------------------------------


def detail(request):
    return reverse("resident_requests_detail", args=[request.pk])


def test_the_inbox_shows_the_suggestion_and_adopting_transfers(client, desk, county):
    request, _ = desk.file()
    request.suggested_category, request.suggestion_score = desk.schools, 0.96
    request.save()
    client.force_login(county.county.editor)
    page = client.get(detail(request)).content.decode()
    assert f"<strong>{desk.schools.name}（{desk.schools.unit}）</strong>，置信度 96%" in page
    client.post(detail(request), {"action": "adopt"})
    request.refresh_from_db()
    assert request.unit == desk.schools.unit and request.category == desk.schools
    event = request.events.order_by("-pk").first()
    assert event.action == Action.TRANSFERRED and event.note.endswith("按智能分拨建议改派")


def test_adopting_within_the_same_unit_changes_the_category(client, desk, county, town_a):
    lamps = Category.objects.create(code="lamps", name="路灯维修", unit=desk.roads.unit, routing_label="城乡建设")
    request, _ = desk.file()
    request.suggested_category, request.suggestion_score = lamps, 0.96
    request.save()
    client.force_login(town_a.editor)
    page = client.get(detail(request)).content.decode()
    assert 'class="rr-suggestion"' in page and "采纳建议，分类改为“路灯维修”" in page
    client.post(detail(request), {"action": "adopt"})
    request.refresh_from_db()
    assert request.category == lamps and request.unit == desk.roads.unit
    event = request.events.order_by("-pk").first()
    assert event.action == Action.NOTE and "路灯维修" in event.note and not event.is_public
    assert 'class="rr-suggestion"' not in client.get(detail(request)).content.decode()  # nothing left to adopt


# --- Real data (skipped without the shared data set) -------------------------------------------------

# The issue's target is 0.92; measured on this split (seed 0, 80/20, 437 test messages) the model reaches
# 0.856 and plain TF-IDF + LinearSVC 0.849 (bench/routing_eval.py). This floor catches regressions only.
HELD_OUT_ACCURACY_FLOOR = 0.84


@pytest.fixture(scope="module")
def real_split():
    try:
        dataset = training.load_dataset()
    except data.DatasetError as error:
        pytest.skip(f"共享数据集不在（{error}）：跳过用真实留言训练的测试")
    train_index, test_index = training.held_out_split(dataset, seed=0)
    model = RoutingModel.train([dataset.texts[i] for i in train_index], dataset.labels[train_index])
    return dataset, train_index, test_index, model


def test_held_out_accuracy_on_real_messages(real_split):
    dataset, train_index, test_index, model = real_split
    groups = data.duplicate_groups(dataset.texts)
    assert not set(groups[train_index]) & set(groups[test_index])  # no near-duplicate on both sides
    predicted = model.predict([dataset.texts[i] for i in test_index])
    accuracy = float(np.mean(predicted == dataset.labels[test_index]))
    assert accuracy >= HELD_OUT_ACCURACY_FLOOR, accuracy


def test_the_issues_examples_get_no_wrong_confident_suggestion(real_split, county, monkeypatch):
    """The pothole on 禾丰路 and the rubbish station, with the demo's categories and a model of real messages."""
    from townsquare.demo.content.requests import CATEGORIES, TOWN_CATEGORIES
    from townsquare.resident_requests.routing import suggestions

    for code, name, _, label, _, keywords in CATEGORIES:
        Category.objects.create(code=code, name=name, unit=county.county.unit, routing_label=label, keywords=keywords)
    for suffix, name, label, _, keywords in TOWN_CATEGORIES:
        Category.objects.create(code=suffix, name=name, unit=county.town_a.unit, routing_label=label, keywords=keywords)
    monkeypatch.setattr(suggestions, "get_model", lambda: real_split[3])
    wrong = {
        "gongjiao-xianlu": suggest_category("禾丰路有个大坑", "青禾镇禾丰路中段路面坑洼，下雨积水，骑车差点摔倒。"),
        "wuye-xiaoqu": suggest_category("垃圾站清运不及时", "小区旁边的垃圾站好几天没有清运，垃圾堆满了，臭味很大。"),
    }
    threshold = settings.ROUTING_SUGGEST_MIN_CONFIDENCE
    confident = [code for code, (found, score) in wrong.items() if found and found.code == code and score >= threshold]
    assert confident == []
