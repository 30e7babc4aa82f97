"""``manage.py group_messages FILE``: one ``id<TAB>group`` line per message of a .tsv with a header."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

ROWS = [
    ("m1", "丽发新城小区旁建搅拌站噪音扰民，灰尘很大", "2019-12-01"),
    ("m2", "投诉丽发新城附近搅拌站噪音粉尘污染", "2019/12/3 10:00:00"),
    ("m3", "X205路公交车夏天不开空调", "2019-12-05"),
]


def run(path):
    out = StringIO()
    call_command("group_messages", str(path), stdout=out)
    return [line.split("\t") for line in out.getvalue().splitlines()]


def write(tmp_path, header, rows):
    path = tmp_path / "messages.tsv"
    path.write_text("\n".join(["\t".join(header)] + ["\t".join(row) for row in rows]) + "\n", encoding="utf-8")
    return path


def test_prints_each_id_with_its_group_in_file_order(tmp_path):
    lines = run(write(tmp_path, ("id", "text", "date", "votes"), [(*row, "0") for row in ROWS]))
    assert [line[0] for line in lines] == ["m1", "m2", "m3"]


def test_similar_messages_share_a_group_and_others_get_their_own(tmp_path):
    groups = dict(run(write(tmp_path, ("id", "text"), [row[:2] for row in ROWS])))
    assert groups["m1"] == groups["m2"] != groups["m3"]


def test_a_header_without_text_is_refused(tmp_path):
    with pytest.raises(CommandError):
        run(write(tmp_path, ("id", "body"), [row[:2] for row in ROWS]))
