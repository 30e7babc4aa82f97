"""The draft's text as headings and plain paragraphs: each paragraph keeps its block id, the anchor residents
comment on (``#d-<id>``), so that editing other paragraphs does not move a comment to another one."""

from wagtail import blocks


class DraftBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label="章节标题", max_length=100, help_text="如：第一部分 总体目标。")
    paragraph = blocks.TextBlock(label="段落（居民可对这一段提意见）")

    class Meta:
        block_counts = {"paragraph": {"min_num": 1}}


def anchor(block_id):
    return f"d-{str(block_id)[:8]}"
