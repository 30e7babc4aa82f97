import os
import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand

# The children that may be started again when they die; the web server is not (its port may be taken).
RESTARTABLE = {"scheduler": "定时任务", "worker": "后台任务处理"}
RESTART_WINDOW = 60  # seconds; a child that dies more often than MAX_RESTARTS times in it stops the site
MAX_RESTARTS = 5


# Plainly fictional identifiers (示…) so that the demo's footer shows where a county's real ones go.
DEMO_SITE_IDS = {
    "SITE_CODE": "4300000000",
    "SITE_ICP_NUMBER": "示ICP备20260001号-1",
    "SITE_PSB_NUMBER": "示公网安备43000002000001号",
    "SITE_CONAC_URL": "https://bszs.conac.cn/",
}


def restart_dead(processes, start, log, restarts, now):
    """One round of watching the children: start a dead worker or scheduler again and say so.

    ``processes`` maps names to running processes (changed in place), ``start(name)`` starts one,
    ``restarts`` maps names to the times they were restarted. False when the site must stop: the web
    server ended, or a child keeps dying.
    """
    for name, process in list(processes.items()):
        code = process.poll()
        if code is None:
            continue
        if name not in RESTARTABLE:
            log(f"网站进程已退出（退出码 {code}），演示站点停止。")
            return False
        recent = [t for t in restarts.get(name, []) if now - t < RESTART_WINDOW] + [now]
        restarts[name] = recent
        if len(recent) > MAX_RESTARTS:
            log(f"{RESTARTABLE[name]}进程一分钟内反复退出（退出码 {code}），演示站点停止。")
            return False
        log(f"{RESTARTABLE[name]}进程已退出（退出码 {code}），已重新启动。")
        processes[name] = start(name)
    return True


class Command(BaseCommand):
    help = "启动网站、后台任务处理和定时任务（本地演示用；生产环境请用进程管理器分别启动）。"

    def add_arguments(self, parser):
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))

    def handle(self, *args, port, host, **options):
        manage = [sys.executable, "manage.py"]
        commands = {
            "scheduler": ["run_scheduled_work"],
            "worker": ["db_worker", "--interval", "2"],
            "web": ["runserver", "--noreload", f"{host}:{port}"],
        }

        env = {**DEMO_SITE_IDS, **os.environ}  # the demo county's footer marks, unless the environment sets them
        # The scheduler's availability probe opens the pages this demo serves (unless told otherwise).
        env.setdefault("AVAILABILITY_PROBE_URL", f"http://{host}:{port}")

        def start(name):
            return subprocess.Popen(manage + commands[name], env=env)

        processes = {name: start(name) for name in commands}
        self.stdout.write(
            f"示范县已启动：http://{host}:{port}/  （后台管理：http://{host}:{port}/admin/，按 Ctrl+C 停止）"
        )

        def stop(*_):
            for process in processes.values():
                if process.poll() is None:
                    process.terminate()

        signal.signal(signal.SIGTERM, lambda *_: stop())
        restarts = {}
        try:
            while restart_dead(processes, start, self.stderr.write, restarts, time.monotonic()):
                time.sleep(1)
        except KeyboardInterrupt:
            pass
        finally:
            stop()
            for process in processes.values():
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
