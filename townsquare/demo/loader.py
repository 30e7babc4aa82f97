"""Builds the demo county 示范县. Every step looks for what is there and adds only what is missing.

``demo_is_complete()`` is the quick check ``load_demo`` makes on every start;
``load_demo()`` does the full work (and repairs missing pieces) inside one transaction.
"""

from collections import Counter
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page, PageLogEntry, Revision, Site
from wagtail.users.models import UserProfile

from townsquare.publishing.models import (
    HomePage,
    InterpretationPage,
    NewsPage,
    NoticePage,
    PolicyAttachment,
    PolicyPage,
    PublicityPage,
    TopicItem,
    TopicPage,
    UnitHomePage,
    UpdateRecord,
)
from townsquare.publishing.provisioning import provision_unit
from townsquare.units.models import Membership, Role, Unit

from .appointments import ensure_appointments
from .archive import ensure_archive
from .channels import ensure_channels
from .consultations import ensure_consultations
from .content.news import DRAFT_FOR_REVIEW, NEWS
from .content.notices import NOTICES, SCHEDULED
from .content.policies import INTERPRETATIONS, POLICIES
from .content.publicity import PUBLICITY
from .content.seasons import SEASONAL_NOTICE_SLUGS
from .content.seasons import for_day as season_for_day
from .content.staff import ADMIN, CAN_DO, PASSWORD, STAFF, email_for
from .content.topics import TOPICS
from .content.units import COUNTY, UNITS
from .dates import NEWEST_GAP, SHANGHAI, DateWords, moment, published
from .disclosure import ensure_disclosure
from .disclosure_annual import ensure_disclosure_annual
from .disclosure_requests import ensure_disclosure_requests
from .feedback import ensure_feedback
from .fingerprint import demo_fingerprint
from .hotspots import ensure_hotspots
from .images import ensure_images
from .interviews import ensure_interviews
from .knowledge import ensure_knowledge
from .listings import ensure_listings
from .livelihood import ensure_livelihood
from .models import DemoState
from .nearby import ensure_nearby
from .notifications import ensure_notifications
from .oversight import ensure_oversight
from .privacy import ensure_privacy
from .relays import ensure_relays
from .requests import ensure_requests
from .routing import ensure_routing
from .screening import ensure_screening
from .search import ensure_search
from .services import ensure_services
from .subscriptions import ensure_subscriptions
from .surveys import ensure_surveys
from .visits import ensure_visits
from .weather import ensure_weather
from .wechat_subscriptions import ensure_wechat_subscriptions

SITE_NAME = "示范县人民政府"
ADMIN_LANGUAGE = "zh-hans"

CONTENT = [NEWS, NOTICES, PUBLICITY, POLICIES, INTERPRETATIONS, TOPICS, [DRAFT_FOR_REVIEW, SCHEDULED]]
CONTENT_SLUGS = [spec["slug"] for specs in CONTENT for spec in specs]
HOME_SLUGS = [spec["home"]["slug"] for spec in UNITS]
USERNAMES = [ADMIN["username"]] + [row[0] for row in STAFF]


def demo_is_complete():
    """True when every demo unit, log-in and page is there, the site shows the county home, and this version
    of the demo was loaded completely (5 queries)."""
    slugs = CONTENT_SLUGS + HOME_SLUGS
    return (
        Unit.objects.filter(slug__in=[spec["slug"] for spec in UNITS]).count() == len(UNITS)
        and get_user_model().objects.filter(username__in=USERNAMES).count() == len(USERNAMES)
        and Page.objects.filter(slug__in=slugs).values("slug").distinct().count() == len(set(slugs))
        and Site.objects.filter(is_default_site=True, root_page__slug="home", root_page__depth=2).exists()
        # Everything else (requests, guides, listings …) was loaded by this very version of the demo.
        and DemoState.objects.filter(fingerprint=demo_fingerprint()).exists()
    )


class Tally:
    """What was created and what was already there, per kind of thing, in the order first seen."""

    def __init__(self):
        self.created, self.existing, self.labels = Counter(), Counter(), []

    def count(self, label, created):
        if label not in self.labels:
            self.labels.append(label)
        (self.created if created else self.existing)[label] += 1

    def rows(self):
        return [(label, self.created[label], self.existing[label]) for label in self.labels]

    @property
    def total_created(self):
        return sum(self.created.values())


def load_demo(now=None):
    """Create whatever of the demo county is missing; returns the Tally."""
    loader = DemoLoader(now or timezone.now())
    with transaction.atomic():
        loader.run()
        DemoState.objects.all().delete()
        DemoState.objects.create(fingerprint=demo_fingerprint())
    return loader.tally


class DemoLoader:
    """One pass over the demo data; ``now`` anchors every date so the content looks current."""

    def __init__(self, now):
        self.now = now
        self.words = DateWords(now)
        self.tally = Tally()
        self.images = {}
        self.units = {}  # unit slug -> Unit
        self.homes = {}  # unit slug -> its home page
        self.sections = {}  # (unit slug, section kind) -> SectionPage
        self.pages = {}  # content slug -> page id, for pages already in the county's tree

    def run(self):
        self.images = ensure_images(self.tally)
        self.ensure_units()
        county_home = self.ensure_county_home()
        self.ensure_site(county_home)
        self.ensure_unit_homes(county_home)
        self.provision()
        self.ensure_staff()
        slugs = CONTENT_SLUGS + SEASONAL_NOTICE_SLUGS
        self.pages = dict(Page.objects.descendant_of(county_home).filter(slug__in=slugs).values_list("slug", "pk"))
        for spec in NEWS:
            self.ensure_news(spec)
        for spec in NOTICES + season_for_day(self.words.today)["notices"]:
            self.ensure_notice(spec)
        for spec in PUBLICITY:
            self.ensure_publicity(spec)
        for spec in POLICIES:
            self.ensure_policy(spec)
        for spec in INTERPRETATIONS:
            self.ensure_interpretation(spec)
        for spec in TOPICS:
            self.ensure_topic(spec)
        self.ensure_scheduled_notice(SCHEDULED)
        self.ensure_draft_for_review(DRAFT_FOR_REVIEW)
        ensure_weather(self.units, self.now, self.tally)
        ensure_services(self.units, self.homes, self.now, self.tally)
        ensure_appointments(self.units, self.now, self.tally)
        ensure_requests(self.units, self.now, self.tally)
        ensure_routing(self.units, self.now, self.tally)
        ensure_nearby(self.units, self.now, self.tally)
        # After 我要留言 (its topics group the requests), before 政务公开 (the response's catalogue entry is dated by
        # its backdated publication) and before the messages are marked sent; 监管 scores its late response.
        ensure_hotspots(self.units, self.now, self.tally)
        ensure_disclosure_requests(self.units, self.now, self.tally)
        ensure_listings(self.units, self.now, self.tally)
        ensure_interviews(self.units, self.images, self.now, self.tally)
        ensure_channels(self.units, self.now, self.tally)
        ensure_archive(self.units, self.now, self.tally)
        ensure_screening(self.units, self.now, self.tally)  # before 政务公开: its 公示 gets a catalogue entry
        ensure_disclosure(self.units, self.homes, self.now, self.tally)
        ensure_disclosure_annual(self.units, self.now, self.tally)
        ensure_surveys(self.units, self.now, self.tally)
        ensure_knowledge(self.units, self.now, self.tally)  # before search indexes it
        ensure_livelihood(self.units, self.now, self.tally)  # before search indexes its rounds
        ensure_consultations(self.units, self.now, self.tally)  # before search indexes them
        ensure_search(self.units, self.now, self.tally)
        ensure_feedback(self.units, self.now, self.tally)  # on the pages, guides and columns made above
        ensure_visits(self.units, self.now, self.tally)
        ensure_privacy(self.units, self.now, self.tally)
        ensure_subscriptions(self.units, self.now, self.tally)
        ensure_relays(self.units, self.now, self.tally)
        ensure_wechat_subscriptions(self.units, self.now, self.tally)  # through the demo 公众号 of ensure_relays
        ensure_notifications(self.units, self.now, self.tally)  # after every case that made messages
        ensure_oversight(self.units, self.now, self.tally)  # last: it scores what the demo made

    # --- units, site and home pages ----------------------------------------------------

    def ensure_units(self):
        fields = ["name", "short_name", "kind", "address", "phone", "email", "office_hours"]
        fields += ["responsible_person", "responsible_title", "description", "sort_order", "is_media_center"]
        for spec in UNITS:
            unit = Unit.objects.filter(Q(slug=spec["slug"]) | Q(name=spec["name"])).first()
            created = unit is None
            if created:
                unit = Unit(slug=spec["slug"], **{name: spec[name] for name in fields if name in spec})
                if spec["slug"] != COUNTY:
                    unit.parent = self.units[COUNTY]
                unit.save()
            self.units[spec["slug"]] = unit
            self.tally.count("单位", created)

    def ensure_county_home(self):
        home = HomePage.objects.first()
        if home is None:
            root = Page.get_first_root_node()
            # Wagtail's "Welcome" page holds the slug "home"; it goes, and the site is re-pointed below.
            welcome = root.get_children().filter(content_type=ContentType.objects.get_for_model(Page), numchild=0)
            for page in welcome:
                page.delete()
            spec = UNITS[0]["home"]
            home = HomePage(
                title=spec["title"],
                slug=spec["slug"],
                unit=self.units[COUNTY],
                intro=spec["intro"],
                hero_image=self.images[spec["hero"]],
            )
            root.add_child(instance=home)
            home.save_revision().publish()
            self.tally.count("主页", True)
        else:
            self.tally.count("主页", False)
        self.homes[COUNTY] = home
        return home

    def ensure_site(self, home):
        site = Site.objects.filter(is_default_site=True).first() or Site.objects.filter(hostname="localhost").first()
        wanted = {
            "hostname": "localhost",
            "port": 80,
            "root_page": home,
            "is_default_site": True,
            "site_name": SITE_NAME,
        }
        if site is None:
            Site.objects.create(**wanted)
        elif any(getattr(site, name) != value for name, value in wanted.items()):
            for name, value in wanted.items():
                setattr(site, name, value)
            site.save()
        self.tally.count("站点", site is None)

    def ensure_unit_homes(self, county_home):
        existing = {home.unit_id: home for home in UnitHomePage.objects.all()}
        for spec in UNITS[1:]:
            unit, home_spec = self.units[spec["slug"]], spec["home"]
            home = existing.get(unit.pk)
            created = home is None
            if created:
                home = UnitHomePage(
                    title=home_spec.get("title", unit.name),
                    slug=home_spec["slug"],
                    unit=unit,
                    intro=home_spec.get("intro", unit.description),
                    hero_image=self.images[home_spec["hero"]],
                )
                county_home.add_child(instance=home)
                home.save_revision().publish()
            self.homes[spec["slug"]] = home
            self.tally.count("主页", created)

    def provision(self):
        """Columns, role groups with page permissions and the 三审 workflow for every unit (idempotent)."""
        for spec in UNITS:
            columns = provision_unit(self.units[spec["slug"]], self.homes[spec["slug"]], sections=spec.get("sections"))
            self.sections.update({(spec["slug"], column.kind): column for column in columns})

    # --- staff --------------------------------------------------------------------------------

    def ensure_staff(self):
        # Hashing is slow on purpose; every demo log-in shares one password, so hash it once.
        password = make_password(PASSWORD)
        User = get_user_model()
        admin, created = User.objects.get_or_create(
            username=ADMIN["username"],
            defaults={
                "first_name": ADMIN["name"],
                "email": email_for(ADMIN["username"]),
                "password": password,
                "is_superuser": True,
                "is_staff": True,
            },
        )
        set_admin_language(admin)
        self.tally.count("账号", created)
        for username, name, unit_slug, role in STAFF:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={"first_name": name, "email": email_for(username), "password": password},
            )
            Membership.objects.get_or_create(user=user, unit=self.units[unit_slug], role=role)
            set_admin_language(user)
            self.tally.count("账号", created)

    # --- content ------------------------------------------------------------------------------

    def text(self, value):
        return self.words.fill(value)

    def body(self, items):
        """StreamField data from paragraphs (plain text or HTML), graphic items and question/answer items."""
        blocks, paragraphs = [], []

        def flush():
            if paragraphs:
                blocks.append(("text", "".join(paragraphs)))
                paragraphs.clear()

        for item in items:
            if isinstance(item, str):
                html = self.text(item)
                paragraphs.append(html if html.startswith("<") else f"<p>{html}</p>")
                continue
            flush()
            if "graphic" in item:
                value = {"image": self.images[item["graphic"]], "alt": item["alt"], "caption": item.get("caption", "")}
                blocks.append(("graphic", value))
            else:
                blocks.append(("qa", {"question": self.text(item["q"]), "answer": self.text(item["a"])}))
        flush()
        return blocks

    def article(self, spec):
        """The fields every publication shares, from its spec."""
        fields = {
            "title": self.text(spec["title"]),
            "slug": spec["slug"],
            "unit": self.units[spec["unit"]],
            "summary": self.text(spec.get("summary", "")),
            "body": self.body(spec["body"]),
        }
        if spec.get("image"):
            fields["cover_image"] = self.images[spec["image"]]
        if spec.get("source"):
            fields.update(origin="repost", source_name=spec["source"])
        return fields

    def exists(self, spec, label):
        found = spec["slug"] in self.pages
        if found:
            self.tally.count(label, False)
        return found

    def publish(self, page, kind, spec, when, label):
        """Add ``page`` to its unit's column, publish it, and date it ``when``."""
        self.sections[(spec["unit"], kind)].add_child(instance=page)
        page.save_revision().publish()
        backdate(page, when)
        if spec.get("update"):
            self.republish_with_note(page, spec["update"], when)
        self.pages[spec["slug"]] = page.pk
        self.tally.count(label, True)
        return page

    def republish_with_note(self, page, update, first_published):
        """A second, noted publication a little later, so the page shows a public update history."""
        page = type(page).objects.get(pk=page.pk)  # fresh, so the backdated first publication stays
        if "summary" in update:
            page.summary = self.text(update["summary"])
        if "body" in update:
            page.body = self.body(update["body"])
        page.change_note = update["note"]
        revision = page.save_revision()
        revision.publish()
        at = min(first_published + timedelta(hours=update["after_hours"]), self.now - NEWEST_GAP)
        Page.objects.filter(pk=page.pk).update(last_published_at=at, latest_revision_created_at=at)
        Revision.objects.filter(pk=revision.pk).update(created_at=at)
        PageLogEntry.objects.filter(revision=revision).update(timestamp=at)
        # The publishing signal writes the record; make sure of it and give it the backdated time.
        UpdateRecord.objects.update_or_create(
            page_id=page.pk, note=update["note"], defaults={"revision": revision, "noted_at": at}
        )

    def ensure_news(self, spec):
        if self.exists(spec, "政务动态"):
            return
        page = NewsPage(**self.article(spec))
        self.publish(page, "news", spec, published(self.now, spec["published"]), "政务动态")

    def ensure_notice(self, spec):
        if self.exists(spec, "通知公告"):
            return
        page = NoticePage(**self.article(spec), applies_to=spec["applies_to"], valid_until=self.until(spec))
        self.publish(page, "notice", spec, published(self.now, spec["published"]), "通知公告")

    def ensure_publicity(self, spec):
        if self.exists(spec, "公示"):
            return
        starts, ends = (moment(self.now, *point) for point in spec["period"])
        page = PublicityPage(
            **self.article(spec), period_starts=starts, period_ends=ends, objection_contact=spec["objection"]
        )
        self.publish(page, "publicity", spec, min(starts, self.now - NEWEST_GAP), "公示")

    def ensure_policy(self, spec):
        if self.exists(spec, "政策文件"):
            return
        written, issued = moment(self.now, -spec["written"]), moment(self.now, -spec["published"], "10:00")
        page = PolicyPage(
            **self.article(spec),
            document_number=spec["number"].format(wy=written.year),
            issuing_authority=spec["authority"],
            written_on=written.date(),
            published_on=issued.date(),
            topic=spec["topic"],
            validity=spec.get("validity", PolicyPage.Validity.VALID),
            replaced_by_id=self.pages.get(spec.get("replaced_by")),
            attachments=[self.attachment(spec["attachment"])] if spec.get("attachment") else [],
        )
        self.publish(page, "policy", spec, issued, "政策文件")

    def attachment(self, spec):
        Document = get_document_model()
        document = Document.objects.filter(title=spec["title"]).first()
        created = document is None
        if created:
            document = Document(title=spec["title"], file=ContentFile(spec["text"].encode(), name=spec["filename"]))
            document._set_document_file_metadata()
            document.save()
        self.tally.count("附件", created)
        return PolicyAttachment(document=document, title=spec["title"])

    def ensure_interpretation(self, spec):
        if self.exists(spec, "政策解读"):
            return
        page = InterpretationPage(
            **self.article(spec),
            policy_id=self.pages[spec["policy"]],
            form=spec.get("form", InterpretationPage.Form.TEXT),
        )
        self.publish(page, "interpretation", spec, published(self.now, spec["published"]), "政策解读")

    def ensure_topic(self, spec):
        if self.exists(spec, "专题"):
            return
        items = [
            TopicItem(page_id=self.pages[slug], group=group, sort_order=order)
            for order, (group, slug) in enumerate(spec["items"])
            if slug in self.pages
        ]
        page = TopicPage(**self.article(spec), items=items)
        self.publish(page, "topic", spec, published(self.now, spec["published"]), "专题")

    def ensure_scheduled_notice(self, spec):
        """Approved, with a go-live time a few hours ahead: the scheduler publishes it then."""
        if self.exists(spec, "定时发布"):
            return
        go_live = self.now + timedelta(hours=spec["go_live_in_hours"])
        page = NoticePage(
            **self.article(spec),
            applies_to=spec["applies_to"],
            valid_until=self.until(spec),
            go_live_at=go_live,
            live=False,
        )
        self.sections[(spec["unit"], "notice")].add_child(instance=page)
        page.save_revision().publish()  # a future go_live_at makes this a schedule, not a publication
        self.pages[spec["slug"]] = page.pk
        self.tally.count("定时发布", True)

    def ensure_draft_for_review(self, spec):
        """A draft by the unit's editor, submitted to its 三审 workflow and waiting for the first review."""
        if self.exists(spec, "待审稿件"):
            return
        editor = get_user_model().objects.get(username=f"{spec['unit']}_editor")
        page = NewsPage(**self.article(spec), live=False, owner=editor)
        self.sections[(spec["unit"], "news")].add_child(instance=page)
        page.save_revision(user=editor)
        page.get_workflow().start(page, editor)
        self.pages[spec["slug"]] = page.pk
        self.tally.count("待审稿件", True)

    def until(self, spec):
        return moment(self.now, *spec["valid_until"]) if spec.get("valid_until") else None


def backdate(page, when):
    """Date a just-published page ``when``: its publication times, revisions and log entries."""
    Page.objects.filter(pk=page.pk).update(
        first_published_at=when, last_published_at=when, latest_revision_created_at=when
    )
    page.revisions.update(created_at=when)
    PageLogEntry.objects.filter(page_id=page.pk).update(timestamp=when)


def set_admin_language(user):
    """Staff see the Wagtail admin in 简体中文 and in the county's time zone."""
    profile = UserProfile.get_for_user(user)
    if profile.preferred_language != ADMIN_LANGUAGE or profile.current_time_zone != str(SHANGHAI):
        profile.preferred_language = ADMIN_LANGUAGE
        profile.current_time_zone = str(SHANGHAI)
        profile.save()


def accounts():
    """The demo log-ins as rows: username, password, unit, role, what they can do."""
    units = {spec["slug"]: spec.get("short_name") or spec["name"] for spec in UNITS}
    rows = [(ADMIN["username"], PASSWORD, "—", "超级管理员", CAN_DO["admin"])]
    for username, _name, unit_slug, role in STAFF:
        media = next(spec for spec in UNITS if spec["slug"] == unit_slug).get("is_media_center", False)
        can = CAN_DO["final"] if media and role in (Role.REVIEWER, Role.HEAD) else CAN_DO[role]
        rows.append((username, PASSWORD, units[unit_slug], Role(role).label, can))
    return rows
