"""The role home pages: each combines several apps, so it lives above all of them."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from casework import selectors as casework_selectors
from casework.filters import WHOLE_CNP_REFUSAL, CaseloadFilter, is_whole_cnp
from employers import selectors as employer_selectors
from jobseekers import selectors as jobseeker_selectors
from jobseekers import services as jobseeker_services
from jobseekers.decorators import profile_required
from mediation import selectors as mediation_selectors
from puls.accounts.permissions import (
    agency_staff_required,
    counsellor_required,
    employer_required,
    jobseeker_required,
)
from puls.http import client_ip
from puls.views import paginate

from . import selectors
from .forms import MatchFilterForm


@employer_required
@require_GET
def employer_dashboard(request):
    context = employer_selectors.employer_dashboard(request.user)
    context["proposals"] = mediation_selectors.proposals_visible_to(request.user)[:10]
    return render(request, "portal/employer_dashboard.html", context)


@jobseeker_required
@profile_required
def jobseeker_dashboard(request, profile):
    profile = jobseeker_selectors.dossier_detail(profile)
    upcoming = list(
        jobseeker_selectors.bookings_of(profile)
        .filter(status="booked", slot__start__gte=timezone.now())
        .order_by("slot__start")[:3]
    )
    return render(
        request,
        "portal/jobseeker_dashboard.html",
        {
            "profile": profile,
            "completeness": jobseeker_selectors.completeness_of(profile),
            "upcoming": upcoming,
            "todo": selectors.jobseeker_todo(profile, upcoming=upcoming),
        },
    )


@jobseeker_required
@require_GET
@profile_required
def jobseeker_matches(request, profile):
    """Jobs that fit me: the open vacancies mediation ranks for the person, if they consented."""
    form = MatchFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    unavailable = selectors.matches_unavailable_because(profile)
    matches = [] if unavailable else selectors.jobseeker_matches(profile, **filters)
    return render(
        request,
        "portal/jobseeker_matches.html",
        {
            "profile": profile,
            "form": form,
            "unavailable": unavailable,
            "filtered": any(filters.values()),
            "page_obj": paginate(request, matches, per_page=10),
        },
    )


@jobseeker_required
@profile_required
def jobseeker_dossier(request, profile):
    """My dossier: everything SPO holds about me, and which staff opened it."""
    profile = jobseeker_selectors.dossier_detail(profile)
    openings = paginate(request, jobseeker_selectors.staff_openings_of(profile), per_page=20)
    return render(
        request,
        "portal/jobseeker_dossier.html",
        {
            "profile": profile,
            "completeness": jobseeker_selectors.completeness_of(profile),
            "bookings": jobseeker_selectors.bookings_of(profile)[:20],
            "openings": openings,
            "now": timezone.now(),
            "suggested_skills": jobseeker_selectors.suggested_skills_for(profile),
            "closure": profile.closure_requests.filter(outcome="pending").first(),
            "proposals": mediation_selectors.proposals_for_jobseeker(profile),
            "casework_plan": casework_selectors.plan_for_jobseeker(profile),
        },
    )


# The caseload's filters (besides the order), for "N of my clients match" and "clear the filters".
FILTERS = ("q", "level", "plan", "vulnerable", "overdue", "no_share_consent")


@counsellor_required
@require_GET
def counsellor_caseload(request):
    """The counsellor's home: my clients, today's appointments, overdue actions, reviews waiting,
    recent outcomes of proposals."""
    if is_whole_cnp(request.GET.get("q", "")):  # out of the address, the history, the page
        messages.error(request, WHOLE_CNP_REFUSAL)
        query = request.GET.copy()
        del query["q"]
        return redirect(f"{request.path}?{query.urlencode()}" if query else request.path)
    filters = CaseloadFilter(request.GET, queryset=casework_selectors.caseload_of(request.user))
    clients = paginate(request, filters.qs, per_page=25)
    jobseeker_services.profiles_listed(
        by=request.user,
        profile_ids=[case_file.profile_id for case_file in clients],
        ip=client_ip(request),
        path=request.path,
    )
    return render(
        request,
        "portal/counsellor_caseload.html",
        {
            "clients": clients,
            "filters": filters,
            "filtered": any(filters.form.cleaned_data.get(name) for name in FILTERS),
            "plan_due_days": casework_selectors.plan_due_days(),
            **selectors.counsellor_home(request.user),
        },
        status=200 if filters.is_valid() else 400,
    )


@agency_staff_required
@require_GET
def staff_dossier_moved(request, pk):
    """The staff dossier's old address (/persoane/agentie/persoane/<id>/): the dossier is a tab
    of the person's one page now, next to the case file."""
    return redirect(reverse("casework:case_detail", args=[pk]) + "?fila=dosar")
