"""How long the first 我要留言 submission of a fresh web process takes, with and without the routing warm-up.

    .venv/bin/python bench/first_submit.py [--model PATH]

Builds a temporary SQLite database (migrations, the test county, one category), then for
``ROUTING_WARM_UP`` off and on starts a fresh Python process that loads ``townsquare.wsgi`` as a web
worker does, opens the form (GET /liuyan/) and submits it twice. It prints the start-up time and
both submissions' times. The routing model is ``--model`` (default: ROUTING_MODEL_PATH, made by
``manage.py train_routing``); without one only jieba is loaded. Prints figures, asserts nothing.
"""

import argparse
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FORM = {
    "request_type": "consult",
    "title": "东街口路灯坏了一个星期",
    "details": "东街口路灯坏了一个星期，晚上很黑，老人走路容易摔倒，请尽快修。",
    "address": "青禾镇东街口",
    "lat": "",
    "long": "",
    "contact_name": "李小明",
    "contact_phone": "13900001111",
    "contact_email": "",
    "is_public": "yes",
    "homepage": "",
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="routing model file (default: ROUTING_MODEL_PATH)")
    parser.add_argument("--child", choices=["setup", "measure"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "setup":
        return setup()
    if args.child == "measure":
        return measure()
    with tempfile.TemporaryDirectory(prefix="townsquare-first-submit-") as folder:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "townsquare.settings",
            "TOWNSQUARE_VAR_DIR": folder,
            "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
            "SECRET_KEY": secrets.token_urlsafe(40),
            "ALLOWED_HOSTS": "testserver,127.0.0.1",
            "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
            "WHITENOISE_USE_FINDERS": "1",
            "REQUEST_RATE_LIMIT_PER_IP_HOUR": "1000",
            "REQUEST_RATE_LIMIT_PER_CONTACT_DAY": "1000",
        }
        if args.model:
            env["ROUTING_MODEL_PATH"] = str(Path(args.model).resolve())
        Path(folder, "static").mkdir()
        print("building the database …", flush=True)
        subprocess.run([sys.executable, __file__, "--child", "setup"], env=env, cwd=ROOT, check=True)
        for warm in ("0", "1"):
            out = subprocess.run(
                [sys.executable, __file__, "--child", "measure"],
                env={**env, "ROUTING_WARM_UP": warm},
                cwd=ROOT,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            result = json.loads(out.strip().splitlines()[-1])
            print(
                f"ROUTING_WARM_UP={warm}: worker start-up {result['startup']:.2f} s, "
                f"first submit {result['first']:.2f} s, second submit {result['second']:.2f} s "
                f"(model loaded: {result['model']})",
                flush=True,
            )


def setup():
    import logging

    import django

    django.setup()
    logging.getLogger("wagtail").setLevel(logging.WARNING)  # quiet page-tree messages while building the county
    from django.core.management import call_command

    from tests.conftest import build_county
    from townsquare.resident_requests.models import Category

    call_command("migrate", verbosity=0)
    county = build_county()
    Category.objects.create(code="roads", name="道路照明", unit=county.town_a.unit, routing_label="城乡建设")


def measure():
    started = time.perf_counter()
    import townsquare.wsgi  # noqa: F401 - what a web worker loads; the warm-up runs here when switched on

    startup = time.perf_counter() - started
    from django.test import Client

    from townsquare.resident_requests.models import Category
    from townsquare.resident_requests.routing import predictor

    form = {**FORM, "category": str(Category.objects.get(code="roads").pk)}
    client = Client()
    client.get("/liuyan/")
    times = []
    for _ in range(2):
        started = time.perf_counter()
        response = client.post("/liuyan/", {**form, "submission_key": secrets.token_urlsafe(24)})
        times.append(time.perf_counter() - started)
        assert response.status_code == 302, response.status_code
    model = predictor.get_model() is not None
    print(json.dumps({"startup": startup, "first": times[0], "second": times[1], "model": model}))


if __name__ == "__main__":
    main()
