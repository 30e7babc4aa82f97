"""rundemo starts a dead worker or scheduler again; the site stops only when the web server ends."""

from townsquare.core.management.commands.rundemo import MAX_RESTARTS, restart_dead


class Child:
    def __init__(self, code=None):
        self.code = code

    def poll(self):
        return self.code


def watch(processes, restarts=None, now=0.0):
    lines, started = [], []

    def start(name):
        started.append(name)
        return Child()

    alive = restart_dead(processes, start, lines.append, {} if restarts is None else restarts, now)
    return alive, started, lines


def test_a_dead_worker_is_started_again():
    _, started, _ = watch({"web": Child(), "worker": Child(1), "scheduler": Child()})
    assert started == ["worker"]


def test_the_restart_is_said_in_the_log():
    _, _, lines = watch({"web": Child(), "worker": Child(), "scheduler": Child(1)})
    assert lines == ["定时任务进程已退出（退出码 1），已重新启动。"]


def test_the_site_keeps_running_after_a_restart():
    alive, _, _ = watch({"web": Child(), "worker": Child(1), "scheduler": Child()})
    assert alive


def test_a_dead_web_server_is_not_started_again():
    alive, started, _ = watch({"web": Child(1), "worker": Child(), "scheduler": Child()})
    assert not alive and not started


def test_a_child_that_keeps_dying_stops_the_site():
    alive, _, _ = watch({"web": Child(), "worker": Child(1)}, restarts={"worker": [0.0] * MAX_RESTARTS}, now=1.0)
    assert not alive
