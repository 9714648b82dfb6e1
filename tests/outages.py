"""Fault injection for tests: a redis-server of the test's own (stopped or frozen by its pid) and
the Celery app switched from eager mode to a real broker."""

import contextlib
import os
import signal
import socket
import subprocess
import time

from puls.celery import app as celery_app


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """A throw-away redis-server on a free port; never the machine's own (6379)."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port)):
                return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def freeze(self):
        os.kill(self.process.pid, signal.SIGSTOP)

    def thaw(self):
        os.kill(self.process.pid, signal.SIGCONT)

    def stop(self):
        if self.process.poll() is None:
            self.thaw()
            self.process.kill()
            self.process.wait(timeout=10)


@contextlib.contextmanager
def celery_broker(url):
    """Publish tasks to ``url`` instead of running them eagerly (nothing consumes them here).

    Celery reads the CELERY_BROKER_URL environment variable before its configuration (CI sets it
    for the real-worker test): it is replaced too, or the publish would reach CI's working Redis
    and the fault would never happen."""
    previous = celery_app.conf.task_always_eager, celery_app.conf.broker_url
    previous_environment = os.environ.get("CELERY_BROKER_URL")
    celery_app.conf.task_always_eager = False
    celery_app.conf.broker_url = url
    os.environ["CELERY_BROKER_URL"] = url
    _drop_connection_pools()
    try:
        yield
    finally:
        celery_app.conf.task_always_eager, celery_app.conf.broker_url = previous
        if previous_environment is None:
            del os.environ["CELERY_BROKER_URL"]
        else:
            os.environ["CELERY_BROKER_URL"] = previous_environment
        _drop_connection_pools()


def _drop_connection_pools():
    """Connections are pooled per broker URL on first publish: start afresh (as after a fork)."""
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
