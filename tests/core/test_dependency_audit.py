"""`make lint` audits dependencies where the vulnerability service answers, and says so if not."""

import importlib.util
import io
import json
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "tools" / "dependency_audit.py"


@pytest.fixture
def audit():
    spec = importlib.util.spec_from_file_location("dependency_audit", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_an_unreachable_service_is_a_clear_skip_not_a_pass(audit, monkeypatch, capsys):
    def unreachable(url, timeout):
        raise OSError("Network is unreachable")

    monkeypatch.setattr(audit.urllib.request, "urlopen", unreachable)
    monkeypatch.setattr(audit.subprocess, "run", pytest.fail)

    assert audit.main() == 0
    assert "pip-audit SKIPPED" in capsys.readouterr().out


def test_a_reachable_service_runs_pip_audit_and_keeps_its_verdict(audit, monkeypatch):
    monkeypatch.setattr(
        audit.urllib.request,
        "urlopen",
        lambda url, timeout: io.BytesIO(json.dumps({"vulnerabilities": []}).encode()),
    )
    calls = []

    def run(command, check):
        calls.append(command)
        return subprocess.CompletedProcess(command, 1)  # pip-audit found a vulnerability

    monkeypatch.setattr(audit.subprocess, "run", run)

    assert audit.main() == 1
    assert calls[0][0].endswith("pip-audit") and "--strict" in calls[0]
