"""Load benchmark: the portal's pages under concurrent users, served as production serves them.

    .venv/bin/python bench/load.py --size full     # on a database filled by generate_scale_data
    .venv/bin/python bench/load.py --size small    # generates 1 % data first if there is none

Starts gunicorn with the Dockerfile's command (its workers and timeout; bound to a free loopback
port) and the production settings against the database in DATABASE_URL, signs in the roles the
pages need (password and authenticator, recorded in their sessions as allauth records them),
then drives the load from a second process (this file with --drive: asyncio and httpx). For each
number of concurrent users (1, 10, 50) and each page, that many users request the page back to
back for a fixed time; it prints p50, p95, throughput and p50 over the bare view's p50 in the same
run for every page, and the load average while it ran. Exits non-zero if a page answered anything
but its expected status.
"""

import argparse
import asyncio
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
SIZES = {"small": 0.01, "full": 1.0}
SECONDS = {"small": 1.0, "full": 15.0}
LEVELS = (1, 10, 50)
CASELOAD = 200
REQUEST_TIMEOUT_S = 60
# Words of most vacancies (generate_scale_data's descriptions) and of one occupation.
BROAD_QUERY = "experienta"


# --- the second process: the load -----------------------------------------------------------------


async def _phase(client, page, users, seconds):
    """``users`` users request ``page`` back to back, starting requests for ``seconds`` (the last
    ones finish after that). Returns (latencies ms, statuses, elapsed s)."""
    import httpx

    latencies, statuses = [], []
    started = time.perf_counter()
    deadline = started + seconds

    async def user():
        while time.perf_counter() < deadline:
            sent = time.perf_counter()
            try:
                response = await client.get(page["url"], headers={"Cookie": page["cookie"]})
                status = response.status_code
            except httpx.HTTPError as error:
                status = type(error).__name__
            latencies.append((time.perf_counter() - sent) * 1000)
            statuses.append(status)

    await asyncio.gather(*(user() for _ in range(users)))
    return latencies, statuses, time.perf_counter() - started


async def _drive(plan):
    import httpx

    loads = []

    async def sample_load():
        while True:
            loads.append(os.getloadavg()[0])
            await asyncio.sleep(1)

    headers = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "127.0.0.1"}
    limits = httpx.Limits(max_connections=max(plan["levels"]) + 5, max_keepalive_connections=0)
    results = []
    async with httpx.AsyncClient(
        base_url=plan["base"], headers=headers, limits=limits, timeout=REQUEST_TIMEOUT_S
    ) as client:
        # Warm up every worker on every page (templates, the matching index) before measuring.
        for page in plan["pages"]:
            await _phase(client, page, plan["workers"], plan["warmup"])
        sampler = asyncio.create_task(sample_load())
        for users in plan["levels"]:
            before = len(loads)
            for page in plan["pages"]:
                latencies, statuses, elapsed = await _phase(client, page, users, plan["seconds"])
                results.append(
                    {
                        "users": users,
                        "page": page["name"],
                        "expected": page["status"],
                        "latencies": latencies,
                        "statuses": statuses,
                        "elapsed": elapsed,
                        "load": loads[before:] or [os.getloadavg()[0]],
                    }
                )
        sampler.cancel()
    return {"results": results, "load": loads}


def drive():
    plan = json.load(sys.stdin)
    json.dump(asyncio.run(_drive(plan)), sys.stdout)


# --- the first process: data, sessions, gunicorn, the report ----------------------------------------


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "puls.settings.local")
    import django

    django.setup()


def ensure_data(size):
    from django.core.management import call_command

    from employers.models import Vacancy
    from puls.reference.models import Skill

    if Vacancy.objects.exists():
        return
    if size == "full":
        sys.exit("No data: run `manage.py generate_scale_data` first (or --size small).")
    if not Skill.objects.exists():
        print("No reference data: running load_reference …", flush=True)
        call_command("load_reference", verbosity=0)
    print(f"No synthetic data: running generate_scale_data --scale {SIZES[size]} …", flush=True)
    call_command("generate_scale_data", scale=SIZES[size])


def signed_in(user):
    """The session cookie of ``user`` signed in with password and authenticator code."""
    from django.conf import settings

    from tests.client import PortalClient

    client = PortalClient()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.session.session_key}"


def actors():
    """The bench's staff (a counsellor of the largest agency with a caseload, an analyst), each
    with a TOTP authenticator, and the vacancy and person their pages show. Idempotent."""
    from allauth.mfa.models import Authenticator
    from django.db.models import Count

    from casework.models import CaseFile
    from employers.models import Vacancy, VacancyStatus
    from jobseekers.models import AccountState, JobseekerProfile
    from puls.accounts.models import Role, User
    from puls.reference.models import Agency

    agency = Agency.objects.annotate(people=Count("jobseekers")).order_by("-people", "pk").first()
    counsellor, _ = User.objects.update_or_create(
        email="bench.consilier@sintetic.puls.ro",
        defaults={"role": Role.COUNSELLOR, "agency": agency, "first_name": "Consilier"},
    )
    analyst, _ = User.objects.update_or_create(
        email="bench.analist@sintetic.puls.ro", defaults={"role": Role.NATIONAL_ANALYST}
    )
    for user in (counsellor, analyst):
        Authenticator.objects.get_or_create(
            user=user,
            type=Authenticator.Type.TOTP,
            defaults={"data": {"secret": "JBSWY3DPEHPK3PXP"}},
        )
    owned = CaseFile.objects.filter(owner=counsellor).count()
    if owned < CASELOAD:
        people = (
            JobseekerProfile.objects.filter(
                agency=agency, account_state=AccountState.ACTIVE, case_file__isnull=True
            )
            .order_by("pk")
            .values_list("pk", flat=True)[: CASELOAD - owned]
        )
        CaseFile.objects.bulk_create(
            [CaseFile(profile_id=pk, owner=counsellor) for pk in people], batch_size=1000
        )
    client = CaseFile.objects.filter(owner=counsellor).order_by("pk").first()
    if client is None:
        sys.exit(f"No active jobseeker in {agency}: nothing for the caseload.")
    vacancy = (
        Vacancy.objects.filter(
            status=VacancyStatus.PUBLISHED, open_posts__gt=0, county=agency.county
        )
        .order_by("pk")
        .first()
    )
    return {
        "counsellor": counsellor,
        "analyst": analyst,
        "agency": agency,
        "client": client.profile_id,
        "client_surname": client.profile.user.last_name.split()[0],
        "vacancy": vacancy,
    }


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def dockerfile_command(port):
    """The Dockerfile's CMD (gunicorn, its workers and timeout), bound to loopback."""
    lines = (ROOT / "Dockerfile").read_text(encoding="utf-8").splitlines()
    command = json.loads(next(line for line in reversed(lines) if line.startswith("CMD "))[4:])
    command[command.index("--bind") + 1] = f"127.0.0.1:{port}"
    command[0] = str(Path(sys.executable).with_name(command[0]))
    return command


def production_environment():
    """Production settings with this process's keys (the sessions and CNPs were made with them),
    behind a proxy as in docker-compose.yml (the driver sends X-Forwarded-Proto: https)."""
    from django.conf import settings

    environment = dict(os.environ)
    environment.update(
        DJANGO_SETTINGS_MODULE="puls.settings.production",
        SECRET_KEY=settings.SECRET_KEY,
        PULS_CNP_ENCRYPTION_KEYS=",".join(settings.PULS_CNP_ENCRYPTION_KEYS),
        PULS_CNP_HMAC_KEY=settings.PULS_CNP_HMAC_KEY,
        ALLOWED_HOSTS="127.0.0.1",
        ALLAUTH_TRUSTED_PROXY_COUNT="1",
        LOG_FORMAT=environment.get("LOG_FORMAT", "json"),
        DEBUG="False",
        CONN_MAX_AGE=environment.get("CONN_MAX_AGE", "60"),
    )
    return environment


def wait_until_ready(base, process):
    import logging

    import httpx

    logging.getLogger("httpx").setLevel(logging.WARNING)
    for _attempt in range(120):
        if process.poll() is not None:
            sys.exit(f"gunicorn exited with {process.returncode}")
        try:
            if httpx.get(f"{base}/sanatate/", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    sys.exit("gunicorn did not answer within a minute")


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def report(outcome, pages):
    """Prints the table; returns the number of unexpected answers."""
    bad = 0
    bare = {}
    print(
        f"\n{'users':>5}  {'page':<26} {'n':>6} {'p50 ms':>9} {'p95 ms':>9} {'req/s':>8} "
        f"{'x bare':>7}  {'load':>5}  unexpected"
    )
    for row in outcome["results"]:
        latencies = row["latencies"]
        p50 = statistics.median(latencies)
        if row["page"] == pages[0]["name"]:
            bare[row["users"]] = p50
        unexpected = [status for status in row["statuses"] if status != row["expected"]]
        bad += len(unexpected)
        summary = ""
        if unexpected:
            kinds = {str(status): unexpected.count(status) for status in set(unexpected)}
            summary = ", ".join(f"{count}× {kind}" for kind, count in sorted(kinds.items()))
        ratio = p50 / bare[row["users"]] if bare.get(row["users"]) else float("nan")
        print(
            f"{row['users']:>5}  {row['page']:<26} {len(latencies):>6} {p50:>9.1f} "
            f"{percentile(latencies, 0.95):>9.1f} {len(latencies) / row['elapsed']:>8.1f} "
            f"{ratio:>7.1f}  {statistics.mean(row['load']):>5.2f}  {summary}"
        )
    loads = outcome["load"] or [os.getloadavg()[0]]
    print(
        f"\nload average (1 min) while it ran: mean {statistics.mean(loads):.2f}, "
        f"max {max(loads):.2f} on {os.cpu_count()} cores"
    )
    print('"x bare": p50 over the bare view\'s p50 at the same number of users.')
    return bad


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="full")
    parser.add_argument("--seconds", type=float, help="per page and number of users")
    parser.add_argument("--users", default=",".join(map(str, LEVELS)), help="e.g. 1,10,50")
    parser.add_argument("--drive", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.drive:
        return drive()
    setup_django()
    from django.db import connection
    from django.urls import reverse

    from employers.models import Vacancy
    from jobseekers.models import JobseekerProfile
    from mediation import synthetic

    synthetic.lift_statement_timeout()
    ensure_data(args.size)
    cast = actors()
    # What beat keeps fresh in production: the dashboard's snapshots (reports).
    from reports.services import indicator_snapshots_refresh

    started = time.perf_counter()
    scopes = indicator_snapshots_refresh()
    print(
        f"Indicator snapshots: {scopes} scopes recounted in {time.perf_counter() - started:.1f} s",
        flush=True,
    )
    vacancy = cast["vacancy"]
    if vacancy is None:
        sys.exit(f"No open published vacancy in {cast['agency'].county}: nothing to benchmark.")
    print(
        f"Database: {connection.vendor} {connection.settings_dict.get('NAME')}: "
        f"{JobseekerProfile.objects.count():,} jobseekers, {Vacancy.objects.count():,} vacancies; "
        f"counsellor of {cast['agency']} with {CASELOAD} cases",
        flush=True,
    )
    counsellor, analyst = signed_in(cast["counsellor"]), signed_in(cast["analyst"])
    search = reverse("jobs:search")
    pages = [
        {"name": "bare view", "url": reverse("mfa_index"), "cookie": counsellor},
        {"name": "public search, broad", "url": f"{search}?q={BROAD_QUERY}", "cookie": ""},
        {
            "name": "public search, narrow",
            "url": f"{search}?q={vacancy.cor_occupation.name.split()[0]}"
            f"&county={vacancy.county_id}&schedule={vacancy.schedule}",
            "cookie": "",
        },
        {
            "name": "vacancy page",
            "url": reverse("jobs:detail", args=[vacancy.pk]),
            "cookie": "",
        },
        {
            "name": "candidates page",
            "url": reverse("mediation:vacancy_candidates", args=[vacancy.pk]),
            "cookie": counsellor,
        },
        {"name": "caseload", "url": reverse("casework:caseload"), "cookie": counsellor},
        {
            "name": "dossier",
            "url": reverse("casework:case_detail", args=[cast["client"]]) + "?fila=dosar",
            "cookie": counsellor,
        },
        {
            "name": "caseload, searched",
            "url": f"{reverse('casework:caseload')}?q={quote(cast['client_surname'])}"
            "&sort=level_hardest",
            "cookie": counsellor,
        },
        {
            "name": "caseload, filtered p2",
            "url": f"{reverse('casework:caseload')}?plan=none&sort=registered_newest&page=2",
            "cookie": counsellor,
        },
        {"name": "indicators dashboard", "url": reverse("reports:dashboard"), "cookie": analyst},
        {
            "name": "indicators, one agency",
            "url": f"{reverse('reports:dashboard')}?agency={cast['agency'].pk}",
            "cookie": analyst,
        },
    ]
    for page in pages:
        page["status"] = 200
    connection.close()

    environment = production_environment()
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT,
        env=environment,
        check=True,
    )
    port = free_port()
    command = dockerfile_command(port)
    print("Server: " + " ".join(command[1:]) + " (puls.settings.production)", flush=True)
    log = ROOT / "var" / "bench-load-gunicorn.log"
    log.parent.mkdir(exist_ok=True)
    with log.open("w") as output:
        server = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=output, stderr=output)
    print(f"Server log: {log.relative_to(ROOT)}", flush=True)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_ready(base, server)
        seconds = args.seconds or SECONDS[args.size]
        plan = {
            "base": base,
            "pages": pages,
            "levels": [int(users) for users in args.users.split(",")],
            "seconds": seconds,
            "warmup": max(1.0, seconds / 3),
            "workers": int(command[command.index("--workers") + 1]),
        }
        print(
            f"Load: {plan['levels']} concurrent users, {seconds:g} s per page and level, "
            f"from a second process …",
            flush=True,
        )
        driver = subprocess.run(
            [sys.executable, __file__, "--drive"],
            input=json.dumps(plan),
            stdout=subprocess.PIPE,
            text=True,
            check=True,
        )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    bad = report(json.loads(driver.stdout), pages)
    if bad:
        print(f"{bad} unexpected answers", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
