"""The blocks a publication's body is written in: text, pictures with their alt text, questions and answers."""

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "ol", "ul", "link", "document-link", "image", "hr"]


class GraphicBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="图片")
    alt = blocks.CharBlock(
        label="替代文字", max_length=200, help_text="为看不到图片的读者描述图片内容（读屏软件会读出）。"
    )
    caption = blocks.CharBlock(label="图注", required=False, max_length=200)

    class Meta:
        icon = "image"
        label = "图片/图解"
        template = "publishing/blocks/graphic.html"


class QuestionAnswerBlock(blocks.StructBlock):
    question = blocks.CharBlock(label="问", max_length=200)
    answer = blocks.RichTextBlock(label="答", features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = "问答"
        template = "publishing/blocks/qa.html"


class BodyBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(label="正文", features=RICH_TEXT_FEATURES)
    graphic = GraphicBlock()
    qa = QuestionAnswerBlock()
