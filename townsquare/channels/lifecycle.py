"""The life of a channel: 备案, 变更, 停更 (with its public 停更公告), 注销, 并入平台, 报送更新.

Every step runs in one transaction and leaves a ``ChannelEvent`` saying who did it and when.
Errors are ``ValidationError`` with a Chinese message a member of staff can act on.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from townsquare.publishing.models import HomePage, NoticePage, SectionPage, UnitHomePage

from .models import Channel, ChannelEvent, local_today

# Fields staff may set on registering or changing a channel, in the order a change is described.
EDITABLE_FIELDS = ["unit", "kind", "name", "account_id", "responsible_person", "opened_on", "last_update_on"]


def _event(channel, action, by, now, detail=""):
    return ChannelEvent.objects.create(channel=channel, action=action, by=by, at=now, detail=detail)


def _display(channel, field_name, value):
    if value in (None, ""):
        return "（空）"
    field = Channel._meta.get_field(field_name)
    if field.choices:
        return str(dict(field.choices).get(value, value))
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _clean(channel, today):
    errors = {}
    if not channel.name.strip():
        errors["name"] = "请填写账号名称。"
    if channel.opened_on and channel.opened_on > today:
        errors["opened_on"] = "开设日期不能晚于今天。"
    if channel.last_update_on and channel.last_update_on > today:
        errors["last_update_on"] = "最近更新日期不能晚于今天。"
    if channel.opened_on and channel.last_update_on and channel.last_update_on < channel.opened_on:
        errors["last_update_on"] = "最近更新日期不能早于开设日期。"
    if errors:
        raise ValidationError(errors)
    channel.full_clean(exclude=["page", "suspension_notice", "archive_page", "continues_page"])


def register_channel(unit, kind, name, by=None, now=None, **fields):
    """备案: register an account (or a platform section) of ``unit``; returns the saved channel."""
    now = now or timezone.now()
    channel = Channel(unit=unit, kind=kind, name=name.strip(), created_at=now, **fields)
    _clean(channel, local_today(now))
    with transaction.atomic():
        channel.save()
        parts = [f"{channel.get_kind_display()}“{channel.name}”"]
        if channel.account_id:
            parts.append(f"账号 ID {channel.account_id}")
        if channel.responsible_person:
            parts.append(f"负责人 {channel.responsible_person}")
        _event(channel, ChannelEvent.Action.REGISTER, by, now, "，".join(parts))
    return channel


def change_channel(channel, by=None, now=None, **changes):
    """变更: apply ``changes`` and record what changed (old → new); returns the list of changed labels."""
    now = now or timezone.now()
    unknown = set(changes) - set(EDITABLE_FIELDS) - {"continues_at", "continues_page"}
    if unknown:
        raise ValueError(f"not editable here: {', '.join(sorted(unknown))}")
    before = Channel.objects.get(pk=channel.pk)
    lines, labels = [], []
    for name, value in changes.items():
        setattr(channel, name, value.strip() if isinstance(value, str) else value)
    for name in changes:
        field = Channel._meta.get_field(name)
        attname = field.attname
        old, new = getattr(before, attname), getattr(channel, attname)
        if old == new:
            continue
        if field.is_relation:
            old_text, new_text = str(getattr(before, name) or "（空）"), str(getattr(channel, name) or "（空）")
        else:
            old_text, new_text = _display(channel, name, old), _display(channel, name, new)
        labels.append(str(field.verbose_name))
        lines.append(f"{field.verbose_name}：{old_text} → {new_text}")
    if not lines:
        return []
    _clean(channel, local_today(now))
    with transaction.atomic():
        channel.save()
        _event(channel, ChannelEvent.Action.CHANGE, by, now, "；".join(lines))
    return labels


def notice_section(unit):
    """The unit's 通知公告 column (its home's ``notice`` section), else the county's."""
    homes = [UnitHomePage.objects.filter(unit=unit).first(), HomePage.objects.filter(unit=unit).first()]
    homes.append(HomePage.objects.first())
    for home in homes:
        if home is None:
            continue
        section = SectionPage.objects.child_of(home).filter(kind=SectionPage.Kind.NOTICE).first()
        if section is not None:
            return section
    return None


def notice_title(channel):
    return f"关于“{channel.name}”{channel.kind_word}停止更新的公告"


def _continues_text(channel):
    text = channel.continues_at.strip()
    page = channel.continues_page
    if page is not None:
        url = page.full_url or page.url or ""
        if url and url not in text:
            text = f"{text}（{url}）" if text else f"{page.title}（{url}）"
    return text


def _publish_notice(channel, by, now):
    section = notice_section(channel.unit)
    if section is None:
        raise ValidationError("本单位和县里都还没有“通知公告”栏目，无法发布停更公告。请先开通栏目。")
    day = timezone.localdate(now)
    where = _continues_text(channel)
    date_words = f"{day.year}年{day.month}月{day.day}日"
    summary = f"“{channel.name}”{channel.kind_word}自{date_words}起停止更新。相关信息和服务请到：{where}。"
    paragraphs = [
        f"为集中力量办好政务服务，{channel.unit.name}主办的{channel.get_kind_display()}"
        f"“{channel.name}”自{date_words}起停止更新，不再发布信息，也不再受理留言。",
        f"今后相关信息和服务请到：{where}。",
        "原账号发布过的内容将整理后迁移到本网站，方便大家继续查阅。感谢大家一直以来的关注和支持！",
        f"{channel.unit.name}<br>{date_words}",
    ]
    slug = slugify(f"tinggeng-{channel.kind}-{channel.pk}")
    existing = set(SectionPage.objects.child_of(section).values_list("slug", flat=True))
    existing |= set(NoticePage.objects.child_of(section).values_list("slug", flat=True))
    base, n = slug, 2
    while slug in existing:
        slug, n = f"{base}-{n}", n + 1
    notice = NoticePage(
        title=notice_title(channel),
        slug=slug,
        unit=channel.unit,
        summary=summary[:300],
        applies_to=f"关注“{channel.name}”的群众"[:100],
        body=[("text", "".join(f"<p>{p}</p>" for p in paragraphs))],
        owner=by,
    )
    section.add_child(instance=notice)
    # The notice goes out with the step itself, outside 三审: callers let only the unit's head or county
    # staff take it (see access.can_retire), so Wagtail's own publish permission is not asked for.
    notice.save_revision(user=by).publish(user=by, skip_permission_checks=True)
    return notice


def _require_continues(channel, continues_at, continues_page):
    if continues_at is not None:
        channel.continues_at = continues_at.strip()
    if continues_page is not None:
        channel.continues_page = continues_page
    if not channel.continues_at and channel.continues_page is None:
        raise ValidationError({"continues_at": "请写明停更后群众到哪里继续获取信息和服务（服务转至）。"})
    if len(channel.continues_at) > 200:
        raise ValidationError({"continues_at": "“服务转至”最多 200 个字。"})


def suspend_channel(channel, by=None, continues_at=None, now=None, continues_page=None):
    """停更: stop an active account and publish its 停更公告 saying where the service continues."""
    now = now or timezone.now()
    if channel.kind == Channel.Kind.PLATFORM:
        raise ValidationError("本平台栏目不能停更；请在页面管理里调整栏目。")
    if channel.status != Channel.Status.ACTIVE:
        raise ValidationError(f"这个账号当前状态是“{channel.get_status_display()}”，只有运营中的账号可以停更。")
    _require_continues(channel, continues_at, continues_page)
    with transaction.atomic():
        notice = _publish_notice(channel, by, now)
        channel.status = Channel.Status.SUSPENDED
        channel.suspended_on = local_today(now)
        channel.suspension_notice = notice
        channel.save()
        _event(
            channel,
            ChannelEvent.Action.SUSPEND,
            by,
            now,
            f"发布停更公告《{notice.title}》；服务转至：{channel.continues_at or notice.url}",
        )
    return notice


def close_channel(channel, by=None, now=None, continues_at=None, continues_page=None, detail=""):
    """注销: file the closure. An account closed without a 停更公告 gets one first."""
    now = now or timezone.now()
    if channel.kind == Channel.Kind.PLATFORM:
        raise ValidationError("本平台栏目不能在这里注销；请在页面管理里调整栏目。")
    if channel.status == Channel.Status.CLOSED:
        raise ValidationError("这个账号已经注销了。")
    with transaction.atomic():
        if channel.suspension_notice_id is None:
            _require_continues(channel, continues_at, continues_page)
            notice = _publish_notice(channel, by, now)
            channel.suspension_notice = notice
            channel.suspended_on = channel.suspended_on or local_today(now)
            _event(channel, ChannelEvent.Action.SUSPEND, by, now, f"注销前发布停更公告《{notice.title}》")
        elif continues_at is not None or continues_page is not None:
            _require_continues(channel, continues_at, continues_page)
        channel.status = Channel.Status.CLOSED
        channel.closed_on = local_today(now)
        channel.save()
        _event(channel, ChannelEvent.Action.CLOSE, by, now, detail.strip() or "账号已注销，注销情况已备案。")
    return channel


def record_merge(channel, archive_page, by=None, now=None):
    """并入平台: called by the archive app once the account's content lives in ``archive_page``."""
    now = now or timezone.now()
    with transaction.atomic():
        channel = Channel.objects.select_for_update().get(pk=channel.pk)
        channel.archive_page = archive_page
        channel.save(update_fields=["archive_page"])
        _event(channel, ChannelEvent.Action.MERGE, by, now, f"原账号内容已迁入本网站：《{archive_page.title}》")
    return channel


def report_update(channel, date, by=None, now=None):
    """报送更新: the unit reports the account's latest publication date."""
    now = now or timezone.now()
    today = local_today(now)
    if channel.kind == Channel.Kind.PLATFORM:
        raise ValidationError("本平台栏目的更新日期由网站自动统计，不需要报送。")
    if channel.status != Channel.Status.ACTIVE:
        raise ValidationError(f"这个账号已经{channel.get_status_display()}，不能再报送更新。")
    if date is None:
        raise ValidationError({"date": "请填写最近一次发布信息的日期。"})
    if date > today:
        raise ValidationError({"date": "更新日期不能晚于今天。"})
    if channel.opened_on and date < channel.opened_on:
        raise ValidationError({"date": "更新日期不能早于账号开设日期。"})
    if channel.last_update_on and date < channel.last_update_on:
        raise ValidationError(
            {"date": f"已登记的最近更新日期是 {channel.last_update_on.isoformat()}，报送的日期不能更早。"}
        )
    with transaction.atomic():
        channel.last_update_on = date
        channel.save(update_fields=["last_update_on"])
        _event(channel, ChannelEvent.Action.REPORT_UPDATE, by, now, f"最近更新日期：{date.isoformat()}")
    return channel


def duplicate_accounts(queryset=None):
    """一个单位同一平台原则上只开一个账号: [(unit, kind label, [channels])] where a unit has more than one."""
    queryset = queryset if queryset is not None else Channel.objects.all()
    groups = {}
    for channel in queryset.external().open().select_related("unit").order_by("unit__sort_order", "kind", "pk"):
        groups.setdefault((channel.unit_id, channel.kind), []).append(channel)
    return [
        (channels[0].unit, channels[0].get_kind_display(), channels)
        for channels in groups.values()
        if len(channels) > 1
    ]


def duplicates_of(channel):
    """Other open accounts of the same unit on the same platform (advice shown when registering)."""
    if not channel.is_external:
        return Channel.objects.none()
    return Channel.objects.open().filter(unit_id=channel.unit_id, kind=channel.kind).exclude(pk=channel.pk)
