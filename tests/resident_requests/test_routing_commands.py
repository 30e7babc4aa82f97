"""manage.py train_routing and evaluate_routing."""

import re

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from townsquare.resident_requests.routing import data, predictor

from .test_routing import TOY, toy_model

LAST_LINE = re.compile(r"^accuracy=(\d\.\d{4}) macro_f1=(\d\.\d{4})$")


@pytest.fixture(autouse=True)
def model_path(settings, tmp_path):
    settings.ROUTING_MODEL_PATH = tmp_path / "routing" / "model.joblib"
    predictor.clear_cache()
    yield settings.ROUTING_MODEL_PATH
    predictor.clear_cache()


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue().rstrip("\n").splitlines()


def test_evaluate_routing_prints_accuracy_and_macro_f1_last(model_path, tmp_path):
    toy_model().save(model_path)
    sample = tmp_path / "sample.tsv"
    # Six messages right by construction, one labelled wrongly on purpose: accuracy 6/7.
    lines = [f"{text}\t{label}" for text, label in TOY[::2][:6]] + [f"{TOY[1][0]}\t5"]
    sample.write_text("\n".join(lines) + "\n", encoding="utf-8")
    output = run("evaluate_routing", str(sample))
    match = LAST_LINE.match(output[-1])
    assert match, output[-1]
    assert match.group(1) == "0.8571"
    assert any("训练数据里" in line for line in output)  # these messages were trained on: the result is flagged


def test_evaluate_routing_reads_the_xlsx_layout(model_path, tmp_path):
    toy_model().save(model_path)
    book = openpyxl.Workbook()
    book.active.append(["留言编号", "留言主题", "留言详情", "一级分类"])
    book.active.append([1, "孩子入学难", "\n\t\t学校乱收费，教师补课", "教育文体"])
    book.active.append([2, "公交线路太少", "出租车拒载，交通不便", "交通运输"])
    book.active.append([3, None, None, None])
    book.save(tmp_path / "sample.xlsx")
    output = run("evaluate_routing", str(tmp_path / "sample.xlsx"))
    assert output[-1] == "accuracy=1.0000 macro_f1=1.0000"


def test_evaluate_routing_without_a_model_says_so(tmp_path):
    sample = tmp_path / "sample.tsv"
    sample.write_text("路灯坏了\t0\n", encoding="utf-8")
    with pytest.raises(CommandError, match="还没有训练好的智能分拨模型"):
        call_command("evaluate_routing", str(sample))


def test_evaluate_routing_rejects_a_bad_file(model_path, tmp_path):
    toy_model().save(model_path)
    sample = tmp_path / "sample.tsv"
    sample.write_text("路灯坏了 没有制表符\n", encoding="utf-8")
    with pytest.raises(CommandError, match="没有制表符"):
        call_command("evaluate_routing", str(sample))


def test_train_routing_without_the_data_folder_fails_in_chinese(tmp_path, model_path):
    with pytest.raises(CommandError, match="找不到数据集目录"):
        call_command("train_routing", datasets=str(tmp_path / "nowhere"))
    assert not model_path.exists()


@pytest.mark.django_db
def test_train_routing_on_a_small_folder(tmp_path, model_path):
    folder = tmp_path / "messages"
    folder.mkdir()
    book = openpyxl.Workbook()
    book.active.append(["留言主题", "留言详情", "一级分类"])
    for text, label in TOY:
        book.active.append([text[:6], text, data.LABELS[label]])
    book.save(folder / data.LABELLED_XLSX)
    (folder / data.LABELLED_TSV).write_text(
        "".join(f"{text}，麻烦尽快处理，谢谢\t{label}\n" for text, label in TOY), encoding="utf-8"
    )
    output = run("train_routing", "--datasets", str(tmp_path))
    assert model_path.is_file() and str(model_path) in output[-1]
    assert any("去掉近似重复 14 条" in line for line in output)  # the TSV repeats the sheet's messages
    model = predictor.get_model()
    assert model.info["labelled"] == 14 and model.info["class_counts"] == [2] * 7
    label, score = model.ranked("学校", "孩子入学难，学校乱收费")[0]
    assert label in data.LABELS and 0 < score <= 1


def test_train_routing_if_missing_skips_quietly(tmp_path, model_path):
    assert run("train_routing", "--if-missing", "--datasets", str(tmp_path / "nowhere")) == []
    assert not model_path.exists()
    toy_model().save(model_path)
    before = model_path.stat().st_mtime_ns
    assert run("train_routing", "--if-missing") == []
    assert model_path.stat().st_mtime_ns == before


SELECTIVE_LINE = re.compile(r"^selective_accuracy=(\d\.\d{4}|nan) coverage=(\d\.\d{4}) threshold=(\d\.\d{2})$")


def test_evaluate_routing_prints_selective_accuracy_before_the_last_line(model_path, tmp_path, settings):
    settings.ROUTING_SUGGEST_MIN_CONFIDENCE = 0.0  # every message counts as confident: coverage 1
    toy_model().save(model_path)
    sample = tmp_path / "sample.tsv"
    sample.write_text("".join(f"{text}\t{label}\n" for text, label in TOY), encoding="utf-8")
    match = SELECTIVE_LINE.match(run("evaluate_routing", str(sample))[-2])
    assert match and match.groups()[1:] == ("1.0000", "0.00")


def test_evaluate_routing_prints_the_accuracy_on_the_70_percent_most_sure(model_path, tmp_path):
    toy_model().save(model_path)
    sample = tmp_path / "sample.tsv"
    sample.write_text("".join(f"{text}\t{label}\n" for text, label in TOY), encoding="utf-8")
    assert run("evaluate_routing", str(sample))[-3].startswith("最有把握的 70% 留言")


@pytest.mark.django_db
def test_train_routing_learns_from_staff_corrections(tmp_path, model_path, desk, county):
    from townsquare.resident_requests import handling

    request, _ = desk.file(title="学校乱收费", details="学校乱收费，请教育局查一查。")
    handling.accept(request, county.town_a.editor)  # staff keep it under 道路照明 (城乡建设)
    folder = tmp_path / "messages"
    folder.mkdir()
    book = openpyxl.Workbook()
    book.active.append(["留言主题", "留言详情", "一级分类"])
    for text, label in TOY:
        book.active.append([text[:6], text, data.LABELS[label]])
    book.save(folder / data.LABELLED_XLSX)
    (folder / data.LABELLED_TSV).write_text("", encoding="utf-8")
    run("train_routing", "--datasets", str(tmp_path))
    assert predictor.get_model().info["labelled"] == 15
