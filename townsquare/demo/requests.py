"""The demo county's 我要留言: categories for every unit, deadline policies, reply templates, the Open311
key and a good half year of residents' requests in every state (content in content/requests.py).

Called from ``DemoLoader.run()`` after the staff exist. Idempotent: categories are found by code,
templates by unit and title, the key by its value, and each demo request by its submission key
``demo-<n>``; what exists is left alone.

Requests are made only through ``handling`` (submit, accept, transfer, ask, answer, rate …) with
back-dated times, so every deadline, timeline and statistic comes from the same rules as real
use. The plan is deterministic: the same ``now`` gives the same requests. Every step passes its
moment as ``now``, which dates both the change and its event in the timeline.
"""

import random
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from townsquare.core.workdays import is_working_day, working_days_after, working_days_between
from townsquare.resident_requests import handling
from townsquare.resident_requests.deadlines import policy_for
from townsquare.resident_requests.models import (
    ApiKey,
    Category,
    DeadlinePolicy,
    ReplyTemplate,
    RequestType,
    ResidentRequest,
    Status,
)

from .content.requests import (
    CATEGORIES,
    DECLINED_MESSAGES,
    DEFAULT_AGAIN,
    DEFAULT_INFO,
    DEFAULT_QUESTIONS,
    DUPLICATE_OPENINGS,
    DUPLICATE_TITLES,
    EXTENSION_REASONS,
    MESSAGES,
    NOTES,
    OPEN311_CLIENT,
    OPEN311_KEY,
    RATING_COMMENTS,
    REPLY_TEMPLATES,
    RESIDENT_GIVEN,
    RESIDENT_SURNAMES,
    TOWN_CATEGORIES,
    TOWN_PLACES,
)
from .content.staff import ADMIN
from .content.units import COUNTY, UNITS
from .dates import SHANGHAI

KEY_PREFIX = "demo-"
TITLE_MAX_CHARS = 30
SEED = 2026
# How many requests end in each state, and the situations among the open ones.
PLAN = [
    (Status.ANSWERED, "answered", 70),
    (Status.ACCEPTED, "normal", 14),
    (Status.ACCEPTED, "overdue", 8),
    (Status.ACCEPTED, "due_soon", 6),
    (Status.ACCEPTED, "reopened", 5),
    (Status.ACCEPTED, "extension_pending", 3),
    (Status.WAITING, "waiting", 32),
    (Status.SUBMITTED, "fresh", 18),
    (Status.SUBMITTED, "transferred", 8),
    (Status.SUBMITTED, "not_accepted", 6),
    (Status.DECLINED, "declined", 32),
    (Status.MERGED, "merged", 32),
]
CHANNELS = [("web", 70), ("wechat", 15), ("phone", 8), ("open311", 7)]
SAFETY = timedelta(minutes=20)  # the newest step lies at least this long before ``now``


def ensure_requests(units, now, tally):
    """Everything of 我要留言 the demo county needs; ``units`` maps unit slug to Unit."""
    categories = ensure_categories(units, tally)
    ensure_deadline_policies(tally)
    ensure_reply_templates(units, tally)
    ensure_api_key(now, tally)
    RequestMaker(units, categories, now, tally).run()


# --- the catalogue and settings ------------------------------------------------------------


def category_rows():
    """(code, name, unit slug, routing label, description, keywords) for every demo category, towns first."""
    towns = {spec["slug"]: spec for spec in UNITS if spec["slug"] in TOWN_PLACES}
    rows = []
    for slug in TOWN_PLACES:
        town = towns[slug]
        for suffix, name, label, description, keywords in TOWN_CATEGORIES:
            rows.append((f"{slug}-{suffix}", f"{town['name']}{name}", slug, label, description, keywords))
    return rows + list(CATEGORIES)


def ensure_categories(units, tally):
    rows = category_rows()
    existing = {c.code: c for c in Category.objects.filter(code__in=[row[0] for row in rows])}
    found = {}
    for order, (code, name, unit_slug, label, description, keywords) in enumerate(rows):
        category = existing.get(code)
        if category is None:
            category = Category(
                code=code,
                name=name,
                unit=units[unit_slug],
                routing_label=label,
                description=description,
                keywords=keywords,
                sort_order=(order + 1) * 10,
            )
            category.full_clean()
            category.save()
        found[code] = category
        tally.count("留言分类", code not in existing)
    return found


def ensure_deadline_policies(tally):
    """One row per type with the national defaults, so the county sees (and may change) them in the admin."""
    for request_type in RequestType.values:
        _, created = DeadlinePolicy.objects.get_or_create(
            request_type=request_type,
            defaults={
                "accept_within": settings.REQUEST_ACCEPT_WORKING_DAYS,
                "answer_within": settings.REQUEST_ANSWER_WORKING_DAYS[request_type],
            },
        )
        tally.count("办理时限", created)


def ensure_reply_templates(units, tally):
    for unit_slug, title, body in REPLY_TEMPLATES:
        unit = units[unit_slug] if unit_slug else None
        _, created = ReplyTemplate.objects.get_or_create(unit=unit, title=title, defaults={"body": body})
        tally.count("答复模板", created)


def ensure_api_key(now, tally):
    """The Open311 key residents' apps use in the demo; left as it is when it exists (even if switched off)."""
    _, created = ApiKey.objects.get_or_create(key=OPEN311_KEY, defaults={"name": OPEN311_CLIENT, "created_at": now})
    tally.count("接口密钥", created)


# --- the plan: which request, in which state, said what -------------------------------------------


@dataclass
class Case:
    number: int
    status: str
    situation: str
    message: dict
    town: str  # slug of the town the place lies in
    place: str  # with the town's name in front
    title: str
    details: str
    rng: random.Random = field(repr=False, default=None)
    main: "Case" = None  # for duplicates: the case they are merged into
    received: datetime = None
    steps: list = field(default_factory=list)

    @property
    def key(self):
        return f"{KEY_PREFIX}{self.number:04d}"

    def text(self, template, **extra):
        return template.format(place=self.place, town=self.town_name, **extra)

    @property
    def town_name(self):
        return TOWN_NAMES[self.town]


TOWN_NAMES = {spec["slug"]: spec["name"] for spec in UNITS if spec["slug"] in TOWN_PLACES}
PLACES = [(town, f"{TOWN_NAMES[town]}{place}") for town, places in TOWN_PLACES.items() for place in places]


class Chooser:
    """Picks messages round-robin with a title not used before, so the public list shows no twin titles."""

    def __init__(self, messages, rng):
        self.messages = list(messages)
        rng.shuffle(self.messages)
        self.rng = rng
        self.used_titles = set()
        self.position = 0
        # every message's candidates (title template, town, place), in a shuffled but fixed order
        self.candidates = {}
        for message in self.messages:
            places = list(PLACES)
            rng.shuffle(places)
            self.candidates[message["key"]] = [
                (title, town, place) for town, place in places for title in message["titles"]
            ]

    def take(self, wanted=lambda message: True, repeat=False):
        """The next message with an unused title; ``repeat`` allows a used one (for what is never public)."""
        for _ in range(len(self.messages)):
            message = self.messages[self.position % len(self.messages)]
            self.position += 1
            if not wanted(message):
                continue
            candidates = self.candidates[message["key"]]
            for candidate in candidates:
                title_template, town, place = candidate
                title = title_template.format(place=place)
                if (title in self.used_titles and not repeat) or len(title) > TITLE_MAX_CHARS:
                    continue
                candidates.remove(candidate)
                candidates.append(candidate)
                self.used_titles.add(title)
                return message, town, place, title
        raise ValueError("演示留言的内容不够用了：请在 content/requests.py 里多写几条。")


def personal_detail(number):
    """Something a resident typed that must never show in public: a phone, an ID number or an e-mail."""
    kind = number % 3
    if kind == 0:
        return f"有事请打我电话1380000{number % 10000:04d}，白天晚上都行。"
    if kind == 1:
        check = "X" if number % 2 else str(number % 10)
        return (
            f"我的身份证号是11010119{90 + number % 10}0{1 + number % 9}01{number % 1000:03d}{check}，麻烦帮忙查一下。"
        )
    return f"材料可以发到我的邮箱 resident{number}@example.com。"


def duplicate_title(main, index, used):
    """A title for a duplicate of ``main``: worded a little differently, never one already used."""
    short = main.title.replace(main.town_name, "", 1)
    for title in (main.title, short):
        for offset in range(len(DUPLICATE_TITLES)):
            wording = DUPLICATE_TITLES[(index + offset) % len(DUPLICATE_TITLES)].format(title=title)
            if len(wording) <= TITLE_MAX_CHARS and wording not in used:
                used.add(wording)
                return wording
    raise ValueError(f"演示留言“{main.title}”的重复件找不到合适的标题。")


def build_plan():
    """Every demo case, in the order they are made (duplicates last, after their main case)."""
    rng = random.Random(SEED)
    regular, declined = Chooser(MESSAGES, rng), Chooser(DECLINED_MESSAGES, rng)
    cases, number = [], 0
    for status, situation, count in PLAN:
        if status == Status.MERGED:
            continue
        for _ in range(count):
            number += 1
            if status == Status.DECLINED:
                message, town, place, title = declined.take(repeat=True)  # declined ones are never public
            elif situation == "transferred" or (situation == "answered" and number % 9 == 0):
                message, town, place, title = regular.take(lambda m: "transfer" in m)
            else:
                message, town, place, title = regular.take()
            case = Case(number, status, situation, message, town, place, title, "")
            details = case.text(message["details"])
            if message.get("place") == "person" and "{place}" not in message["details"]:
                details = f"我家在{place}。{details}"
            if number % 6 == 0:
                details += personal_detail(number)
            case.details = details
            cases.append(case)
    mains = [case for case in cases if case.situation in ("answered", "normal", "overdue", "reopened")]
    rng.shuffle(mains)
    for index in range(dict((s, c) for _, s, c in PLAN)["merged"]):
        number += 1
        main = mains[index % len(mains)]
        title = duplicate_title(main, index, regular.used_titles)
        details = DUPLICATE_OPENINGS[index % len(DUPLICATE_OPENINGS)] + main.details
        case = Case(number, Status.MERGED, "merged", main.message, main.town, main.place, title, details, main=main)
        cases.append(case)
    for case in cases:
        case.rng = random.Random(f"{KEY_PREFIX}{case.number}")
    return cases


# --- making the requests ------------------------------------------------------------------------


class RequestMaker:
    def __init__(self, units, categories, now, tally):
        self.units, self.categories, self.now, self.tally = units, categories, now, tally
        self.latest = now - SAFETY
        self.today = timezone.localtime(now, SHANGHAI).date()
        self.policies = {}
        names = [ADMIN["username"]] + [f"{slug}_{role}" for slug in units for role in ("editor", "head")]
        self.users = {user.username: user for user in get_user_model().objects.filter(username__in=names)}
        self.made = {}  # case number -> ResidentRequest

    def run(self):
        cases = build_plan()
        existing = {
            request.submission_key: request
            for request in ResidentRequest.objects.filter(submission_key__in=[case.key for case in cases])
        }
        for case in cases:
            request = existing.get(case.key)
            if request is None:
                request = self.make(case)
            self.made[case.number] = request
            self.tally.count("演示留言", case.key not in existing)

    # --- people and times ---

    def staff(self, unit, senior=False):
        """Someone of the unit (its head for answers), else the county's staff, else the admin."""
        roles = ("head", "editor") if senior else ("editor", "head")
        for slug in (unit.slug, COUNTY):
            for role in roles:
                user = self.users.get(f"{slug}_{role}")
                if user is not None:
                    return user
        return self.users.get(ADMIN["username"])

    def county(self):
        return self.users.get(f"{COUNTY}_head") or self.users.get(ADMIN["username"])

    def within(self, request_type):
        if request_type not in self.policies:
            self.policies[request_type] = policy_for(request_type)
        return self.policies[request_type]

    @staticmethod
    def office(rng, after, working_days):
        """In office hours on the ``working_days``-th working day after ``after`` (0: later that day if possible)."""
        local = timezone.localtime(after, SHANGHAI)
        if working_days == 0 and is_working_day(local.date()) and local.time() < time(16, 0):
            start = max(local, local.replace(hour=8, minute=30, second=0, microsecond=0))
            return start + timedelta(minutes=rng.randint(15, 80))
        day = working_days_after(local.date(), max(working_days, 1))
        return datetime.combine(day, time(rng.randint(8, 16), rng.choice((5, 18, 32, 47))), SHANGHAI)

    @staticmethod
    def resident(rng, after, days):
        """When a resident replies: ``days`` calendar days later, between 8:00 and 22:00."""
        local = timezone.localtime(after, SHANGHAI) + timedelta(days=days)
        moment = local.replace(hour=rng.randint(8, 21), minute=rng.randint(0, 59), second=0, microsecond=0)
        return moment if moment > after else after + timedelta(minutes=rng.randint(30, 120))

    def received_days_ago(self, rng, days):
        moment = timezone.localtime(self.now, SHANGHAI) - timedelta(days=days)
        moment = moment.replace(hour=rng.randint(7, 22), minute=rng.randint(0, 59), second=0, microsecond=0)
        return min(moment, self.latest - timedelta(hours=3))

    # --- planning the steps of one case ---

    def plan(self, case):
        """Fill ``case.received`` and ``case.steps`` [(when, action, data)]; earlier if the steps would pass now."""
        seed_state = case.rng.getstate()
        shift = 0
        for _ in range(40):
            case.rng.setstate(seed_state)
            case.steps = []
            getattr(self, f"plan_{case.situation}")(case, shift)
            last = case.steps[-1][0] if case.steps else case.received
            if last <= self.latest and case.received <= self.latest:
                return
            shift += max(1, (last - self.latest).days + 1)
        raise ValueError(f"演示留言 {case.key} 排不进过去的时间。")

    def add(self, case, when, action, **data):
        previous = case.steps[-1][0] if case.steps else case.received
        if when <= previous:
            when = previous + timedelta(minutes=case.rng.randint(10, 50))
        case.steps.append((when, action, data))
        return when

    def first_steps(self, case, transfer=False, late_accept=False):
        rng = case.rng
        when = case.received
        if transfer:
            when = self.add(case, self.office(rng, when, rng.randint(0, 1)), "transfer", by_county=rng.random() < 0.4)
        accept_days = rng.randint(2, 3) if late_accept else rng.choice((0, 0, 1))
        when = self.add(case, self.office(rng, when, accept_days), "accept")
        if rng.random() < 0.3:
            when = self.add(case, self.office(rng, when, 0), "note", text=rng.choice(NOTES))
        return when

    def ask_and_answer(self, case, when, days):
        """The unit asks, the resident adds information ``days`` later; returns (when, paused working days)."""
        asked = self.add(case, self.office(case.rng, when, case.rng.randint(0, 1)), "ask")
        added = self.add(case, self.resident(case.rng, asked, days), "info")
        paused = working_days_between(timezone.localtime(asked).date(), timezone.localtime(added).date())
        return added, paused

    def extension(self, case, when, approve=True):
        rng = case.rng
        working_days = rng.randint(3, settings.REQUEST_EXTENSION_MAX_WORKING_DAYS)
        when = self.add(case, self.office(rng, when, 1), "extension", days=working_days)
        when = self.add(case, self.office(rng, when, 1), "decide", approve=approve)
        return when, working_days if approve else 0

    def answer_step(self, case, when, allowed, late):
        """Answer within ``allowed`` working days of receipt, or 1–5 working days after that when ``late``."""
        rng = case.rng
        received_day = timezone.localtime(case.received, SHANGHAI).date()
        if late:
            day = working_days_after(received_day, allowed + rng.randint(1, 5))
        else:
            day = working_days_after(received_day, rng.randint(1, max(1, allowed)))
        moment = datetime.combine(day, time(rng.randint(9, 16), rng.choice((0, 15, 30, 45))), SHANGHAI)
        if moment <= when:
            moment = self.office(rng, when, 0 if not late else 1)
        return self.add(case, moment, "answer")

    def rating(self, case, when, first=True):
        rng = case.rng
        roll = rng.random()
        rating = "satisfied" if roll < 0.5 else "basically" if roll < 0.78 else "unsatisfied"
        comment = rng.choice(RATING_COMMENTS[rating])
        when = self.add(case, self.resident(rng, when, rng.randint(0, 4)), "rate", rating=rating, comment=comment)
        return when, rating

    def plan_answered(self, case, shift):
        rng = case.rng
        case.received = self.received_days_ago(rng, rng.randint(4, 178) + shift)
        transfer = "transfer" in case.message and case.number % 9 == 0
        when = self.first_steps(case, transfer=transfer, late_accept=rng.random() < 0.1)
        allowed = self.within(case.message["type"])[1]
        if rng.random() < 0.15:
            when, paused = self.ask_and_answer(case, when, rng.randint(1, 5))
            allowed += paused
        if rng.random() < (0.35 if case.message.get("extension") else 0.08):
            when, days = self.extension(case, when, approve=rng.random() < 0.75)
            allowed += days
        when = self.answer_step(case, when, allowed, late=rng.random() < 0.13)
        if rng.random() < 0.8:
            when, rating = self.rating(case, when)
            if rating == "unsatisfied":
                when = self.add(case, self.office(rng, when, rng.randint(2, 6)), "answer", again=True)
                if rng.random() < 0.75:
                    self.rating(case, when)

    def plan_normal(self, case, shift):
        rng = case.rng
        case.received = self.received_days_ago(rng, rng.randint(1, 8) + shift)
        when = self.first_steps(case, transfer="transfer" in case.message and rng.random() < 0.3)
        if rng.random() < 0.2 and when < self.latest - timedelta(days=3):
            when, _ = self.ask_and_answer(case, when, 1)
        if rng.random() < 0.15:
            self.extension(case, when)

    def plan_overdue(self, case, shift):
        rng = case.rng
        case.received = self.received_days_ago(rng, rng.randint(32, 70) + shift)
        when = self.first_steps(case, late_accept=rng.random() < 0.3)
        self.add(case, self.office(rng, when, rng.randint(3, 8)), "note", text=rng.choice(NOTES))

    def plan_due_soon(self, case, shift):
        """Received so that the answer is due by the end of today or of the next working day."""
        rng = case.rng
        allowed = self.within(case.message["type"])[1]
        target = working_days_after(self.today, 1)
        if case.number % 2 and is_working_day(self.today):
            target = self.today
        day = target - timedelta(days=1)
        while working_days_after(day, allowed) != target:
            day -= timedelta(days=1)
        day -= timedelta(days=shift)
        case.received = datetime.combine(day, time(rng.randint(8, 20), rng.randint(0, 59)), SHANGHAI)
        self.first_steps(case)

    def plan_reopened(self, case, shift):
        rng = case.rng
        case.received = self.received_days_ago(rng, rng.randint(10, 40) + shift)
        when = self.first_steps(case)
        when = self.answer_step(case, when, self.within(case.message["type"])[1], late=False)
        comment = rng.choice(RATING_COMMENTS["unsatisfied"])
        self.add(case, self.resident(rng, when, rng.randint(0, 3)), "rate", rating="unsatisfied", comment=comment)

    def plan_extension_pending(self, case, shift):
        rng = case.rng
        case.received = self.received_days_ago(rng, rng.randint(5, 15) + shift)
        when = self.first_steps(case)
        working_days = rng.randint(5, settings.REQUEST_EXTENSION_MAX_WORKING_DAYS)
        self.add(case, self.office(rng, when, rng.randint(1, 3)), "extension", days=working_days)

    def plan_waiting(self, case, shift):
        rng = case.rng
        case.received = self.received_days_ago(rng, rng.randint(2, 60) + shift)
        when = self.first_steps(case)
        if rng.random() < 0.2:
            when, _ = self.ask_and_answer(case, when, rng.randint(1, 3))
        if rng.random() < 0.1:
            when, _ = self.extension(case, when)
        self.add(case, self.office(rng, when, rng.randint(0, 2)), "ask")

    def plan_fresh(self, case, shift):
        case.received = self.now - timedelta(hours=case.rng.randint(1, 70) + 24 * shift)

    def plan_transferred(self, case, shift):
        rng = case.rng
        case.received = self.now - timedelta(hours=rng.randint(6, 60) + 24 * shift)
        when = self.office(rng, case.received, 0)
        if when > self.latest:
            when = case.received + timedelta(minutes=rng.randint(40, 200))
        self.add(case, when, "transfer", by_county=rng.random() < 0.4)

    def plan_not_accepted(self, case, shift):
        case.received = self.received_days_ago(case.rng, case.rng.randint(4, 10) + shift)

    def plan_declined(self, case, shift):
        rng = case.rng
        case.received = self.received_days_ago(rng, rng.randint(2, 178) + shift)
        when = case.received
        if rng.random() < 0.4:
            when = self.add(case, self.office(rng, when, rng.choice((0, 1))), "accept")
        self.add(case, self.office(rng, when, rng.randint(0, 2)), "decline")

    def plan_merged(self, case, shift):
        rng = case.rng
        main_received = self.made[case.main.number].received_at
        case.received = main_received + timedelta(hours=rng.randint(5, 96)) - timedelta(days=shift)
        case.received = max(min(case.received, self.latest - timedelta(hours=3)), main_received + timedelta(hours=1))
        when = self.office(rng, case.received, rng.randint(0, 1))
        self.add(case, min(when, self.latest), "merge")

    # --- carrying the plan out through handling ---

    def make(self, case):
        self.plan(case)
        message, rng = case.message, case.rng
        category = self.category_for(case)
        first_category = category
        transfer = any(action == "transfer" for _, action, _ in case.steps)
        if transfer:
            first_category = self.categories[message["transfer"][0]]
        public = rng.random() < 0.75
        name = rng.choice(RESIDENT_SURNAMES) + rng.choice(RESIDENT_GIVEN)
        fields = {
            "tracking_number": timezone.localtime(case.received, SHANGHAI).strftime("%Y%m%d")
            + f"{rng.randrange(10**6):06d}",
            "request_type": message["type"],
            "category": first_category,
            "title": case.title,
            "details": case.details,
            "address": case.place if message.get("place") == "place" else "",
            "contact_name": name,
            "contact_phone": f"13800{2000 + case.number:06d}",
            "contact_email": f"resident{case.number}@example.com" if case.number % 4 == 0 else "",
            "is_public": public,
        }
        channel = rng.choices([c for c, _ in CHANNELS], weights=[w for _, w in CHANNELS])[0]
        request, _ = handling.submit(fields, submission_key=case.key, channel=channel, now=case.received)
        extension = None
        for when, action, data in case.steps:
            unit = request.unit
            if action == "transfer":
                reason = case.text(message["transfer"][1])
                actor = self.county() if data["by_county"] else self.staff(unit)
                handling.transfer(
                    request, category.unit, reason, actor, category=category, by_county=data["by_county"], now=when
                )
            elif action == "accept":
                handling.accept(request, self.staff(unit), now=when)
            elif action == "note":
                handling.add_note(request, data["text"], self.staff(unit), now=when)
            elif action == "ask":
                question = message.get("question") or DEFAULT_QUESTIONS[message.get("place", "place")]
                handling.ask_for_information(request, question, self.staff(unit), now=when)
            elif action == "info":
                info = message.get("info") or DEFAULT_INFO[message.get("place", "place")]
                handling.add_information(request, case.text(info), now=when)
            elif action == "extension":
                reason = rng.choice(EXTENSION_REASONS)
                extension = handling.request_extension(request, data["days"], reason, self.staff(unit), now=when)
            elif action == "decide":
                handling.decide_extension(extension, data["approve"], self.county(), now=when)
            elif action == "answer":
                reply = DEFAULT_AGAIN if data.get("again") else case.text(message["reply"], phone=unit.phone)
                if data.get("again") and message.get("again"):
                    reply = case.text(message["again"], phone=unit.phone)
                handling.answer(request, reply, self.staff(unit, senior=True), now=when)
            elif action == "rate":
                handling.rate(request, data["rating"], data["comment"], now=when)
            elif action == "decline":
                handling.decline(request, case.text(message["reason"]), self.staff(unit), now=when)
            elif action == "merge":
                main = self.made[case.main.number]
                handling.merge(request, main, self.staff(main.unit), now=when)
        if request.status != case.status:
            raise ValueError(f"演示留言 {case.key} 应为“{case.status}”，实际是“{request.status}”。")
        return request

    def category_for(self, case):
        code = case.message["cat"]
        if code.startswith("town:"):
            code = f"{case.town}-{code.removeprefix('town:')}"
        return self.categories[code]
