"""The production layout: gunicorn only behind the proxy, whose headers are trusted only then."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_only_the_proxy_publishes_a_port(compose):
    published = {name for name, service in compose["services"].items() if service.get("ports")}
    assert published == {"proxy"}


def test_gunicorn_shares_its_closed_network_with_the_proxy_alone(compose):
    services = compose["services"]
    on_app = {name for name, service in services.items() if "app" in service.get("networks", [])}
    assert on_app == {"proxy", "web"}
    assert compose["networks"]["app"]["internal"] is True
    mount = next(v for v in services["proxy"]["volumes"] if v.endswith(":/etc/caddy/Caddyfile:ro"))
    caddyfile = ROOT / mount.split(":")[0]
    assert "reverse_proxy web:8000" in caddyfile.read_text()


def _production_setting(name, **env):
    code = f"from django.conf import settings; print(repr(getattr(settings, {name!r}, None)))"
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "puls.settings.production",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "puls.example.ro",
        "PULS_CNP_ENCRYPTION_KEYS": "c2l4dHktZm91ci1ieXRlcy1vZi1hLWZlcm5ldC1rZXk=",
        "PULS_CNP_HMAC_KEY": "y" * 40,
        **env,
    }
    environment = {key: value for key, value in environment.items() if value is not None}
    done = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


@pytest.mark.parametrize(
    ("proxies", "header"),
    [("0", "None"), ("1", "('HTTP_X_FORWARDED_PROTO', 'https')")],
)
def test_x_forwarded_proto_is_trusted_only_behind_the_proxy(proxies, header):
    setting = _production_setting("SECURE_PROXY_SSL_HEADER", ALLAUTH_TRUSTED_PROXY_COUNT=proxies)
    assert setting == header


@pytest.mark.parametrize("missing", ["PULS_CNP_ENCRYPTION_KEYS", "PULS_CNP_HMAC_KEY"])
def test_production_refuses_to_start_without_the_cnp_keys(missing):
    with pytest.raises(subprocess.CalledProcessError) as failed:
        _production_setting("PULS_CNP_HMAC_KEY", **{missing: None})
    assert missing in failed.value.stderr


def test_production_reads_the_cnp_keys_from_the_environment():
    keys = _production_setting("PULS_CNP_ENCRYPTION_KEYS", PULS_CNP_ENCRYPTION_KEYS="new,old")
    assert keys == "['new', 'old']"
