"""Demo channels: every home page as a platform channel, and the units' external accounts.

- 示范县发布 on WeChat and Weibo, active and fresh;
- 柳塘镇 with two WeChat accounts (the "one account per platform" advice shows);
- 石桥镇's 抖音 account, active but silent for three weeks: a 僵尸账号;
- 青禾镇's WeChat account “青禾镇发布”, stopped with a 停更公告 pointing at 网上的青禾镇, then closed.
  The archive demo imports its articles and calls ``record_merge``.

Looks accounts up by platform and account ID; adds only what is missing. Dates are relative to ``now``.
"""

from django.contrib.auth import get_user_model
from wagtail.models import Page, PageLogEntry

from townsquare.channels.lifecycle import close_channel, register_channel, report_update, suspend_channel
from townsquare.channels.models import Channel
from townsquare.channels.platform import sync_platform_channels
from townsquare.publishing.models import UnitHomePage

from .dates import moment

QINGHE_WECHAT_ID = "gh_6a1f0c9e2b71"
QINGHE_WECHAT_NAME = "青禾镇发布"

# (unit slug, kind, name, account id, responsible person, opened days ago, last update days ago)
ACTIVE = [
    ("shifan", Channel.Kind.WECHAT, "示范县发布", "gh_3c8e51a0d7f2", "刘晓雯", 2890, 0),
    ("shifan", Channel.Kind.WEIBO, "示范县发布", "7312045968", "刘晓雯", 3120, 1),
    ("rongmei", Channel.Kind.DOUYIN, "示范县融媒", "shifanrongmei", "林芳", 1460, 1),
    ("renshe", Channel.Kind.MINIPROGRAM, "示范县社保服务", "wx5d20a7c1e9b3f486", "陈磊", 980, 3),
    ("chengguan", Channel.Kind.WECHAT, "城关街道", "gh_91b4e07c35a8", "宋雨", 1710, 2),
    ("liutang", Channel.Kind.WECHAT, "柳塘镇发布", "gh_0e7d3a5f1c62", "钱小燕", 2200, 4),
    ("liutang", Channel.Kind.WECHAT, "柳塘微生活", "gh_b58c2e9047d1", "钱小燕", 1300, 11),
    # Silent for three weeks: flagged as a 僵尸账号 (more than CHANNEL_ZOMBIE_DAYS).
    ("shiqiao", Channel.Kind.DOUYIN, "石桥印象", "shiqiaoyinxiang", "吴俊", 900, 23),
]

QINGHE_OPENED_DAYS_AGO = 2650
QINGHE_LAST_UPDATE_DAYS_AGO = 48
QINGHE_SUSPENDED_DAYS_AGO = 45
QINGHE_CLOSED_DAYS_AGO = 30


def _user(username):
    return get_user_model().objects.filter(username=username).first()


def _backdate_page(page, when):
    Page.objects.filter(pk=page.pk).update(
        first_published_at=when, last_published_at=when, latest_revision_created_at=when
    )
    page.revisions.update(created_at=when)
    PageLogEntry.objects.filter(page_id=page.pk).update(timestamp=when)


def ensure_qinghe_wechat(units, now, tally):
    """“青禾镇发布”: closed after its 停更公告 sent readers to 网上的青禾镇. Returns the channel."""
    channel = Channel.objects.filter(kind=Channel.Kind.WECHAT, account_id=QINGHE_WECHAT_ID).first()
    tally.count("外部账号", channel is None)
    if channel is not None:
        return channel
    unit = units["qinghe"]
    head = _user("qinghe_head")
    channel = register_channel(
        unit,
        Channel.Kind.WECHAT,
        QINGHE_WECHAT_NAME,
        by=_user("qinghe_editor"),
        now=moment(now, -QINGHE_OPENED_DAYS_AGO, "10:00"),
        account_id=QINGHE_WECHAT_ID,
        responsible_person="李小禾",
        opened_on=moment(now, -QINGHE_OPENED_DAYS_AGO).date(),
    )
    report_update(
        channel,
        moment(now, -QINGHE_LAST_UPDATE_DAYS_AGO).date(),
        by=_user("qinghe_editor"),
        now=moment(now, -QINGHE_LAST_UPDATE_DAYS_AGO, "17:30"),
    )
    suspended_at = moment(now, -QINGHE_SUSPENDED_DAYS_AGO, "09:30")
    notice = suspend_channel(
        channel,
        by=head,
        continues_at="示范县人民政府网站“网上的青禾镇”",
        continues_page=UnitHomePage.objects.filter(unit=unit).first(),
        now=suspended_at,
    )
    _backdate_page(notice, suspended_at)
    tally.count("停更公告", True)
    close_channel(
        channel,
        by=head,
        now=moment(now, -QINGHE_CLOSED_DAYS_AGO, "15:00"),
        detail="已在微信公众平台完成注销，注销回执已存档；原公众号文章将迁入本网站归档。",
    )
    return channel


def ensure_channels(units, now, tally):
    """Platform channels for every home page, the demo's external accounts; returns “青禾镇发布”."""
    created, _updated = sync_platform_channels(now)
    for _ in range(created):
        tally.count("本平台栏目", True)
    if not created:
        tally.count("本平台栏目", False)
    qinghe = ensure_qinghe_wechat(units, now, tally)
    for slug, kind, name, account_id, person, opened, last in ACTIVE:
        unit = units.get(slug)
        if unit is None:
            continue
        channel = Channel.objects.filter(kind=kind, account_id=account_id).first()
        tally.count("外部账号", channel is None)
        if channel is not None:
            continue
        channel = register_channel(
            unit,
            kind,
            name,
            now=moment(now, -opened, "10:00"),
            account_id=account_id,
            responsible_person=person,
            opened_on=moment(now, -opened).date(),
        )
        reported = moment(now, -last, "08:30")
        report_update(channel, reported.date(), now=min(reported, now))
    return qinghe
