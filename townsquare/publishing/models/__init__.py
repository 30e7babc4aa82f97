"""Page types of the county platform: the tree's frame (homes, columns), publications and policies."""

from ..blocks import RICH_TEXT_FEATURES, BodyBlock, GraphicBlock, QuestionAnswerBlock
from .articles import (
    CARD_RENDITION,
    ArticleForm,
    ArticlePage,
    NewsPage,
    NoticePage,
    PublicityPage,
    TopicItem,
    TopicPage,
    UnitOwnedMixin,
    images_with_card_renditions,
)
from .policies import InterpretationPage, PolicyAttachment, PolicyPage, PolicyTopic
from .review import FinalReviewTask
from .tree import LIST_PAGE_SIZE, HomeBase, HomePage, SectionPage, UnitHomePage, UpdateRecord

ARTICLE_MODELS = (NewsPage, NoticePage, PublicityPage, PolicyPage, InterpretationPage, TopicPage)

__all__ = [
    "ARTICLE_MODELS",
    "CARD_RENDITION",
    "LIST_PAGE_SIZE",
    "RICH_TEXT_FEATURES",
    "ArticleForm",
    "ArticlePage",
    "BodyBlock",
    "FinalReviewTask",
    "GraphicBlock",
    "HomeBase",
    "HomePage",
    "InterpretationPage",
    "NewsPage",
    "NoticePage",
    "PolicyAttachment",
    "PolicyPage",
    "PolicyTopic",
    "PublicityPage",
    "QuestionAnswerBlock",
    "SectionPage",
    "TopicItem",
    "TopicPage",
    "UnitHomePage",
    "UnitOwnedMixin",
    "UpdateRecord",
    "images_with_card_renditions",
]
