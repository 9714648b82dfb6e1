"""Views of the mediation app: parse the request, call a selector or a service, render."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_POST

from jobseekers import services as jobseeker_services
from puls.accounts.permissions import (
    can,
    counsellor_required,
    employer_required,
    jobseeker_required,
    mediation_party_required,
    staff_required,
)
from puls.audit.models import AuditEntry
from puls.http import client_ip
from puls.views import attachment, audit_read, paginate, reported

from . import forms, pdf, selectors, services
from .models import Proposal, ProposalStatus

PAGE_SIZE = 20


@counsellor_required
@require_GET
def dashboard(request):
    return render(request, "mediation/dashboard.html", selectors.counsellor_dashboard(request.user))


@staff_required
@require_GET
def vacancy_list(request):
    vacancies = selectors.open_vacancies_of_agency(request.user)
    page = paginate(request, vacancies, per_page=PAGE_SIZE)
    return render(request, "mediation/vacancy_list.html", {"page_obj": page})


@staff_required
@require_GET
def vacancy_candidates(request, pk):
    """The ranked candidates of a vacancy, with explanations (audited: it shows personal data)."""
    vacancy = get_object_or_404(selectors.vacancies_for_matching(request.user), pk=pk)
    form = forms.CandidateFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.ranked_candidates(
        vacancy=vacancy,
        user=request.user,
        national=filters.get("national", False),
        county=filters["county"].pk if filters.get("county") else None,
        vulnerable=filters.get("vulnerable") or None,
        level=filters.get("level") or None,
    )
    audit_read(request, AuditEntry.Action.VIEW, vacancy)
    jobseeker_services.profiles_listed(
        by=request.user,
        profile_ids=[row.profile.pk for row in rows],
        ip=client_ip(request),
        path=request.path,
    )
    may_propose = can(request.user, "mediation:propose", vacancy)
    return render(
        request,
        "mediation/vacancy_candidates.html",
        {
            "vacancy": vacancy,
            "rows": rows,
            "form": form,
            "may_propose": may_propose,
            "propose_form": forms.ProposeForm(
                profiles=selectors.profiles_for_matching(request.user)
            ),
        },
    )


@counsellor_required
@require_POST
def vacancy_propose(request, pk):
    vacancy = get_object_or_404(selectors.vacancies_for_matching(request.user), pk=pk)
    form = forms.ProposeForm(request.POST, profiles=selectors.profiles_for_matching(request.user))
    if not form.is_valid():
        messages.error(
            request, " ".join(error for errors in form.errors.values() for error in errors)
        )
        return redirect("mediation:vacancy_candidates", pk=vacancy.pk)
    made, refused = services.proposals_create(
        vacancy=vacancy,
        profiles=list(form.cleaned_data["profiles"]),
        by=request.user,
        message=form.cleaned_data["message"],
        ip=client_ip(request),
    )
    if made:
        messages.success(
            request,
            ngettext("%(count)d person was proposed.", "%(count)d people were proposed.", len(made))
            % {"count": len(made)},
        )
    for profile, error in refused:
        messages.error(request, f"{profile.display_name}: {error}")
    return redirect("mediation:vacancy_candidates", pk=vacancy.pk)


@staff_required
@require_GET
def profile_vacancies(request, pk):
    """The ranked vacancies for a person (audited: it opens their dossier's data)."""
    profile = get_object_or_404(selectors.profiles_for_matching(request.user), pk=pk)
    form = forms.VacancyFilterForm(request.GET or None)
    county = form.cleaned_data.get("county") if form.is_valid() else None
    rows = selectors.ranked_vacancies(
        profile=profile, user=request.user, county=county.pk if county else None
    )
    audit_read(request, AuditEntry.Action.VIEW, profile)
    may_propose = can(request.user, "mediation:propose", profile)
    return render(
        request,
        "mediation/profile_vacancies.html",
        {"profile": profile, "rows": rows, "form": form, "may_propose": may_propose},
    )


@counsellor_required
@require_POST
def profile_propose(request, pk):
    profile = get_object_or_404(selectors.profiles_for_matching(request.user), pk=pk)
    form = forms.ProposeVacancyForm(
        request.POST, vacancies=selectors.vacancies_for_matching(request.user)
    )
    if form.is_valid():
        vacancy = form.cleaned_data["vacancy"]
        with reported(request) as outcome:
            services.proposal_create(
                vacancy=vacancy,
                profile=profile,
                by=request.user,
                message=form.cleaned_data["message"],
                ip=client_ip(request),
            )
        if outcome.ok:
            messages.success(
                request, _("The person was proposed for “%(title)s”.") % {"title": vacancy.title}
            )
    else:
        messages.error(request, _("Choose a vacancy from the list."))
    return redirect("mediation:profile_vacancies", pk=profile.pk)


@mediation_party_required
@require_GET
def proposal_list(request):
    form = forms.ProposalFilterForm(request.GET or None)
    proposals = selectors.proposals_visible_to(request.user)
    if form.is_valid() and form.cleaned_data["status"]:
        proposals = proposals.filter(status=form.cleaned_data["status"])
    page = paginate(request, proposals.order_by("-created_at", "-pk"), per_page=PAGE_SIZE)
    jobseeker_services.profiles_listed(
        by=request.user,
        profile_ids=[proposal.profile_id for proposal in page],
        ip=client_ip(request),
        path=request.path,
    )
    return render(request, "mediation/proposal_list.html", {"page_obj": page, "form": form})


@mediation_party_required
@require_GET
def proposal_detail(request, pk):
    try:
        proposal = selectors.proposal_detail(selectors.proposals_visible_to(request.user), pk)
    except Proposal.DoesNotExist:
        raise Http404 from None
    user = request.user
    audit_read(request, AuditEntry.Action.VIEW, proposal)
    return render(
        request,
        "mediation/proposal_detail.html",
        {
            "proposal": proposal,
            "is_person": proposal.profile.user_id == user.pk,
            "is_staff": user.is_spo_staff or user.is_superuser,
            "shared": selectors.shared_profile(proposal.profile)
            if can(user, "mediation:read_shared_profile", proposal)
            else None,
            "may_read_assessment": can(user, "mediation:read_assessment", proposal),
            "may_answer": can(user, "mediation:answer", proposal),
            "may_decide": can(user, "mediation:decide", proposal),
            "may_invite": can(user, "mediation:invite", proposal),
            "may_withdraw": can(user, "mediation:withdraw", proposal),
            "reason_form": forms.ReasonForm(),
            "invite_form": forms.InviteForm(),
            "reject_form": forms.RejectForm(),
            "hire_form": forms.HireForm(),
        },
    )


def _act(request, pk, *, form_class, action, success):
    """Run a transition service on a proposal the user sees, from a POSTed form."""
    proposal = get_object_or_404(selectors.proposals_visible_to(request.user), pk=pk)
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(
            request, " ".join(error for errors in form.errors.values() for error in errors)
        )
        return redirect("mediation:proposal_detail", pk=proposal.pk)
    with reported(request) as outcome:
        action(proposal=proposal, by=request.user, ip=client_ip(request), **form.cleaned_data)
    if outcome.ok:
        messages.success(request, success)
    return redirect("mediation:proposal_detail", pk=proposal.pk)


def _proposal_action(role_required, form_class, action, success):
    """The POST-only view, for the users ``role_required`` lets in, that runs the transition
    service ``action`` from a ``form_class`` form and shows ``success`` when it went through."""

    @role_required
    @require_POST
    def view(request, pk):
        return _act(request, pk, form_class=form_class, action=action, success=success)

    view.__name__ = view.__qualname__ = action.__name__
    return view


proposal_accept = _proposal_action(
    jobseeker_required,
    forms.ConfirmForm,
    services.proposal_accept,
    gettext_lazy(
        "You accepted the proposal; the employer has been told. Your letter is ready to download."
    ),
)
proposal_decline = _proposal_action(
    jobseeker_required,
    forms.ReasonForm,
    services.proposal_decline,
    gettext_lazy("You declined the proposal; your counsellor has been told."),
)
proposal_invite = _proposal_action(
    employer_required,
    forms.InviteForm,
    services.proposal_invite,
    gettext_lazy("The candidate was invited to an interview."),
)
proposal_reject = _proposal_action(
    employer_required,
    forms.RejectForm,
    services.proposal_reject,
    gettext_lazy("Your answer was recorded."),
)
proposal_hire = _proposal_action(
    employer_required,
    forms.HireForm,
    services.proposal_hire,
    gettext_lazy("The hire was recorded and the filled post reported."),
)
proposal_withdraw = _proposal_action(
    counsellor_required,
    forms.ReasonForm,
    services.proposal_withdraw,
    gettext_lazy("The proposal was withdrawn."),
)


@mediation_party_required
@require_GET
def proposal_letter(request, pk):
    """The PDF letter, once the person accepted (for the person and the staff)."""
    proposal = get_object_or_404(
        selectors.proposals_visible_to(request.user).exclude(
            status__in=[ProposalStatus.PROPOSED, ProposalStatus.DECLINED]
        ),
        pk=pk,
    )
    if not can(request.user, "mediation:read_assessment", proposal):
        raise Http404
    audit_read(request, AuditEntry.Action.DOWNLOAD, proposal)
    return attachment(
        pdf.proposal_letter_pdf(proposal),
        filename=f"{proposal.registration_number or f'propunere-{proposal.pk}'}.pdf",
        content_type="application/pdf",
    )


@staff_required
@require_GET
def weights(request):
    active = selectors.active_weight_set()
    return render(
        request,
        "mediation/weights.html",
        {
            "active": active,
            "active_weights": sorted(
                selectors.weights_in_use(active).items(), key=lambda item: -item[1]
            ),
            "weight_sets": selectors.weight_sets()[:20],
        },
    )
