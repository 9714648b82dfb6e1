"""Public pages of the reference data: about the data, and JSON autocompletes for forms."""

import re
from datetime import date

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import selectors
from .labels import concept_label

MIN_QUERY_LENGTH = 2
MAX_RESULTS = 20
_ISCO_CODE = re.compile(r"^\d{1,4}$")


@require_GET
def about(request):
    return render(
        request,
        "reference/about.html",
        {
            "attribution": selectors.data_attribution(),
            "counts": selectors.reference_data_counts(),
        },
    )


@require_GET
def accessibility_statement(request):
    return render(
        request,
        "reference/accessibility.html",
        {
            "operator": settings.PULS_OPERATOR,
            "site_url": settings.PULS_SITE_URL,
            "statement_date": date.fromisoformat(settings.PULS_ACCESSIBILITY_STATEMENT_DATE),
        },
    )


@require_GET
def privacy_notice(request):
    retention = settings.PULS_RETENTION
    return render(
        request,
        "reference/privacy.html",
        {
            "operator": settings.PULS_OPERATOR,
            "sent_email_days": retention["sent_email"]["days"],
            "audit_days": retention["audit"]["days"],
            "inactivity_days": settings.PULS_INACTIVITY_NOTICE_DAYS,
            "grace_days": settings.PULS_INACTIVITY_GRACE_DAYS,
        },
    )


@require_GET
def contact(request):
    return render(
        request,
        "reference/contact.html",
        {"operator": settings.PULS_OPERATOR, "agencies": selectors.agencies_for_contact()},
    )


def _query(request):
    """The `q` parameter, or None when it is too short to search."""
    query = request.GET.get("q", "").strip()
    return query if len(query) >= MIN_QUERY_LENGTH else None


def _items(objects, *, code=lambda obj: obj.code, label=lambda obj: obj.label()):
    return JsonResponse(
        [{"id": obj.pk, "code": code(obj), "label": label(obj)} for obj in objects], safe=False
    )


@require_GET
def cor_autocomplete(request):
    query = _query(request)
    if query is None:
        return _items([])
    return _items(
        selectors.search_cor_occupations(query, limit=MAX_RESULTS),
        label=lambda occupation: occupation.name,
    )


@require_GET
def cor_esco_occupations(request, code):
    """The ESCO occupations of a COR occupation's ISCO-08 group, closest first, for the page to
    offer after a COR occupation is picked; `lang` says which language each label is in."""
    cor_occupation = selectors.cor_occupation_named(code)
    if cor_occupation is None:
        return JsonResponse([], safe=False, status=404)
    options = selectors.esco_occupations_for_cor(cor_occupation)
    return JsonResponse(
        [
            {"id": option.pk, "code": option.code, "label": label, "lang": label.language}
            for option in options
            for label in [concept_label(option)]
        ],
        safe=False,
    )


@require_GET
def esco_occupation_autocomplete(request):
    isco = request.GET.get("isco", "").strip() or None
    if isco is not None and not _ISCO_CODE.match(isco):
        return JsonResponse(
            {"error": _("The ISCO-08 code must have one to four digits.")}, status=400
        )
    query = _query(request)
    if query is None:
        return _items([])
    return _items(
        selectors.search_esco_occupations(
            query, language=get_language(), limit=MAX_RESULTS, isco=isco
        )
    )


@require_GET
def skill_autocomplete(request):
    query = _query(request)
    if query is None:
        return _items([])
    # ESCO skills have no code (only a URI), hence null.
    return _items(
        selectors.search_skills(query, language=get_language(), limit=MAX_RESULTS),
        code=lambda skill: None,
    )
