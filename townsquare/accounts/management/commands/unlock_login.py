from django.core.management.base import BaseCommand

from townsquare.accounts.lockout import unlock


class Command(BaseCommand):
    help = "解除员工账号（及可选的地址）因登录失败次数过多而被锁定的状态。"

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--address", default="", help="同时解除该 IP 地址的锁定")

    def handle(self, **options):
        username = options["username"]
        unlock(username=username, address=options["address"])
        self.stdout.write(self.style.SUCCESS(f"已解除 {username} 的登录锁定。"))
