"""Why a file or an item is refused: a code for the code, a Chinese message for people."""

from django.db import models


class Rejection(models.TextChoices):
    """Each reason an import refuses a file or an item; the label is the message, ``{name}`` filled in."""

    # saved WeChat pages (and any text file)
    BINARY = "binary", "不是网页文件（内容是二进制数据）"
    UNKNOWN_ENCODING = "unknown_encoding", "网页文字编码无法识别（既不是 UTF-8 也不是 GBK）"
    EMPTY_PAGE = "empty_page", "网页文件是空的"
    BROKEN_PAGE = "broken_page", "网页已损坏，无法解析（{error}）"
    NO_BODY = "no_body", "网页里找不到正文（id=js_content）：可能保存不完整，或不是公众号文章"
    NO_TIME = "no_time", "网页里找不到发布时间（var ct）：无法确定原发布日期"
    NO_PAGE_TITLE = "no_page_title", "网页里找不到文章标题"
    EMPTY_BODY = "empty_body", "正文是空的"
    # feeds
    BROKEN_FEED = "broken_feed", "无法解析的 RSS/Atom 文件（{error}）"
    EMPTY_FEED = "empty_feed", "RSS/Atom 文件里没有文章"
    ENTRY_NO_TITLE = "entry_no_title", "缺少标题"
    ENTRY_NO_DATE = "entry_no_date", "缺少发布时间（published/updated）"
    # tables
    BROKEN_JSON = "broken_json", "JSON 格式错误：{error}"
    JSON_NOT_LIST = "json_not_list", "JSON 应是文章列表（或带 items 列表的对象）"
    BROKEN_CSV = "broken_csv", "CSV 格式错误：{error}"
    EMPTY_CSV = "empty_csv", "CSV 文件里没有数据行"
    ROW_NOT_OBJECT = "row_not_object", "这一条不是“字段: 值”的对象"
    ROW_NO_TITLE = "row_no_title", "缺少标题（title）"
    ROW_BAD_DATE = "row_bad_date", "日期（date）缺失或看不懂：{value}"
    # sources: files, zips
    FILE_TOO_BIG = "file_too_big", "文件过大（{size}，上限 {limit}）"
    UNSUPPORTED = "unsupported", "不支持的文件类型：请上传文件夹打包的 .zip、.html、RSS/Atom（.xml）、.csv 或 .json"
    ZIP_BROKEN = "zip_broken", "压缩包已损坏，无法打开（{error}）"
    ZIP_TOO_MANY = "zip_too_many", "压缩包里文件太多（{count} 个，上限 {limit} 个）"
    ZIP_PATH_OUTSIDE = "zip_path_outside", "压缩包里的路径指向目录之外（绝对路径或含 ..），已拒绝"
    ZIP_TARGET_OUTSIDE = "zip_target_outside", "压缩包里的路径指向目录之外，已拒绝"
    ZIP_SYMLINK = "zip_symlink", "压缩包里的符号链接，已拒绝"
    ZIP_RATIO = "zip_ratio", "压缩比异常（{ratio} 倍，上限 {limit} 倍），疑似压缩炸弹，已拒绝"
    ZIP_GREW = "zip_grew", "解压后的大小超过声明或上限，疑似压缩炸弹，已拒绝"
    ZIP_TOTAL = "zip_total", "压缩包解压后总量超过上限（{limit}），其余文件未解压"
    ZIP_ENTRY_BROKEN = "zip_entry_broken", "压缩包里的这个文件已损坏（{error}）"
    # storing
    NO_ACCOUNT = "no_account", "不知道原公众号的名称：请指定原账号"
    NO_HOME = "no_home", "“{unit}”还没有单位主页，无法建立归档栏目"
    DUPLICATE = "duplicate", "已导入过（{first} 存为《{title}》），不重复添加"
    DUPLICATE_CONCURRENT = "duplicate_concurrent", "已导入过（另一次导入刚刚存入）"
    PARSE_CRASHED = "parse_crashed", "处理时出错（{error}）"
    SAVE_CRASHED = "save_crashed", "保存时出错（{error}）"

    def message(self, **details):
        return self.label.format(**details) if details else self.label


# Zip entries refused as attacks are reported even when they are not articles (a refused image
# otherwise just goes missing from its article, which says so).
ZIP_ATTACKS = frozenset(
    {Rejection.ZIP_PATH_OUTSIDE, Rejection.ZIP_TARGET_OUTSIDE, Rejection.ZIP_RATIO, Rejection.ZIP_GREW}
)


class ItemError(Exception):
    """This file or item cannot be imported: ``rejection`` says why, ``str()`` in Chinese."""

    def __init__(self, rejection, **details):
        self.rejection = Rejection(rejection)
        super().__init__(self.rejection.message(**details))
