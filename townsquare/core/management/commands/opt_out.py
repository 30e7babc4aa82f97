"""Record a resident's 退订 by hand: a mobile number that replied TD, or an e-mail address that wrote to say so."""

from django.core.management.base import BaseCommand, CommandError

from townsquare.core.forms import normalize_email, normalize_phone
from townsquare.core.notify import optout


class Command(BaseCommand):
    help = "不再给这个手机号发短信（或这个邮箱发邮件）：manage.py opt_out 13800138000 / a@example.com"

    def add_arguments(self, parser):
        parser.add_argument("address", nargs="+")

    def handle(self, *args, **options):
        for raw in options["address"]:
            try:
                if "@" in raw:
                    channel, address = "email", normalize_email(raw)
                else:
                    channel, address = "sms", normalize_phone(raw, mobile_only=True)
            except ValueError as error:
                raise CommandError(f"看不懂这个号码或邮箱：{raw}") from error
            optout.opt_out(channel, address)
            self.stdout.write(f"已退订：{'短信' if channel == 'sms' else '邮件'} {address[:3]}****")
