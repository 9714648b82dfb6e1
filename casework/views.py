"""Views of case management: parse the request, call a selector or a service, render."""

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from jobseekers import selectors as jobseeker_selectors
from jobseekers import services as jobseeker_services
from network.permissions import network_member_required
from puls.accounts.permissions import (
    agency_admin_required,
    agency_staff_required,
    analyst_required,
    can,
    counsellor_required,
    jobseeker_required,
    signed_in_required,
    staff_required,
)
from puls.audit.models import AuditEntry
from puls.exports import csv_bytes, xlsx_bytes
from puls.http import client_ip
from puls.views import attachment, audit_read, paginate, posted_values, reported

from . import exports, forms, pdf, selectors, services
from .filters import ReceivedReferralFilter
from .prefill import profiling_prefill

PAGE_SIZE = 25


def _case_file(request, pk):
    """The case of a person of the user's agency (404 for anyone else's), created on first use
    by a POST; a GET reads the existing case or gets an unsaved one (a GET never writes)."""
    profile = get_object_or_404(selectors.case_profiles_for(request.user), pk=pk)
    if request.method == "POST":
        return services.case_file_ensure(profile=profile)
    return selectors.case_file_or_unsaved(profile)


PERSON_TABS = {"caz": "case", "dosar": "dossier"}


def _person_page(request, pk, *, tab, cnp_revealed=False):
    """One page per person: the case file (profiling, plan, referrals, interventions) and the
    personal dossier as two tabs of one address; only the shown tab is loaded. Opening it is
    audited as a read of the person's data (a reveal of the whole CNP, when asked)."""
    profile = get_object_or_404(selectors.person_profiles_for(request.user), pk=pk)
    tab = "dossier" if profile.is_closed else PERSON_TABS.get(tab or "", "case")
    case_file = selectors.case_file_or_unsaved(profile)
    saved = case_file.pk is not None
    if saved:
        case_file = selectors.case_detail(case_file)
    action = AuditEntry.Action.REVEAL if cnp_revealed else AuditEntry.Action.VIEW
    audit_read(request, action, profile)
    context = {"case_file": case_file, "profile": profile, "tab": tab}
    if tab == "dossier":
        profile = jobseeker_selectors.dossier_detail(profile)
        context.update(
            profile=profile,
            completeness=jobseeker_selectors.completeness_of(profile),
            bookings=jobseeker_selectors.bookings_of(profile)[:20],
            interests=jobseeker_selectors.interests_of(profile)[:50],
            cnp_revealed=cnp_revealed,
        )
    else:
        context.update(_case_context(request, case_file, saved=saved))
    return render(request, "casework/case_detail.html", context)


def _case_context(request, case_file, *, saved):
    plans = list(case_file.plans.all()) if saved else []
    return {
        "profilings": list(case_file.profilings.all()) if saved else [],
        "plans": plans,
        "open_plan": next((plan for plan in plans if plan.status != "closed"), None),
        "interventions": case_file.interventions.all() if saved else [],
        "may_read_sensitive": selectors.may_read_sensitive(request.user, case_file),
        "referrals": case_file.referrals.all() if saved else [],
        "counsellors": (
            selectors.counsellors_of(request.user)
            if can(request.user, "casework:assign_owners")
            else []
        ),
        # Each form its own ids (the intervention's and the referral's "note" were both
        # id_note, so the label of the required one named the other); the names stay.
        "override_form": forms.OverrideForm(auto_id="override_%s"),
        "plan_form": forms.PlanForm(auto_id="plan_%s"),
        "intervention_form": forms.InterventionForm(auto_id="intervention_%s"),
        "referral_form": forms.ReferralForm(
            organisations=selectors.partner_organisations(), auto_id="referral_%s"
        ),
        "referral_result_form": forms.ReferralOutcomeForm(),
    }


@agency_staff_required
@require_GET
def case_detail(request, pk):
    return _person_page(request, pk, tab=request.GET.get("fila"))


@agency_staff_required
@require_POST
def cnp_reveal(request, pk):
    """The dossier tab with the whole CNP: an explicit action, audited and shown to the person."""
    return _person_page(request, pk, tab="dosar", cnp_revealed=True)


@counsellor_required
def profiling_new(request, pk):
    case_file = _case_file(request, pk)
    factors = list(selectors.active_factors())
    prefill = profiling_prefill(case_file.profile, factors)
    form = forms.ProfilingForm(request.POST or None, factors=factors, prefill=prefill)
    if request.method == "POST" and form.is_valid():
        with reported(request) as outcome:
            result = services.profiling_record(
                case_file=case_file,
                answers=form.answers(),
                by=request.user,
                ip=client_ip(request),
                prefill=prefill,
            )
        if outcome.ok:
            messages.success(
                request, _("Profiling recorded: %(level)s.") % {"level": result.get_level_display()}
            )
            return redirect("casework:case_detail", pk=pk)
    audit_read(request, AuditEntry.Action.VIEW, case_file.profile)
    return render(
        request,
        "casework/profiling_form.html",
        {"form": form, "profile": case_file.profile, "prefilled": len(prefill)},
    )


@counsellor_required
@require_POST
def profiling_override(request, pk):
    result = get_object_or_404(selectors.profilings_for(request.user), pk=pk)
    form = forms.OverrideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the four levels."))
    else:
        with reported(request, _("The level has been overridden.")):
            services.profiling_override(
                result=result, by=request.user, ip=client_ip(request), **form.cleaned_data
            )
    return redirect("casework:case_detail", pk=result.case_file.profile_id)


@counsellor_required
@require_POST
def plan_create(request, pk):
    case_file = _case_file(request, pk)
    form = forms.PlanForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the employment goal of the plan."))
        return redirect("casework:case_detail", pk=pk)
    with reported(request) as outcome:
        plan = services.plan_create(
            case_file=case_file, by=request.user, ip=client_ip(request), **form.cleaned_data
        )
    if not outcome.ok:
        return redirect("casework:case_detail", pk=pk)
    return redirect("casework:plan_detail", pk=plan.pk)


def _measure_form(plan, data=None):
    return forms.MeasureForm(
        data, catalogue=selectors.measure_catalogue(), staff=selectors.agency_staff_for(plan)
    )


@agency_staff_required
def plan_detail(request, pk):
    plan = selectors.plan_with_measures(get_object_or_404(selectors.plans_for(request.user), pk=pk))
    form = _measure_form(plan, request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            with reported(request) as outcome:
                services.plan_measure_add(
                    plan=plan, by=request.user, ip=client_ip(request), **form.cleaned_data
                )
            if outcome.ok:
                messages.success(request, _("The measure has been added to the plan."))
                return redirect("casework:plan_detail", pk=pk)
        else:
            messages.error(request, _("A measure needs a responsible person and a deadline."))
    else:
        audit_read(request, AuditEntry.Action.VIEW, plan)
    return render(
        request,
        "casework/plan_detail.html",
        {
            "plan": plan,
            "profile": plan.case_file.profile,
            "form": form,
            "action_form": forms.MeasureActionForm(),
            "close_form": forms.ReasonForm(),
        },
    )


@agency_staff_required
@require_POST
def measure_update(request, pk):
    measure = get_object_or_404(selectors.measures_for(request.user), pk=pk)
    form = forms.MeasureActionForm(request.POST)
    if form.is_valid():
        action, outcome = form.cleaned_data["action"], form.cleaned_data["outcome"]
        with reported(request, _("The measure has been updated.")):
            if action == "start":
                services.measure_start(measure=measure, by=request.user, ip=client_ip(request))
            elif action == "complete":
                services.measure_complete(
                    measure=measure, by=request.user, outcome=outcome, ip=client_ip(request)
                )
            else:
                services.measure_cancel(
                    measure=measure, by=request.user, reason=outcome, ip=client_ip(request)
                )
    return redirect("casework:plan_detail", pk=measure.plan_id)


@counsellor_required
@require_POST
def plan_issue(request, pk):
    plan = get_object_or_404(selectors.plans_for(request.user), pk=pk)
    with reported(request, _("The plan has been given to the person for acknowledgement.")):
        services.plan_issue(plan=plan, by=request.user, ip=client_ip(request))
    return redirect("casework:plan_detail", pk=pk)


@agency_staff_required
@require_POST
def plan_close(request, pk):
    plan = get_object_or_404(selectors.plans_for(request.user), pk=pk)
    values = posted_values(forms.ReasonForm(request.POST))
    with reported(request, _("The plan has been closed.")):
        services.plan_close(plan=plan, by=request.user, ip=client_ip(request), **values)
    return redirect("casework:plan_detail", pk=pk)


def _pdf_response(plan, request):
    audit_read(request, AuditEntry.Action.DOWNLOAD, plan)
    return attachment(
        pdf.plan_pdf(plan), filename=f"plan-{plan.pk}.pdf", content_type="application/pdf"
    )


@agency_staff_required
@require_GET
def plan_pdf(request, pk):
    plan = selectors.plan_with_measures(get_object_or_404(selectors.plans_for(request.user), pk=pk))
    return _pdf_response(plan, request)


@agency_staff_required
@require_POST
def intervention_add(request, pk):
    case_file = _case_file(request, pk)
    form = forms.InterventionForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, " ".join(error for errors in form.errors.values() for error in errors)
        )
        return redirect("casework:case_detail", pk=pk)
    with reported(request, _("The intervention has been recorded.")):
        services.intervention_record(
            case_file=case_file, by=request.user, ip=client_ip(request), **form.cleaned_data
        )
    return redirect("casework:case_detail", pk=pk)


@agency_staff_required
@require_GET
def intervention_note(request, pk):
    """A sensitive note: for the case owner and the agency administrator only; each read is
    audited. Others get 404, as if the note did not exist."""
    intervention = get_object_or_404(selectors.interventions_for(request.user), pk=pk)
    if not selectors.may_read_sensitive(request.user, intervention.case_file):
        raise Http404
    audit_read(request, AuditEntry.Action.VIEW, intervention)
    return render(
        request,
        "casework/intervention_note.html",
        {"intervention": intervention, "profile": intervention.case_file.profile},
    )


# --- The person ----------------------------------------------------------------------------------


@jobseeker_required
@require_GET
def my_plan(request):
    plan = selectors.plan_of_user(request.user)
    return render(request, "casework/my_plan.html", {"plan": plan})


@signed_in_required
@require_GET
def training_catalogue(request):
    """The training measures of the catalogue and the competences each teaches (linked from a
    missing competence on "Jobs that fit me")."""
    return render(
        request, "casework/training_catalogue.html", {"measures": selectors.training_catalogue()}
    )


@jobseeker_required
@require_POST
def my_plan_acknowledge(request):
    plan = selectors.plan_of_user(request.user)
    if plan is None:
        raise Http404
    with reported(request, _("Thank you: you have acknowledged your plan.")):
        services.plan_acknowledge(plan=plan, by=request.user, ip=client_ip(request))
    return redirect("casework:my_plan")


@jobseeker_required
@require_GET
def my_plan_pdf(request):
    plan = selectors.plan_of_user(request.user)
    if plan is None:
        raise Http404
    return _pdf_response(plan, request)


# --- Agency administrator ------------------------------------------------------------------------


@agency_admin_required
@require_GET
def assignments(request):
    unassigned = paginate(request, selectors.unassigned_profiles(request.user), per_page=PAGE_SIZE)
    jobseeker_services.profiles_listed(
        by=request.user,
        profile_ids=[profile.pk for profile in unassigned],
        ip=client_ip(request),
        path=request.path,
    )
    counsellors = list(selectors.counsellors_of(request.user))
    return render(
        request,
        "casework/assignments.html",
        {
            "unassigned": unassigned,
            "counsellors": counsellors,
            "suggested": counsellors[0] if counsellors else None,
            "assign_form": forms.AssignForm(counsellors=selectors.counsellors_of(request.user)),
        },
    )


@agency_admin_required
@require_POST
def assign(request, pk):
    case_file = _case_file(request, pk)
    form = forms.AssignForm(request.POST, counsellors=selectors.counsellors_of(request.user))
    if not form.is_valid():
        messages.error(request, _("Choose a counsellor of the agency."))
    else:
        with reported(request, _("The case owner has been set.")):
            services.case_owner_assign(
                case_file=case_file, by=request.user, ip=client_ip(request), **form.cleaned_data
            )
    if request.POST.get("next") == "case":
        return redirect("casework:case_detail", pk=pk)
    return redirect("casework:assignments")


@agency_admin_required
@require_POST
def balance(request):
    with reported(request) as outcome:
        count = services.caseload_balance(
            agency=request.user.agency,
            by=request.user,
            ip=client_ip(request),
            profiles=selectors.unassigned_profiles(request.user)[:200],
        )
    if outcome.ok:
        messages.success(
            request,
            ngettext("%(count)d case assigned.", "%(count)d cases assigned.", count)
            % {"count": count},
        )
    return redirect("casework:assignments")


# --- National analyst ----------------------------------------------------------------------------


@analyst_required
def factors(request):
    factor_list = list(selectors.all_factors())
    thresholds = list(selectors.thresholds())
    form = forms.WeightsForm(request.POST or None, factors=factor_list, thresholds=thresholds)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with reported(request) as outcome:
            services.profiling_weights_update(
                weights={f: data[f"weight_{f.pk}"] for f in factor_list},
                points={o: data[f"points_{o.pk}"] for f in factor_list for o in f.options.all()},
                thresholds={t.level: data[f"threshold_{t.level}"] for t in thresholds},
                by=request.user,
                ip=client_ip(request),
            )
        if outcome.ok:
            messages.success(request, _("The profiling weights have been saved."))
            return redirect("casework:factors")
    return render(request, "casework/factors.html", {"form": form})


# --- Evidence of measures ------------------------------------------------------------------------


@staff_required
@require_GET
# Showing the form is harmless; the exports (every person of the agency) ask for the password again.
@reauthentication_required(enabled=lambda request: "export" in request.GET)
def evidence(request):
    form = forms.EvidenceForm(request.GET or None)
    export = request.GET.get("export")
    if not (form.is_valid() and export in ("persons.csv", "measures.csv", "xlsx")):
        return render(request, "casework/evidence.html", {"form": form})
    since, until = form.cleaned_data["since"], form.cleaned_data["until"]
    persons = exports.persons_rows(request.user, since=since, until=until)
    measures = exports.measures_rows(request.user, since=since, until=until)
    audit_read(request, AuditEntry.Action.EXPORT)
    stem = f"evidenta-{since:%Y%m%d}-{until:%Y%m%d}"
    if export == "xlsx":
        content = xlsx_bytes(
            [(_("Persons registered"), *persons), (_("Measures delivered"), *measures)]
        )
        return attachment(
            content,
            filename=f"{stem}.xlsx",
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    header, rows = persons if export == "persons.csv" else measures
    return attachment(csv_bytes(header, rows), filename=f"{stem}-{export}", content_type="text/csv")


# --- Mediation groups ----------------------------------------------------------------------------


@agency_staff_required
def group_list(request):
    form = forms.GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with reported(request, form=form) as outcome:
            group = services.group_create(
                agency=request.user.agency,
                by=request.user,
                ip=client_ip(request),
                **form.cleaned_data,
            )
        if outcome.ok:
            return redirect("casework:group_detail", pk=group.pk)
    groups = paginate(request, selectors.groups_for(request.user), per_page=PAGE_SIZE)
    return render(request, "casework/group_list.html", {"groups": groups, "form": form})


@agency_staff_required
def group_detail(request, pk):
    group = selectors.group_detail(get_object_or_404(selectors.groups_for(request.user), pk=pk))
    if request.method == "POST":
        form = forms.GroupMembersForm(
            request.POST, profiles=selectors.case_profiles_for(request.user)
        )
        if not form.is_valid():
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
            return redirect("casework:group_detail", pk=pk)
        count = services.group_members_add(
            group=group,
            profiles=form.cleaned_data["profiles"],
            by=request.user,
            ip=client_ip(request),
        )
        messages.success(
            request,
            ngettext(
                "%(count)d person added to the group.",
                "%(count)d people added to the group.",
                count,
            )
            % {"count": count},
        )
        return redirect("casework:group_detail", pk=pk)
    filters = forms.CandidateFilterForm(request.GET or None)
    candidates = []
    if filters.is_valid() and any(filters.cleaned_data.values()):
        candidates = selectors.group_candidates(request.user, group=group, **filters.cleaned_data)
    audit_read(request, AuditEntry.Action.VIEW, group)
    return render(
        request,
        "casework/group_detail.html",
        {
            "group": group,
            "filters": filters,
            "candidates": candidates,
            "session_form": forms.SessionForm(
                companies=selectors.companies_to_invite(request.user)
            ),
        },
    )


@agency_staff_required
@require_POST
def session_create(request, pk):
    group = get_object_or_404(selectors.groups_for(request.user), pk=pk)
    form = forms.SessionForm(request.POST, companies=selectors.companies_to_invite(request.user))
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("casework:group_detail", pk=pk)
    data = form.cleaned_data
    with reported(request) as outcome:
        session = services.session_plan(
            group=group,
            kind=data["kind"],
            starts_at=data["starts_at"],
            place=data["place"],
            companies=data["companies"],
            notes=data["notes"],
            by=request.user,
            ip=client_ip(request),
        )
    if not outcome.ok:
        return redirect("casework:group_detail", pk=pk)
    return redirect("casework:session_detail", pk=session.pk)


@agency_staff_required
def session_detail(request, pk):
    session = selectors.session_detail(
        get_object_or_404(selectors.sessions_for(request.user), pk=pk)
    )
    proposals = selectors.proposals_of_members(request.user, session)
    if request.method == "POST":
        form = forms.SessionRecordForm(
            request.POST, members=session.group.members.all(), proposals=proposals
        )
        if not form.is_valid():
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
            return redirect("casework:session_detail", pk=pk)
        with reported(request, _("Attendance and proposals have been recorded.")):
            services.session_record(
                session=session,
                attended_ids={profile.pk for profile in form.cleaned_data["attended"]},
                proposals=form.cleaned_data["proposals"],
                by=request.user,
                ip=client_ip(request),
            )
        return redirect("casework:session_detail", pk=pk)
    attended = {a.profile_id for a in session.attendances.all() if a.attended}
    linked = {p.pk for p in session.proposals.all()}
    return render(
        request,
        "casework/session_detail.html",
        {"session": session, "attended": attended, "linked": linked, "proposals": proposals[:50]},
    )


# --- Referrals: the counsellor's side ----------------------------------------------------------


@agency_staff_required
@require_POST
def referral_create(request, pk):
    case_file = _case_file(request, pk)
    form = forms.ReferralForm(request.POST, organisations=selectors.partner_organisations())
    if not form.is_valid():
        messages.error(request, _("Choose a member organisation of the network and a purpose."))
        return redirect("casework:case_detail", pk=pk)
    with reported(request, _("The referral has been sent to the organisation.")):
        services.referral_create(
            case_file=case_file, by=request.user, ip=client_ip(request), **form.cleaned_data
        )
    return redirect("casework:case_detail", pk=pk)


@agency_staff_required
@require_POST
def referral_close(request, pk):
    """The outcome of a referral to an organisation that does not answer in PULS."""
    referral = get_object_or_404(selectors.referrals_for(request.user), pk=pk)
    values = posted_values(forms.ReferralOutcomeForm(request.POST))
    with reported(request, _("The result of the referral has been recorded.")):
        services.referral_close(referral=referral, by=request.user, ip=client_ip(request), **values)
    return redirect("casework:case_detail", pk=referral.case_file.profile_id)


@agency_staff_required
@require_POST
def referral_withdraw(request, pk):
    referral = get_object_or_404(selectors.referrals_for(request.user), pk=pk)
    with reported(request, _("The referral has been withdrawn; the organisation is told.")):
        services.referral_withdraw(referral=referral, by=request.user, ip=client_ip(request))
    return redirect("casework:case_detail", pk=referral.case_file.profile_id)


# --- Referrals: the partner organisation's side --------------------------------------------------


@network_member_required
@require_GET
def received_referrals(request):
    """“Received referrals”: the organisation's referrals, newest first, filtered by status. The
    names shown are audited as a list of each person."""
    filters = ReceivedReferralFilter(
        request.GET, queryset=selectors.referrals_received_by(request.user)
    )
    page = paginate(request, filters.qs, per_page=PAGE_SIZE)
    jobseeker_services.profiles_listed(
        by=request.user,
        profile_ids=[r.case_file.profile_id for r in page if r.shares_person],
        ip=client_ip(request),
        path=request.path,
    )
    return render(
        request,
        "casework/received_referrals.html",
        {
            "page_obj": page,
            "filters": filters,
            "filtered": bool(request.GET.keys() - {"page"}),
        },
        status=200 if filters.is_valid() else 400,
    )


def _received_referral_page(request, referral, *, decline_form=None, outcome_form=None, status=200):
    referral = selectors.received_referral_detail(referral)
    if referral.shares_person:
        audit_read(request, AuditEntry.Action.VIEW, referral.case_file.profile)
    return render(
        request,
        "casework/received_referral_detail.html",
        {
            "referral": referral,
            "decline_form": decline_form or forms.ReferralDeclineForm(auto_id="decline_%s"),
            "outcome_form": outcome_form or forms.ReferralOutcomeForm(auto_id="outcome_%s"),
        },
        status=status,
    )


def _received_referral(request, pk):
    return get_object_or_404(selectors.referrals_received_by(request.user), pk=pk)


@network_member_required
@require_GET
def received_referral_detail(request, pk):
    """What the organisation needs to serve the person; reading it is audited."""
    return _received_referral_page(request, _received_referral(request, pk))


@network_member_required
@require_POST
def referral_accept(request, pk):
    referral = _received_referral(request, pk)
    with reported(request, _("You accepted the referral; the counsellor is told.")):
        services.referral_accept(referral=referral, by=request.user, ip=client_ip(request))
    return redirect("casework:received_referral_detail", pk=pk)


@network_member_required
@require_POST
def referral_decline(request, pk):
    referral = _received_referral(request, pk)
    form = forms.ReferralDeclineForm(request.POST, auto_id="decline_%s")
    values = posted_values(form)
    with reported(request, form=form, field="reason") as outcome:
        services.referral_decline(
            referral=referral, by=request.user, ip=client_ip(request), **values
        )
    if not outcome.ok:
        return _received_referral_page(request, referral, decline_form=form, status=400)
    messages.success(request, _("You declined the referral; the counsellor is told."))
    return redirect("casework:received_referral_detail", pk=pk)


@network_member_required
@require_POST
def referral_report(request, pk):
    referral = _received_referral(request, pk)
    form = forms.ReferralOutcomeForm(request.POST, auto_id="outcome_%s")
    values = posted_values(form)
    with reported(request, form=form, field="result") as outcome:
        services.referral_report_outcome(
            referral=referral, by=request.user, ip=client_ip(request), **values
        )
    if not outcome.ok:
        return _received_referral_page(request, referral, outcome_form=form, status=400)
    messages.success(request, _("The outcome has been recorded; the counsellor is told."))
    return redirect("casework:received_referral_detail", pk=pk)
