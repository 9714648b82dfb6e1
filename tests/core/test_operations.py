"""Operable production: health endpoints, request ids in logs, error reporting only with a DSN,
and one Celery queue per kind of work."""

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError
from django.test import override_settings

from mediation import index
from puls import health
from puls.celery import app as celery_app
from puls.request_id import RequestIdFilter

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def no_matching_index():
    """Readiness reports this process's matching index: start each test without one."""
    index.reset()


@pytest.mark.django_db
def test_liveness_answers_without_the_database_or_an_allowed_host(
    client, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get("/sanatate/", HTTP_HOST="10.0.0.7:8000")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
@override_settings(CELERY_BROKER_URL="")  # eager tasks: no broker to check
def test_readiness_checks_the_database_and_the_broker(client):
    response = client.get("/sanatate/pregatit/")
    assert response.status_code == 200
    assert response.json()["checks"] == {
        "database": "ok",
        "broker": "not configured",
        "matching_index": "not built",
    }


@pytest.mark.django_db
@override_settings(CELERY_BROKER_URL="")
def test_readiness_reports_the_matching_index_without_building_it(client):
    try:
        # Not built yet: reported, and the node stays ready (the first matching query builds it).
        response = client.get("/sanatate/pregatit/")
        assert (response.status_code, response.json()["checks"]["matching_index"]) == (
            200,
            "not built",
        )
        assert index._current is None
        index.get_index()
        assert client.get("/sanatate/pregatit/").json()["checks"]["matching_index"] == "ok"
        index.version_bump()  # as the signals do after the commit of a profile change
        response = client.get("/sanatate/pregatit/")
        assert (response.status_code, response.json()["checks"]["matching_index"]) == (
            200,
            "stale",
        )
    finally:
        index.reset()


@pytest.mark.django_db
@override_settings(CELERY_BROKER_URL="")
def test_readiness_fails_with_503_when_the_database_does_not_answer(client, monkeypatch, caplog):
    def refuse():
        raise OperationalError("could not connect to server at db.internal:5432")

    monkeypatch.setitem(health.CHECKS, "database", refuse)
    response = client.get("/sanatate/pregatit/")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {
            "database": "failed",
            "broker": "not configured",
            "matching_index": "not built",
        },
    }
    assert "db.internal" not in response.content.decode()  # logged, never shown
    assert "db.internal" in caplog.text


@pytest.mark.django_db
@override_settings(CELERY_BROKER_URL="redis://127.0.0.1:1/0")
def test_readiness_fails_when_the_broker_does_not_answer(client):
    response = client.get("/sanatate/pregatit/")
    assert response.status_code == 503
    assert response.json()["checks"]["broker"] == "failed"


def test_request_id_is_echoed_and_a_bad_one_replaced(client):
    assert client.get("/sanatate/", HTTP_X_REQUEST_ID="abc-123").headers["X-Request-ID"] == (
        "abc-123"
    )
    made_up = client.get("/sanatate/", HTTP_X_REQUEST_ID="<script>").headers["X-Request-ID"]
    assert made_up != "<script>" and len(made_up) == 32


@pytest.mark.django_db
def test_log_records_written_during_a_request_carry_its_request_id(client, caplog, monkeypatch):
    monkeypatch.setitem(health.CHECKS, "database", lambda: logging.getLogger("x").warning("hi"))
    caplog.handler.addFilter(RequestIdFilter())
    client.get("/sanatate/pregatit/", HTTP_X_REQUEST_ID="trace-42")
    assert [record.request_id for record in caplog.records if record.msg == "hi"] == ["trace-42"]


def _run_settings(env, code):
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        # Not the test run's environment: its SENTRY_DSN or LOG_FORMAT must not leak in.
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "puls.settings.production",
    "SECRET_KEY": "x" * 60,
    "ALLOWED_HOSTS": "puls.example",
    "PULS_CNP_ENCRYPTION_KEYS": "c2l4dHktZm91ci1ieXRlcy1vZi1hLWZlcm5ldC1rZXk=",
    "PULS_CNP_HMAC_KEY": "y" * 40,
}


def test_production_logs_are_json_lines_with_the_request_id():
    out = _run_settings(
        PRODUCTION,
        "import logging, sys; h = logging.getLogger().handlers[0]; h.stream = sys.stdout; "
        "logging.getLogger('puls').warning('disk %s full', 'private')",
    )
    line = json.loads(out.strip().splitlines()[-1])
    assert (line["level"], line["message"], line["request_id"]) == (
        "WARNING",
        "disk private full",
        "-",
    )


def test_sentry_is_enabled_only_when_a_dsn_is_given():
    probe = "import sentry_sdk; print(sentry_sdk.get_client().is_active())"
    assert _run_settings(PRODUCTION, probe).strip() == "False"
    with_dsn = {**PRODUCTION, "SENTRY_DSN": "https://key@sentry.example/1"}
    assert _run_settings(with_dsn, probe).strip() == "True"


@pytest.mark.parametrize(
    "task, queue",
    [
        ("puls.notifications.tasks.deliver_email", "email"),
        ("network.tasks.send_meeting_notice", "email"),
        ("casework.tasks.send_digest", "email"),
        ("reports.tasks.build_report", "reports"),
        ("reports.tasks.recover_report_runs", "celery"),
        ("puls.notifications.tasks.sweep_outbox", "email"),
        ("puls.notifications.tasks.run_deferred_task", "celery"),
        ("mediation.tasks.refresh_matching_index", "matching"),
        ("employers.tasks.expire_vacancies", "celery"),
    ],
)
def test_each_kind_of_work_has_its_own_queue(task, queue):
    celery_app.loader.import_default_modules()
    assert celery_app.amqp.router.route({}, task)["queue"].name == queue


def test_compose_runs_one_worker_per_queue_and_checks_health():
    import yaml
    from django.conf import settings

    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    consumed = set()
    for service in services.values():
        command = service.get("command") or ""
        if isinstance(command, str) and " worker " in command:
            consumed.update(command.split("--queues=")[1].split()[0].split(","))
            assert "healthcheck" in service
    routed = {route["queue"] for route in settings.CELERY_TASK_ROUTES.values()}
    assert consumed == routed | {settings.CELERY_TASK_DEFAULT_QUEUE}
    assert "/sanatate/pregatit/" in " ".join(services["web"]["healthcheck"]["test"])
    assert services["proxy"]["depends_on"]["web"]["condition"] == "service_healthy"


def test_tasks_are_queued_only_through_puls_tasks():
    """A bare ``task.delay()`` lets a broker fault reach the caller (a 500, a failed beat run):
    every queueing goes through puls.tasks.enqueue / enqueue_on_commit."""
    import ast

    from tests.core.test_import_graph import project_packages

    bare = []
    for package in sorted(project_packages()):
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts or path == ROOT / "puls" / "tasks.py":
                continue
            for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr in {"delay", "apply_async"}
                ):
                    bare.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert bare == []
