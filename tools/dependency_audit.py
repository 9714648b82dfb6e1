"""`make lint`'s dependency audit: pip-audit where its vulnerability database is reachable.

pip-audit asks PyPI's JSON API for the known vulnerabilities of every installed release. Where
that service cannot be reached (offline, or a package mirror without the JSON API) pip-audit would
skip every package and still say "No known vulnerabilities found"; this says plainly that nothing
was audited instead, and does not fail the lint for it.
"""

import json
import subprocess
import sys
import urllib.error
import urllib.request
from importlib.metadata import version
from pathlib import Path

SERVICE = "https://pypi.org/pypi/{name}/{version}/json"
TIMEOUT_SECONDS = 10


def service_reachable():
    """Does PyPI answer with vulnerability data for a release we know it has (our Django)?"""
    url = SERVICE.format(name="django", version=version("django"))
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT_SECONDS) as response:
            return "vulnerabilities" in json.load(response)
    except (OSError, ValueError, urllib.error.URLError):
        return False


def main():
    if not service_reachable():
        print(
            "pip-audit SKIPPED: the vulnerability service (PyPI's JSON API, "
            f"{SERVICE.format(name='django', version=version('django'))}) cannot be reached "
            "from this machine; no dependency was audited."
        )
        return 0
    pip_audit = Path(sys.executable).with_name("pip-audit")
    command = [str(pip_audit), "--progress-spinner", "off", "--skip-editable", "--strict"]
    command += ["--timeout", str(TIMEOUT_SECONDS)]
    return subprocess.run(command, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
