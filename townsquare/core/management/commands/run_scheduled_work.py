import signal
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from townsquare.core.scheduling import JOBS, run_due_jobs


class Command(BaseCommand):
    help = "运行定时任务（定时发布、到期下线等），直到被停止。"

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="只检查并运行一次到期的任务，然后退出。")

    def handle(self, *args, once=False, **options):
        self.stopping = False
        signal.signal(signal.SIGTERM, self._stop)
        self.stdout.write(f"定时任务已启动：{', '.join(job.label for job in JOBS.values())}")
        while not self.stopping:
            results = run_due_jobs()
            for name, ok in results.items():
                self.stdout.write(f"{name}: {'完成' if ok else '失败（详见日志）'}")
            if once:
                break
            for _ in range(settings.SCHEDULER_TICK_SECONDS):
                if self.stopping:
                    break
                time.sleep(1)
            # Long-running process: drop a connection the database may have closed meanwhile.
            close_old_connections()

    def _stop(self, *args):
        self.stopping = True
