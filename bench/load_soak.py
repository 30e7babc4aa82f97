"""The soak of bench/load.py: mixed traffic at a fixed rate through nginx, worker memory every 10 s.

A scheduler starts one operation every 1/RATE seconds (a thread pool carries them out, so a slow
answer does not slow the rate down), in a fixed cycle: public pages (anonymous, as the county
reads them), searches, 我要留言 submissions (a fresh session: GET the form, read its CSRF token,
submission key and choices, POST every field, follow to the done page) and bookings (GET the
service, pick an open day and a slot, POST, follow to the booking). An error is a refused
connection, a timeout or an HTTP status ≥ 400 — except a booking refused with 409 because its
slot filled up, or a service with no open day left (the demo's places run out): those are
counted apart. Bookings go round every bookable service. Afterwards the database is asked how
many requests and bookings carry the submission keys of the confirmed ones (lost = confirmed but not stored).
"""

import itertools
import re
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote, urljoin

import requests
from load_stack import memory_mb, shell_json, worker_pids
from request_throughput import FormReader

RATE = 8.0  # operations per second
SAMPLE_SECONDS = 10
# 20 operations: 12 pages, 4 searches, 3 submissions, 1 booking.
CYCLE = "pspgpgsupgpsbgpsgupg"
KINDS = {"p": "page", "g": "page", "s": "search", "u": "submission", "b": "booking"}
SEARCHES = ["社保卡", "低保", "停水", "户口迁移", "医保报销", "yibao", "养老保险", "招聘", "学校", "路灯"]

COUNT = """
import json
from townsquare.appointments.models import Booking
from townsquare.resident_requests.models import ResidentRequest
print(json.dumps({
    "requests": ResidentRequest.objects.filter(submission_key__in=REQUEST_KEYS).count(),
    "bookings": Booking.objects.filter(submission_key__in=BOOKING_KEYS).count(),
}))
"""


class Soak:
    def __init__(self, base, urls, masters, env, stack):
        self.base = base
        self.pages = [urls["home"], urls["town"], urls["column"], urls["article"], "/banshi/", urls["guide"]]
        self.pages += ["/liuyan/public/", "/liuyan/stats/", urls["listings"], f"{urls['column']}?page=2"]
        self.services = urls["services"]
        self.masters = masters
        self.env = env
        self.stack = stack
        self.lock = threading.Lock()
        self.counter = itertools.count()
        self.times = {kind: [] for kind in set(KINDS.values())}
        self.errors = []
        self.refused_full = 0
        self.confirmed = {"submission": [], "booking": []}
        self.samples = []

    # --- operations ---------------------------------------------------------------------------------

    def page(self, n):
        self._get(self.pages[n % len(self.pages)])

    def search(self, n):
        self._get(f"/search/?q={quote(SEARCHES[n % len(SEARCHES)])}")

    def _get(self, path):
        response = requests.get(self.base + path, timeout=30)
        if response.status_code >= 400:
            raise RuntimeError(f"GET {path}: HTTP {response.status_code}")

    def submission(self, n):
        with requests.Session() as session:
            page = session.get(self.base + "/liuyan/", timeout=30)
            if page.status_code != 200:
                raise RuntimeError(f"GET /liuyan/: HTTP {page.status_code}")
            action, data = self._request_form(page.text, n)
            done = session.post(urljoin(page.url, action), data=data, files={"photos": ("", b"")}, timeout=30)
        if done.status_code != 200 or "/liuyan/done/" not in done.url:
            raise RuntimeError(f"POST /liuyan/: HTTP {done.status_code} at {done.url}")
        with self.lock:
            self.confirmed["submission"].append(data["submission_key"])

    @staticmethod
    def _request_form(html, n):
        reader = FormReader()
        reader.feed(html)
        form = next(form for form in reader.forms if "details" in form["fields"])
        fields = form["fields"]
        categories = [value for value in fields["category"]["options"] if value]
        types = fields["request_type"]["values"]
        data = {
            "csrfmiddlewaretoken": fields["csrfmiddlewaretoken"]["values"][0],
            "submission_key": fields["submission_key"]["values"][0],
            "request_type": "consult" if "consult" in types else types[0],
            "category": categories[n % len(categories)],
            "title": f"东街路灯不亮（压测{n}）",
            "details": f"东街口的路灯坏了一个星期，晚上很黑，老人走路容易摔倒，请尽快修。（压测{n}）",
            "address": f"东街{n}号",
            "contact_name": "张三",
            "contact_phone": f"138{n:08d}",
            "contact_email": f"resident{n}@example.com",
            "is_public": fields["is_public"]["values"][0],
            "homepage": "",  # the honeypot stays empty
        }
        return form["action"], data

    def booking(self, n):
        with requests.Session() as session:
            url = f"{self.base}/yuyue/s/{self.services[n % len(self.services)]}/"
            page = session.get(url, timeout=30)
            if page.status_code != 200:
                raise RuntimeError(f"GET {url}: HTTP {page.status_code}")
            days = re.findall(r'href="\?day=(\d{4}-\d{2}-\d{2})', page.text)
            if not days:  # every place of the coming days taken: the page says so, as it should
                with self.lock:
                    self.refused_full += 1
                return
            day_page = session.get(f"{url}?day={days[n % len(days)]}", timeout=30)
            reader = FormReader()
            reader.feed(day_page.text)
            form = next(form for form in reader.forms if "slot" in form["fields"])
            fields = form["fields"]
            slots = fields["slot"]["values"]
            data = {name: field["values"][0] for name, field in fields.items() if field["type"] == "hidden"}
            data.update(slot=slots[n % len(slots)], name="王五", phone=f"137{n:08d}", email="", homepage="")
            done = session.post(urljoin(day_page.url, form["action"]), data=data, timeout=30)
        if done.status_code == 409:
            with self.lock:
                self.refused_full += 1
            return
        if done.status_code != 200 or "/yuyue/b/" not in done.url:
            raise RuntimeError(f"POST booking: HTTP {done.status_code} at {done.url}")
        with self.lock:
            self.confirmed["booking"].append(data["submission_key"])

    def _do(self, kind, n):
        started = time.perf_counter()
        try:
            getattr(self, kind)(n)
        except Exception as error:  # noqa: BLE001 - every failure is counted and shown, never hides the rest
            with self.lock:
                self.errors.append(f"{kind}: {type(error).__name__}: {str(error)[:200]}")
        with self.lock:
            self.times[kind].append(time.perf_counter() - started)

    # --- memory -------------------------------------------------------------------------------------

    def _sample(self):
        workers = {}
        for name, master in self.masters.items():
            for pid in worker_pids(master.pid):
                figures = memory_mb(pid)
                if figures:
                    workers[f"{name}:{pid}"] = figures
        self.samples.append((time.monotonic(), workers))

    def _sampler(self, stop):
        while not stop.wait(SAMPLE_SECONDS):
            self._sample()

    # --- the run ------------------------------------------------------------------------------------

    def run(self, minutes):
        seconds = minutes * 60
        self._sample()
        stop = threading.Event()
        sampler = threading.Thread(target=self._sampler, args=(stop,), daemon=True)
        sampler.start()
        started = time.monotonic()
        late = 0.0
        with ThreadPoolExecutor(max_workers=32) as pool:
            for index in itertools.count():
                due = started + index / RATE
                if due - started >= seconds:
                    break
                wait = due - time.monotonic()
                if wait > 0:
                    time.sleep(wait)
                else:
                    late = max(late, -wait)
                pool.submit(self._do, KINDS[CYCLE[index % len(CYCLE)]], next(self.counter))
                if index % int(RATE * 30) == 0:
                    self.stack.check_alive()
        elapsed = time.monotonic() - started
        stop.set()
        sampler.join()
        self._sample()
        return self._lines(minutes, elapsed, late)

    def _lines(self, minutes, elapsed, late):
        keys = self.confirmed
        code = COUNT.replace("REQUEST_KEYS", repr(keys["submission"])).replace("BOOKING_KEYS", repr(keys["booking"]))
        stored = shell_json(self.env, code)
        operations = sum(len(values) for values in self.times.values())
        lines = [
            "",
            f"soak: {minutes:g} min of mixed traffic via nginx at {RATE:g} operations/s (cycle {CYCLE}: p/g page, "
            f"s search, u 我要留言, b booking); {operations} operations in {elapsed:.0f} s, "
            f"scheduler late ≤ {late:.2f} s",
        ]
        for kind, values in sorted(self.times.items()):
            if values:
                ordered = sorted(values)
                p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
                lines.append(
                    f"  {kind:<11} {len(values):>6} done, median {statistics.median(values) * 1000:7.1f} ms, "
                    f"p99 {p99 * 1000:7.1f} ms"
                )
        lines.append(f"  errors: {len(self.errors)} (goal 0)" + (f"; first: {self.errors[0]}" if self.errors else ""))
        lost_requests = len(keys["submission"]) - stored["requests"]
        lost_bookings = len(keys["booking"]) - stored["bookings"]
        lines.append(
            f"  我要留言: {len(keys['submission'])} confirmed, {stored['requests']} in the database, "
            f"lost {lost_requests}"
            f"; bookings: {len(keys['booking'])} confirmed, {stored['bookings']} in the database, lost {lost_bookings}"
            f", {self.refused_full} turned away as fully booked (goal 0 lost)"
        )
        lines += self._memory_lines()
        return lines

    def _memory_lines(self):
        first, last = self.samples[1] if len(self.samples) > 2 else self.samples[0], self.samples[-1]
        lines = [f"  worker memory, {len(self.samples)} samples every {SAMPLE_SECONDS} s (MB; goal growth < 10 %):"]
        for measure in ("rss", "pss", "uss"):
            before = sum(worker[measure] for worker in first[1].values())
            after = sum(worker[measure] for worker in last[1].values())
            peak = max(max((w[measure] for w in sample.values()), default=0) for _, sample in self.samples)
            growth = (after - before) / before * 100 if before else float("nan")
            lines.append(
                f"    {measure.upper()} all workers {before:7.0f} → {after:7.0f} ({growth:+.1f} %); "
                f"largest worker {peak:.0f}"
            )
        restarted = set(first[1]) ^ set(last[1])
        if restarted:
            lines.append(f"    workers changed during the soak (restarts): {sorted(restarted)}")
        return lines
