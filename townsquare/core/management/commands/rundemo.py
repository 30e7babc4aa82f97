import os
import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "启动网站、后台任务处理和定时任务（本地演示用；生产环境请用进程管理器分别启动）。"

    def add_arguments(self, parser):
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))

    def handle(self, *args, port, host, **options):
        manage = [sys.executable, "manage.py"]
        processes = [
            subprocess.Popen(manage + ["run_scheduled_work"]),
            subprocess.Popen(manage + ["db_worker", "--interval", "2"]),
            subprocess.Popen(manage + ["runserver", "--noreload", f"{host}:{port}"]),
        ]
        self.stdout.write(
            f"示范县已启动：http://{host}:{port}/  （后台管理：http://{host}:{port}/admin/，按 Ctrl+C 停止）"
        )

        def stop(*_):
            for process in processes:
                if process.poll() is None:
                    process.terminate()

        signal.signal(signal.SIGTERM, lambda *_: stop())
        try:
            while all(process.poll() is None for process in processes):
                time.sleep(1)
        except KeyboardInterrupt:
            pass
        finally:
            stop()
            for process in processes:
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
