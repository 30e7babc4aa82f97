"""``manage.py group_messages FILE``: group the messages of a .tsv file the way the weekly hot-topics job does.

The file has a header row with ``id`` and ``text`` (and optionally ``date``, YYYY-MM-DD or YYYY/M/D with or
without a time); other columns are ignored. Prints ``id<TAB>group`` per message, in the file's order."""

import csv
import re
import sys
from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from townsquare.hotspots.grouping import Message, group

_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")


def parse_day(value):
    match = _DATE.match((value or "").strip())
    if not match:
        return None
    try:
        return date(*map(int, match.groups()))
    except ValueError:
        return None


def read_messages(path):
    csv.field_size_limit(sys.maxsize)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        missing = {"id", "text"} - set(reader.fieldnames or ())
        if missing:
            raise CommandError(f"{path}: the header lacks {', '.join(sorted(missing))}")
        return [Message(row["id"], row["text"] or "", parse_day(row.get("date"))) for row in reader]


class Command(BaseCommand):
    help = "Group the messages of a .tsv file (id, text, optional date) into topics; prints id<TAB>group."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, **options):
        try:
            messages = read_messages(options["file"])
        except OSError as error:
            raise CommandError(str(error)) from error
        assignment = group(messages, settings.HOTSPOT_SIMILARITY, settings.HOTSPOT_WINDOW_DAYS)
        for message in messages:
            self.stdout.write(f"{message.key}\t{assignment[message.key]}")
