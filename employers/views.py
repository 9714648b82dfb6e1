"""Views of the employers app: parse the request, call a selector or a service, render."""

import csv

from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from puls.accounts.permissions import (
    agency_admin_required,
    can,
    counsellor_required,
    employer_or_staff_required,
    employer_required,
    staff_required,
    superuser_required,
)
from puls.audit.models import AuditEntry
from puls.collation import RomanianOrder
from puls.formatting import date_long
from puls.http import client_ip
from puls.redirects import redirect_back
from puls.throttle import throttled
from puls.views import attachment, audit_read, paginate, reported

from . import forms, jobposting, pdf, selectors, services
from .models import CompanyInvitation, CompanySize, SubsidyProgramme, Vacancy, VacancyCommunication

PAGE_SIZE = 20
CONTACTS_SHOWN = 50


# --- Companies ----------------------------------------------------------------------------------


@employer_required
@require_http_methods(["GET", "POST"])
def company_register(request):
    form = forms.CompanyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        refused = throttled(request, action="puls_company_claim")
        if refused:
            return refused
        with reported(request, form=form) as outcome:
            services.company_register(user=request.user, **form.cleaned_data)
        if outcome.ok:
            # The same next step whether the CUI was new or registered already (then its
            # administrator was asked for access): the answer goes by e-mail.
            return redirect("employers:company_register_received")
    return render(
        request,
        "employers/company_form.html",
        {
            "form": form,
            "access_form": forms.AccessRequestForm(prefix="access"),
            "registering": True,
        },
    )


@employer_required
@require_GET
def company_register_received(request):
    return render(request, "employers/company_register_received.html")


@employer_required
@require_POST
def company_access_request(request):
    form = forms.AccessRequestForm(request.POST, prefix="access")
    if not form.is_valid():
        return render(
            request,
            "employers/company_form.html",
            {"form": forms.CompanyForm(), "access_form": form, "registering": True},
            status=400,
        )
    refused = throttled(request, action="puls_company_claim")
    if refused:
        return refused
    with reported(request) as outcome:
        services.access_request_create(user=request.user, cui=form.cleaned_data["cui"])
    if not outcome.ok:
        return redirect("employers:company_register")
    messages.success(
        request,
        _(
            "If a company with this CUI is registered in PULS, we have asked its administrator "
            "by e-mail to give you access. You will get an e-mail when they answer."
        ),
    )
    return redirect("employers:dashboard")


@employer_or_staff_required
@require_GET
def company_detail(request, pk):
    company = get_object_or_404(selectors.companies_visible_to(request.user), pk=pk)
    audit_read(request, AuditEntry.Action.VIEW, company)
    membership = selectors.membership_of(request.user, company)
    is_admin = bool(membership and membership.is_admin)
    context = {
        "company": company,
        "membership": membership,
        "is_admin": is_admin,
        "can_verify": selectors.companies_actionable_by(request.user).filter(pk=pk).exists(),
        "members": selectors.company_members(company),
        "invitations": [i for i in company.invitations.all() if i.is_open] if is_admin else [],
        "access_requests": selectors.open_access_requests(company) if is_admin else [],
        "vacancies": paginate(
            request,
            company.vacancies.select_related("cor_occupation").order_by("-created_at"),
            per_page=PAGE_SIZE,
        ),
        "dossier": selectors.company_documents_visible_to(request.user)
        .filter(company=company, vacancy=None, application=None)
        .order_by("-uploaded_at"),
        "contacts": selectors.employer_contacts_visible_to(request.user).filter(company=company)[
            :CONTACTS_SHOWN
        ],
        "can_log_contact": can(request.user, "employers:prospect"),
        "show_contacts": selectors.is_staff_reader(request.user),
        "invitation_form": forms.InvitationForm(),
        "document_form": forms.CompanyDocumentForm(),
        "reason_form": forms.ReasonForm(),
    }
    return render(request, "employers/company_detail.html", context)


@employer_required
@require_http_methods(["GET", "POST"])
def company_edit(request, pk):
    company = get_object_or_404(selectors.companies_of(request.user), pk=pk)
    form = forms.CompanyEditForm(request.POST or None, instance=company)
    if request.method == "POST" and form.is_valid():
        with reported(request, form=form) as outcome:
            services.company_update(company=company, by=request.user, **form.cleaned_data)
        if outcome.ok:
            messages.success(request, _("The company's details were saved."))
            return redirect("employers:company_detail", pk=company.pk)
    return render(request, "employers/company_form.html", {"form": form, "company": company})


@counsellor_required
@require_POST
def company_verify(request, pk):
    company = get_object_or_404(selectors.companies_actionable_by(request.user), pk=pk)
    with reported(request):
        if request.POST.get("decision") == "verify":
            services.company_verify(company=company, by=request.user)
            messages.success(request, _("%(company)s is verified.") % {"company": company})
        else:
            services.company_reject(
                company=company, by=request.user, reason=request.POST.get("reason", "")
            )
            messages.success(
                request, _("%(company)s was refused verification.") % {"company": company}
            )
    return redirect_back(request, reverse("employers:company_detail", args=[company.pk]))


# --- Prospecting ----------------------------------------------------------------------------------


@counsellor_required
@require_http_methods(["GET", "POST"])
def employer_contact_create(request, pk):
    company = get_object_or_404(selectors.companies_actionable_by(request.user), pk=pk)
    form = forms.EmployerContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with reported(request, form=form) as outcome:
            services.employer_contact_log(company=company, by=request.user, **form.cleaned_data)
        if outcome.ok:
            messages.success(request, _("The contact was logged."))
            return redirect(f"{reverse('employers:company_detail', args=[company.pk])}#contacts")
    return render(
        request,
        "employers/contact_form.html",
        {"form": form, "company": company},
        status=400 if form.is_bound else 200,
    )


@counsellor_required
@require_POST
def employer_contact_done(request, pk):
    contact = get_object_or_404(selectors.employer_contacts_actionable_by(request.user), pk=pk)
    with reported(request, _("The follow-up is marked done.")):
        services.employer_contact_follow_up_done(contact=contact, by=request.user)
    return redirect_back(request, reverse("employers:company_detail", args=[contact.company_id]))


# --- Representatives ------------------------------------------------------------------------------


@employer_required
@require_POST
def invitation_create(request, pk):
    company = get_object_or_404(selectors.companies_of(request.user), pk=pk)
    form = forms.InvitationForm(request.POST)
    if form.is_valid():
        with reported(request) as outcome:
            services.invitation_create(
                company=company, by=request.user, email=form.cleaned_data["email"]
            )
        if outcome.ok:
            messages.success(
                request,
                _("The invitation was sent to %(email)s.") % {"email": form.cleaned_data["email"]},
            )
    else:
        messages.error(request, _("Enter a valid e-mail address."))
    return redirect("employers:company_detail", pk=company.pk)


@employer_required
@require_POST
def invitation_revoke(request, pk):
    invitation = get_object_or_404(
        CompanyInvitation.objects.filter(company__in=selectors.companies_of(request.user)), pk=pk
    )
    with reported(request) as outcome:
        services.invitation_revoke(invitation=invitation, by=request.user)
    if outcome.ok:
        messages.success(request, _("The invitation was revoked."))
    return redirect("employers:company_detail", pk=invitation.company_id)


@employer_required
@require_http_methods(["GET", "POST"])
def invitation_accept(request, token):
    invitation = get_object_or_404(CompanyInvitation.objects.select_related("company"), token=token)
    if request.method == "POST":
        with reported(request) as outcome:
            services.invitation_accept(invitation=invitation, user=request.user)
        if outcome.ok:
            messages.success(
                request, _("You now represent %(company)s.") % {"company": invitation.company}
            )
            return redirect("employers:company_detail", pk=invitation.company_id)
    return render(request, "employers/invitation_accept.html", {"invitation": invitation})


@employer_required
@require_POST
def membership_revoke(request, pk, membership_pk):
    company = get_object_or_404(selectors.companies_of(request.user), pk=pk)
    membership = get_object_or_404(company.memberships, pk=membership_pk)
    with reported(request) as outcome:
        services.membership_revoke(membership=membership, by=request.user)
    if outcome.ok:
        messages.success(
            request, _("%(user)s no longer represents the company.") % {"user": membership.user}
        )
    return redirect("employers:company_detail", pk=company.pk)


@employer_required
@require_POST
def admin_handover(request, pk, membership_pk):
    company = get_object_or_404(selectors.companies_of(request.user), pk=pk)
    membership = get_object_or_404(company.memberships, pk=membership_pk)
    with reported(request) as outcome:
        services.admin_handover(company=company, by=request.user, to=membership)
    if outcome.ok:
        messages.success(
            request, _("%(user)s now administers the company.") % {"user": membership.user}
        )
    return redirect("employers:company_detail", pk=company.pk)


@employer_required
@require_POST
def access_request_decide(request, pk, request_pk):
    company = get_object_or_404(selectors.companies_of(request.user), pk=pk)
    access_request = get_object_or_404(selectors.open_access_requests(company), pk=request_pk)
    with reported(request) as outcome:
        services.access_request_decide(
            access_request=access_request, by=request.user, grant=request.POST.get("grant") == "1"
        )
    if outcome.ok:
        messages.success(request, _("The request was answered."))
    return redirect("employers:company_detail", pk=company.pk)


# --- Vacancies (employer and staff) ---------------------------------------------------------------


def _vacancy_form_page(request, form, *, company, vacancy=None):
    return render(
        request,
        "employers/vacancy_form.html",
        {"form": form, "company": company, "vacancy": vacancy},
    )


@employer_required
@require_http_methods(["GET", "POST"])
def vacancy_create(request, pk):
    company = get_object_or_404(selectors.companies_of(request.user), pk=pk)
    form = forms.VacancyForm(
        request.POST or None, initial={"county": company.county_id, "locality": company.locality}
    )
    if request.method == "POST" and form.is_valid():
        with reported(request, form=form) as outcome:
            vacancy = services.vacancy_create(
                company=company,
                by=request.user,
                languages=form.cleaned_data["languages"],
                **form.service_fields(),
            )
        if outcome.ok:
            messages.success(request, _("The draft was saved. Now choose the competences."))
            return redirect("employers:vacancy_competences", pk=vacancy.pk)
    return _vacancy_form_page(request, form, company=company)


@employer_required
@require_http_methods(["GET", "POST"])
def vacancy_edit(request, pk):
    vacancy = get_object_or_404(selectors.vacancies_of_companies_of(request.user).distinct(), pk=pk)
    if not vacancy.is_editable:
        messages.error(request, _("Only a draft or a returned vacancy can be changed."))
        return redirect("employers:vacancy_detail", pk=vacancy.pk)
    form = forms.VacancyForm(request.POST or None, instance=vacancy)
    if request.method == "POST" and form.is_valid():
        with reported(request, form=form) as outcome:
            services.vacancy_update(
                vacancy=vacancy,
                by=request.user,
                languages=form.cleaned_data["languages"],
                **form.service_fields(),
            )
        if outcome.ok:
            messages.success(request, _("The vacancy was saved."))
            return redirect("employers:vacancy_competences", pk=vacancy.pk)
    return _vacancy_form_page(request, form, company=vacancy.company, vacancy=vacancy)


@employer_required
@require_http_methods(["GET", "POST"])
def vacancy_competences(request, pk):
    """Step 2: the ESCO occupation (same ISCO group, closest first) and the competences: the
    chosen occupation's essential skills proposed, the most specific first and a handful marked
    essential; each marked essential, optional or not needed; a search adds other skills."""
    vacancy = get_object_or_404(selectors.vacancies_of_companies_of(request.user).distinct(), pk=pk)
    if not vacancy.is_editable:
        messages.error(request, _("Only a draft or a returned vacancy can be changed."))
        return redirect("employers:vacancy_detail", pk=vacancy.pk)
    esco_choices = selectors.esco_occupations_for(vacancy.cor_occupation)
    form = forms.CompetencesForm(
        request.POST or None,
        esco_choices=esco_choices,
        initial={"esco_occupation": vacancy.esco_occupation_id},
    )
    if request.method == "POST" and form.is_valid():
        with reported(request, form=form) as outcome:
            services.vacancy_competences_set(
                vacancy=vacancy,
                by=request.user,
                esco_occupation=form.cleaned_data["esco_occupation"],
                skills=form.cleaned_data["pairs"],
            )
        if outcome.ok:
            if request.POST.get("action") == "done":
                messages.success(request, _("The competences were saved."))
                return redirect("employers:vacancy_detail", pk=vacancy.pk)
            return redirect(
                f"{reverse('employers:vacancy_competences', args=[vacancy.pk])}"
                f"?q={request.POST.get('q', '')}"
            )
    current = {row.skill_id: row for row in vacancy.vacancy_skills.select_related("skill")}
    proposals = [
        skill
        for skill in selectors.proposed_skills_of(vacancy.esco_occupation)
        if skill.pk not in current
    ]
    # The most specific few start essential, the first time skills are proposed; the others start
    # "not needed", for the employer to mark.
    for position, skill in enumerate(proposals):
        skill.preselected = not current and position < selectors.PRESELECTED_ESSENTIAL
    query = request.GET.get("q", "").strip()
    found = (
        [skill for skill in selectors.skills_matching(query) if skill.pk not in current]
        if query
        else []
    )
    return render(
        request,
        "employers/vacancy_competences.html",
        {
            "vacancy": vacancy,
            "form": form,
            "esco_choices": esco_choices,
            "current": list(current.values()),
            "proposals": proposals,
            "found": found,
            "query": query,
        },
    )


@employer_or_staff_required
@require_GET
def vacancy_detail(request, pk):
    """The vacancy as its company and the agency see it: status, history, notice, documents."""
    try:
        vacancy = selectors.vacancy_with_details(selectors.vacancies_visible_to(request.user), pk)
    except Vacancy.DoesNotExist:
        raise Http404 from None
    membership = selectors.membership_of(request.user, vacancy.company)
    today = timezone.localdate()
    deadline = vacancy.communication_deadline
    return render(
        request,
        "employers/vacancy_detail.html",
        {
            "vacancy": vacancy,
            "is_member": membership is not None,
            "can_act": selectors.vacancies_actionable_by(request.user).filter(pk=pk).exists(),
            "deadline": deadline,
            "deadline_days_left": services.working_days_left(deadline, today=today)
            if deadline and vacancy.communicated_at is None
            else None,
            "documents": selectors.company_documents_visible_to(request.user)
            .filter(vacancy=vacancy)
            .order_by("-uploaded_at"),
            "document_form": forms.CompanyDocumentForm(),
            "reason_form": forms.ReasonForm(),
            "withdraw_form": forms.OptionalReasonForm(),
            "has_questionnaire": hasattr(vacancy, "satisfaction"),
        },
    )


def _employer_vacancy(request, pk):
    return get_object_or_404(selectors.vacancies_of_companies_of(request.user).distinct(), pk=pk)


@employer_required
@require_POST
def vacancy_submit(request, pk):
    vacancy = _employer_vacancy(request, pk)
    with reported(request) as outcome:
        communication = services.vacancy_submit(vacancy=vacancy, by=request.user)
    if outcome.ok:
        if communication.on_time:
            messages.success(
                request,
                _(
                    "The vacancy was communicated to the agency under "
                    "number %(number)s, within the legal deadline."
                )
                % {"number": communication.registration_number},
            )
        else:
            messages.warning(
                request,
                _(
                    "The vacancy was communicated under number %(number)s, "
                    "after the legal deadline of %(deadline)s."
                )
                % {
                    "number": communication.registration_number,
                    "deadline": date_long(communication.deadline),
                },
            )
    return redirect("employers:vacancy_detail", pk=vacancy.pk)


@employer_required
@require_POST
def vacancy_withdraw(request, pk):
    vacancy = _employer_vacancy(request, pk)
    with reported(request, _("The vacancy was withdrawn.")):
        services.vacancy_withdraw(
            vacancy=vacancy, by=request.user, reason=request.POST.get("reason", "")
        )
    return redirect("employers:vacancy_detail", pk=vacancy.pk)


@employer_required
@require_POST
def vacancy_duplicate(request, pk):
    vacancy = _employer_vacancy(request, pk)
    copy = services.vacancy_duplicate(vacancy=vacancy, by=request.user)
    messages.success(request, _("A new draft was made from this vacancy. Enter its dates."))
    return redirect("employers:vacancy_edit", pk=copy.pk)


@employer_required
@require_http_methods(["GET", "POST"])
def vacancy_fill(request, pk):
    vacancy = _employer_vacancy(request, pk)
    form = forms.FillReportForm(
        request.POST or None, initial={"filled_on": timezone.localdate(), "posts_filled": 1}
    )
    if request.method == "POST" and form.is_valid():
        with reported(request, form=form) as outcome:
            report = services.vacancy_fill_report(
                vacancy=vacancy, by=request.user, **form.cleaned_data
            )
        if outcome.ok:
            if report.late:
                messages.warning(
                    request,
                    _(
                        "The report was recorded, after the deadline of "
                        "%(deadline)s (one working day after hiring)."
                    )
                    % {"deadline": date_long(report.deadline)},
                )
            else:
                messages.success(request, _("The report was recorded."))
            return redirect("employers:vacancy_detail", pk=vacancy.pk)
    return render(request, "employers/vacancy_fill.html", {"vacancy": vacancy, "form": form})


@employer_required
@require_http_methods(["GET", "POST"])
def vacancy_questionnaire(request, pk):
    vacancy = _employer_vacancy(request, pk)
    form = forms.SatisfactionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with reported(request, _("Thank you for your answers.")):
            services.satisfaction_record(vacancy=vacancy, by=request.user, **form.cleaned_data)
        return redirect("employers:dashboard")
    return render(
        request, "employers/vacancy_questionnaire.html", {"vacancy": vacancy, "form": form}
    )


@counsellor_required
@require_POST
def vacancy_publish(request, pk):
    vacancy = get_object_or_404(selectors.vacancies_actionable_by(request.user), pk=pk)
    with reported(request, _("“%(title)s” is published.") % {"title": vacancy.title}):
        services.vacancy_publish(vacancy=vacancy, by=request.user)
    return redirect_back(request, reverse("employers:vacancy_detail", args=[vacancy.pk]))


@counsellor_required
@require_POST
def vacancy_return(request, pk):
    vacancy = get_object_or_404(selectors.vacancies_actionable_by(request.user), pk=pk)
    with reported(
        request, _("“%(title)s” was returned to the employer.") % {"title": vacancy.title}
    ):
        services.vacancy_return(
            vacancy=vacancy, by=request.user, reason=request.POST.get("reason", "")
        )
    return redirect("employers:vacancy_detail", pk=vacancy.pk)


@employer_or_staff_required
@require_GET
def communication_pdf(request, pk):
    communication = get_object_or_404(
        VacancyCommunication.objects.filter(
            vacancy__in=selectors.vacancies_visible_to(request.user)
        ).select_related("agency"),
        pk=pk,
    )
    audit_read(request, AuditEntry.Action.DOWNLOAD, communication)
    return attachment(
        pdf.communication_pdf(communication),
        filename=f"{communication.registration_number}.pdf",
        content_type="application/pdf",
    )


# --- Documents ------------------------------------------------------------------------------------


@employer_required
@require_POST
def document_upload(request, pk):
    """Attach a document to the company's dossier, or to one of its vacancies (?vacancy=id)."""
    company = get_object_or_404(selectors.companies_of(request.user), pk=pk)
    target = forms.DocumentTargetForm(request.POST, vacancies=company.vacancies.all())
    if not target.is_valid():
        messages.error(request, " ".join(target.errors["vacancy"]))
        return redirect("employers:company_detail", pk=company.pk)
    vacancy = target.cleaned_data["vacancy"]
    form = forms.CompanyDocumentForm(request.POST, request.FILES)
    back = (
        reverse("employers:vacancy_detail", args=[vacancy.pk])
        if vacancy
        else reverse("employers:company_detail", args=[company.pk])
    )
    if not form.is_valid():
        for field_errors in form.errors.values():
            messages.error(request, " ".join(field_errors))
        return redirect(back)
    with reported(request, _("The document was uploaded; the agency will review it.")):
        services.company_document_add(
            company=company,
            by=request.user,
            vacancy=vacancy,
            uploaded_file=form.cleaned_data["file"],
            title=form.cleaned_data["title"],
        )
    return redirect(back)


@employer_required
@require_http_methods(["GET", "POST"])
def document_replace(request, pk):
    attachment = get_object_or_404(selectors.company_documents_visible_to(request.user), pk=pk)
    form = forms.CompanyDocumentForm(
        request.POST or None, request.FILES or None, initial={"title": attachment.title}
    )
    if request.method == "POST" and form.is_valid():
        with reported(request, form=form) as outcome:
            services.company_document_add(
                company=attachment.company,
                by=request.user,
                uploaded_file=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                replaces=attachment,
            )
        if outcome.ok:
            messages.success(request, _("The replacement was uploaded; the agency will review it."))
            return redirect("employers:dashboard")
    return render(
        request, "employers/document_replace.html", {"attachment": attachment, "form": form}
    )


@counsellor_required
@require_POST
def document_review(request, pk):
    attachment = get_object_or_404(selectors.company_documents_reviewable_by(request.user), pk=pk)
    with reported(
        request, _("The review of “%(title)s” was recorded.") % {"title": attachment.title}
    ):
        services.company_document_review(
            attachment=attachment,
            by=request.user,
            accept=request.POST.get("decision") == "accept",
            reason=request.POST.get("reason", ""),
        )
    return redirect_back(request, reverse("employers:staff_queue"))


# --- Subsidies ------------------------------------------------------------------------------------


@employer_required
@require_GET
def subsidy_list(request):
    return render(
        request,
        "employers/subsidy_list.html",
        {
            "programmes": selectors.open_programmes(),
            "companies": selectors.companies_of(request.user),
            "applications": paginate(
                request,
                selectors.subsidy_applications_visible_to(request.user).order_by("-created_at"),
                per_page=PAGE_SIZE,
            ),
        },
    )


@employer_required
@require_http_methods(["GET", "POST"])
def application_create(request, programme_pk):
    programme = get_object_or_404(selectors.open_programmes(), pk=programme_pk)
    companies = selectors.companies_of(request.user)
    form = forms.SubsidyApplicationForm(request.POST or None, programme=programme)
    chooser = forms.CompanyChoiceForm(request.POST or None, companies=companies)
    company = None
    if request.method == "POST":
        chooser_valid = chooser.is_valid()
        company = chooser.cleaned_data.get("company")
        if not chooser_valid:
            form.add_error(None, chooser.errors["company"])
        elif form.is_valid():
            with reported(request, form=form) as outcome:
                application = services.subsidy_application_create(
                    company=company, programme=programme, by=request.user, **form.cleaned_data
                )
            if outcome.ok:
                messages.success(
                    request,
                    _(
                        "The application was created. Attach the required "
                        "documents, then submit it."
                    ),
                )
                return redirect("employers:application_detail", pk=application.pk)
    return render(
        request,
        "employers/application_form.html",
        {"programme": programme, "form": form, "companies": companies, "company": company},
    )


@employer_or_staff_required
@require_GET
def application_detail(request, pk):
    application = get_object_or_404(selectors.subsidy_applications_visible_to(request.user), pk=pk)
    audit_read(request, AuditEntry.Action.VIEW, application)
    return render(
        request,
        "employers/application_detail.html",
        {
            "application": application,
            "checklist": selectors.checklist_of(application),
            "documents": selectors.company_documents_visible_to(request.user)
            .filter(application=application)
            .order_by("-uploaded_at"),
            "transitions": application.transitions.select_related("by"),
            "is_member": selectors.membership_of(request.user, application.company) is not None,
            "can_decide": selectors.subsidy_applications_actionable_by(request.user)
            .filter(pk=pk)
            .exists(),
            "upload_form": forms.ChecklistDocumentForm(application=application),
            "reason_form": forms.ReasonForm(),
            "terms_today": application.programme.terms_today,
        },
    )


@employer_required
@require_POST
def application_document(request, pk):
    application = get_object_or_404(selectors.subsidy_applications_visible_to(request.user), pk=pk)
    form = forms.ChecklistDocumentForm(request.POST, request.FILES, application=application)
    if form.is_valid():
        requirement = form.cleaned_data["requirement"]
        with reported(request, _("The document was attached.")):
            services.company_document_add(
                company=application.company,
                by=request.user,
                application=application,
                requirement=requirement,
                uploaded_file=form.cleaned_data["file"],
                title=requirement.name,
            )
    else:
        for field_errors in form.errors.values():
            messages.error(request, " ".join(field_errors))
    return redirect("employers:application_detail", pk=application.pk)


@employer_required
@require_POST
def application_submit(request, pk):
    application = get_object_or_404(selectors.subsidy_applications_visible_to(request.user), pk=pk)
    with reported(request, _("The application was submitted to the agency.")):
        services.subsidy_application_submit(application=application, by=request.user)
    return redirect("employers:application_detail", pk=application.pk)


@employer_required
@require_POST
def application_withdraw(request, pk):
    application = get_object_or_404(selectors.subsidy_applications_visible_to(request.user), pk=pk)
    with reported(request, _("The application was withdrawn.")):
        services.subsidy_application_withdraw(application=application, by=request.user)
    return redirect("employers:application_detail", pk=application.pk)


@counsellor_required
@require_POST
def application_decide(request, pk):
    application = get_object_or_404(
        selectors.subsidy_applications_actionable_by(request.user), pk=pk
    )
    with reported(request, _("The decision was recorded and the employer notified.")):
        services.subsidy_application_decide(
            application=application,
            by=request.user,
            approve=request.POST.get("decision") == "approve",
            reason=request.POST.get("reason", ""),
        )
    return redirect("employers:application_detail", pk=application.pk)


@superuser_required
@require_GET
def programme_list(request):
    return render(
        request,
        "employers/programme_list.html",
        {"programmes": SubsidyProgramme.objects.prefetch_related("amounts", "requirements")},
    )


@superuser_required
@require_http_methods(["GET", "POST"])
def programme_edit(request, pk=None):
    programme = get_object_or_404(SubsidyProgramme, pk=pk) if pk else None
    initial = {}
    if programme:
        initial = {
            "name": programme.name,
            "name_en": programme.name_en,
            "legal_basis": programme.legal_basis,
            "description": programme.description,
            "description_en": programme.description_en,
            "eligible_categories": programme.eligible_categories,
            "is_open": programme.is_open,
            "requirements": "\n".join(r.name for r in programme.requirements.all()),
            "requirements_en": "\n".join(r.name_en for r in programme.requirements.all())
            if all(r.name_en for r in programme.requirements.all())
            else "",
        }
    form = forms.ProgrammeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with reported(request, form=form) as outcome:
            programme = services.subsidy_programme_save(
                by=request.user, programme=programme, **form.cleaned_data
            )
        if outcome.ok:
            messages.success(request, _("The programme was saved."))
            return redirect("employers:programme_edit", pk=programme.pk)
    return render(
        request,
        "employers/programme_form.html",
        {
            "programme": programme,
            "form": form,
            "amount_form": forms.TermsForm(),
            "amounts": programme.amounts.select_related("entered_by") if programme else [],
        },
        status=400 if request.method == "POST" else 200,
    )


@superuser_required
@require_POST
def programme_amount_add(request, pk):
    programme = get_object_or_404(SubsidyProgramme, pk=pk)
    form = forms.TermsForm(request.POST)
    if form.is_valid():
        with reported(request, _("The terms were recorded.")):
            services.subsidy_amount_add(programme=programme, by=request.user, **form.cleaned_data)
    else:
        for field_errors in form.errors.values():
            messages.error(request, " ".join(field_errors))
    return redirect("employers:programme_edit", pk=programme.pk)


# --- Staff ----------------------------------------------------------------------------------------


@staff_required
@require_GET
def staff_queue(request):
    context = selectors.staff_queue(request.user)
    services.companies_listed(
        by=request.user, companies=context["companies"], ip=client_ip(request), path=request.path
    )
    context["can_act"] = can(request.user, "employers:decide")
    context["reason_form"] = forms.ReasonForm()
    return render(request, "employers/staff_queue.html", context)


@staff_required
@require_GET
def staff_companies(request):
    companies = selectors.companies_visible_to(request.user).order_by(RomanianOrder("name"))
    status = request.GET.get("status", "")
    if status:
        companies = companies.filter(status=status)
    size = request.GET.get("size", "")
    if size in CompanySize.values:
        companies = companies.filter(size_band=size)
    page = paginate(request, companies, per_page=PAGE_SIZE)
    services.companies_listed(
        by=request.user, companies=list(page), ip=client_ip(request), path=request.path
    )
    return render(
        request,
        "employers/staff_companies.html",
        {"page_obj": page, "status": status, "size": size, "sizes": CompanySize.choices},
    )


@agency_admin_required
@require_http_methods(["GET", "POST"])
def trade_register_import(request):
    form = forms.TradeRegisterImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        with reported(request, form=form, field="file") as outcome:
            record = services.trade_register_import(
                by=request.user,
                agency=None if request.user.is_superuser else request.user.agency,
                file_name=upload.name,
                raw=upload.read(),
            )
        if outcome.ok:
            return redirect("employers:trade_register_report", pk=record.pk)
    imports = paginate(
        request, selectors.trade_register_imports_visible_to(request.user), per_page=PAGE_SIZE
    )
    return render(
        request,
        "employers/trade_register_import.html",
        {"form": form, "page_obj": imports},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@agency_admin_required
@require_GET
def trade_register_report(request, pk):
    record = get_object_or_404(selectors.trade_register_imports_visible_to(request.user), pk=pk)
    return render(request, "employers/trade_register_report.html", {"record": record})


# --- Public feeds (the search and the vacancy page: portal.search_views) -----------------------


@require_GET
def job_feed_json(request):
    rows = [
        jobposting.feed_row(
            vacancy,
            url=request.build_absolute_uri(reverse("jobs:detail", args=[vacancy.pk])),
        )
        for vacancy in selectors.feed_vacancies()
    ]
    return JsonResponse(
        {"generated_at": timezone.now().isoformat(), "count": len(rows), "vacancies": rows},
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
def job_feed_csv(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="puls-locuri-de-munca.csv"'
    response.write("\ufeff")  # so that spreadsheet programs read UTF-8
    writer = csv.DictWriter(response, fieldnames=jobposting.FEED_COLUMNS)
    writer.writeheader()
    for vacancy in selectors.feed_vacancies():
        row = jobposting.feed_row(
            vacancy,
            url=request.build_absolute_uri(reverse("jobs:detail", args=[vacancy.pk])),
        )
        writer.writerow(jobposting.flatten(row))
    return response
