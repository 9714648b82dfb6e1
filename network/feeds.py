"""The published-vacancies feed for network members, in JSON or CSV.

The rows are the employers app's own: its selector (``feed_vacancies``) and its serialiser
(``jobposting.feed_row`` / ``flatten`` / ``FEED_COLUMNS``), so the members' feed is the same
feed, behind a member's session or a personal API token.
"""

import csv

from django.http import Http404, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone

from employers import jobposting
from employers.selectors import feed_vacancies
from puls.audit.models import AuditEntry
from puls.audit.services import audit_record
from puls.http import client_ip

FORMATS = ("json", "csv")


def _rows(request):
    for vacancy in feed_vacancies():
        url = request.build_absolute_uri(reverse("jobs:detail", args=[vacancy.pk]))
        yield jobposting.feed_row(vacancy, url=url)


def response(fmt, *, user, request):
    if fmt not in FORMATS:
        raise Http404
    audit_record(
        actor=user, action=AuditEntry.Action.EXPORT, ip=client_ip(request), path=request.path
    )
    stamp = timezone.localtime().strftime("%Y%m%d")
    if fmt == "json":
        rows = list(_rows(request))
        response = JsonResponse(
            {"generated_at": timezone.now().isoformat(), "count": len(rows), "vacancies": rows},
            json_dumps_params={"ensure_ascii": False},
        )
    else:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")  # so that spreadsheet programs read UTF-8
        writer = csv.DictWriter(response, fieldnames=jobposting.FEED_COLUMNS)
        writer.writeheader()
        for row in _rows(request):
            writer.writerow(jobposting.flatten(row))
    response["Content-Disposition"] = f'attachment; filename="puls-locuri-de-munca-{stamp}.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    return response
