"""The shapes of the API's answers (field names English, descriptions for the people reading the docs)."""

from datetime import date, datetime

from ninja import Field, Schema


class Error(Schema):
    detail: str = Field(description="出错原因（中文）")


class UnitRef(Schema):
    slug: str
    name: str


class Unit(Schema):
    slug: str
    name: str
    short_name: str
    kind: str = Field(description="county 县 / town 镇 / street 街道 / department 部门 / village 村（社区）")
    kind_label: str
    parent: str | None = Field(description="上级单位的 slug")
    address: str
    phone: str = Field(description="单位公开的办公电话")
    office_hours: str


class UnitList(Schema):
    items: list[Unit]


class Page(Schema):
    id: int
    type: str = Field(
        description="news 新闻 / notice 通知公告 / publicity 公示 / policy 政策文件 / "
        "interpretation 政策解读 / topic 专题"
    )
    title: str
    summary: str
    unit: UnitRef | None
    published_at: datetime | None
    url: str = Field(description="网站上的地址")


class PageList(Schema):
    items: list[Page]
    next: str | None = Field(description="下一页的完整地址；没有下一页时为 null")
    next_cursor: str | None


class Fact(Schema):
    label: str
    value: str


class PageDetail(Page):
    body_html: str = Field(description="正文，已净化的 HTML")
    facts: list[Fact] = Field(description="文件要素：文号、发文机关、成文日期、公示期等")
    updated_at: datetime | None


class Guide(Schema):
    id: int
    title: str
    summary: str
    unit: UnitRef | None
    visits_label: str = Field(description="跑动次数")
    promised_days: int | None = Field(description="承诺时限（工作日）")
    online_url: str
    url: str


class GuideList(Schema):
    items: list[Guide]
    next: str | None
    next_cursor: str | None


class Material(Schema):
    name: str
    originals: int
    copies: int
    source: str
    required: bool
    note: str


class Step(Schema):
    title: str
    description: str


class Question(Schema):
    question: str
    answer: str


class GuideDetail(Guide):
    applicants: str
    conditions: str
    legal_days: int | None
    time_limit_note: str
    fee_label: str
    fee_standard: str
    place: str
    window: str
    office_hours: str
    transport: str
    consult_phone: str = Field(description="单位公开的咨询电话")
    complaint_phone: str
    materials: list[Material]
    steps: list[Step]
    questions: list[Question]
    legal_basis: list[str]
    reviewed_on: date


class Listing(Schema):
    id: str = Field(description="类别-编号，如 jobs-12")
    kind: str = Field(
        description="jobs 招聘 / rentals 租房 / education 招生 / traffic 交通 / culture 文旅活动 / offers 优惠"
    )
    kind_label: str
    title: str
    town: UnitRef | None
    poster: str = Field(description="发布单位，或“群众提交，已审核”")
    published_at: datetime | None
    expires_at: datetime | None
    facts: list[Fact]
    url: str


class ListingList(Schema):
    items: list[Listing]
    next: str | None
    next_cursor: str | None


class ListingDetail(Listing):
    description: str = Field(description="说明（个人信息已隐去；联系方式只在网站上逐条查看）")
    has_contact: bool


class WeatherWarning(Schema):
    id: str
    title: str
    level: str
    level_label: str
    text: str
    instruction: str
    issued_at: datetime | None
    expires_at: datetime | None


class WeatherPlace(Schema):
    town: str = Field(description="单位 slug")
    name: str
    is_county: bool
    temperature: int | None
    text: str
    fetched_at: datetime | None
    is_stale: bool = Field(description="数据已过时（超过规定时间未更新）")
    warnings: list[WeatherWarning]


class Weather(Schema):
    places: list[WeatherPlace]


class Request(Schema):
    tracking_number: str
    title: str
    summary: str
    type_label: str
    category: str
    unit: UnitRef
    status: str
    status_label: str
    received_at: datetime
    answered_at: datetime | None
    reply_summary: str
    url: str


class RequestList(Schema):
    items: list[Request]
    next: str | None
    next_cursor: str | None


class RequestEvent(Schema):
    at: datetime
    label: str
    note: str


class MainCase(Schema):
    tracking_number: str
    status_label: str
    unit: str
    reply: str


class RequestDetail(Request):
    details: str
    address: str
    reply: str
    rating_label: str
    events: list[RequestEvent]
    merged_into: MainCase | None


class RequestMonth(Schema):
    month: int
    received: int | None = Field(description="尚未开始的月份为 null")
    answered: int | None
    response_rate: float | None = Field(description="按时受理率（%），无可计算时为 null")
    on_time_rate: float | None
    satisfied_rate: float | None


class RequestFigures(Schema):
    received: int
    merged: int
    declined: int
    answered: int
    still_open: int
    overdue_open: int
    rated: int
    response_rate: float | None
    on_time_rate: float | None
    solved_rate: float | None
    satisfied_rate: float | None
    average_days: float | None
    average_working_days: float | None


class RequestUnitFigures(Schema):
    unit: UnitRef | None = Field(description="null 为全县合计")
    label: str
    total: RequestFigures
    months: list[RequestMonth]


class RequestStatistics(Schema):
    year: int
    years: list[int]
    rows: list[RequestUnitFigures]


class DisclosureMonth(Schema):
    month: int
    received: int
    answered: int
    on_time: int
    by_outcome: dict[str, int]


class DisclosureStatistics(Schema):
    year: int
    unit: UnitRef | None
    outcome_labels: dict[str, str]
    months: list[DisclosureMonth]
    total: DisclosureMonth
