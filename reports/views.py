"""Indicators dashboard, analyses with exports, forecasts, generated reports, milestones, the
satisfaction questionnaires, and questionnaires defined as data: answered by employers and
jobseekers, reported to staff."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from employers.selectors import companies_of
from helpdesk import selectors as helpdesk_selectors
from jobseekers.models import JobseekerProfile
from network.permissions import is_network_manager, network_reader_required
from puls.accounts.permissions import (
    analyst_required,
    employer_required,
    indicators_required,
    jobseeker_required,
    self_registered_required,
)
from puls.audit.models import AuditEntry
from puls.formatting import month_year_short
from puls.http import client_ip
from puls.views import attachment, audit_read, paginate, reported

from . import builders, charts, exports, forms, selectors, services
from .generation import STEP_LABELS
from .models import Programme, ReportRun

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _file_response(request, run, fmt):
    file = getattr(run, fmt, None) if fmt in ("pdf", "xlsx", "csv") else None
    if not file:
        raise Http404
    audit_read(request, AuditEntry.Action.DOWNLOAD, run)
    name = file.name.rsplit("/", 1)[-1].split("-", 1)[-1]
    return FileResponse(file.open("rb"), as_attachment=True, filename=name)


def _export(tables, fmt, stem):
    if fmt == "csv":
        return attachment(
            exports.tables_csv(tables),
            filename=f"{stem}.csv",
            content_type="text/csv; charset=utf-8",
        )
    return attachment(exports.tables_xlsx(tables), filename=f"{stem}.xlsx", content_type=XLSX)


def _bound(form_class, request):
    """The filter form bound to the query, or to the defaults (own agency or national)."""
    data = request.GET if request.GET else {"agency": request.user.agency_id or ""}
    return form_class(data, user=request.user)


@indicators_required
@require_GET
def dashboard(request):
    form = _bound(forms.ScopeForm, request)
    programme_list = list(selectors.programmes())
    programme = next(
        (p for p in programme_list if str(p.pk) == request.GET.get("programme")),
        programme_list[0] if programme_list else None,
    )
    if not form.is_valid():
        return render(request, "reports/dashboard.html", {"form": form}, status=400)
    scope = form.cleaned_data
    snapshot = selectors.indicator_snapshot(scope["agency"])
    if snapshot is None:  # before the first background refresh: count once, here
        agency = scope["agency"]
        snapshot = services.indicator_snapshot_refresh(agency_id=agency.pk if agency else None)
    data = selectors.dashboard_from_snapshot(
        snapshot, programme=programme, start=scope["period_start"], end=scope["period_end"]
    )
    labels = [month_year_short(m) for m in data["months"]]
    for item in data["indicators"]:
        item["chart"] = charts.line_chart(
            title=str(item["label"]), labels=labels, series=[(_("Cumulative"), item["cumulative"])]
        )
    return render(
        request,
        "reports/dashboard.html",
        {
            "form": form,
            "data": data,
            "scope": scope,
            "programmes": programme_list,
            "programme": programme,
            "as_of": snapshot.computed_at,
            "contacts_by_agency": selectors.employer_contacts_by_agency(
                start=scope["period_start"], end=scope["period_end"]
            )
            if scope["agency"] is None
            else [],
            "programme_targets": selectors.programme_targets(
                scope["agency"],
                national=selectors.indicator_snapshot(None) if scope["agency"] else snapshot,
                local=snapshot if scope["agency"] else None,
            ),
            "helpdesk": helpdesk_selectors.monthly_counts(
                agency=scope["agency"], start=scope["period_start"], end=scope["period_end"]
            ),
        },
    )


def _analysis(request, form_class, builder, title, stem):
    form = _bound(form_class, request)
    if not form.is_valid():
        return render(request, "reports/analysis.html", {"form": form, "title": title}, status=400)
    options = {
        key: value
        for key, value in form.cleaned_data.items()
        if key in ("group", "county", "isco_major") and value
    }
    table = builder(
        agency=form.cleaned_data["agency"],
        start=form.cleaned_data["period_start"],
        end=form.cleaned_data["period_end"],
        **options,
    )
    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx"):
        return _export([table], fmt, stem)
    return render(
        request,
        "reports/analysis.html",
        {
            "form": form,
            "table": table,
            "title": title,
            "query": form.data.urlencode() if hasattr(form.data, "urlencode") else "",
        },
    )


@indicators_required
@require_GET
def vacancy_analysis(request):
    return _analysis(
        request,
        forms.VacancyAnalysisForm,
        selectors.vacancies_analysis,
        _("Vacancies"),
        "locuri-de-munca",
    )


@indicators_required
@require_GET
def jobseeker_analysis(request):
    return _analysis(
        request,
        forms.JobseekerAnalysisForm,
        selectors.jobseekers_analysis,
        _("Jobseekers"),
        "persoane",
    )


@indicators_required
@require_GET
def competence_gap(request):
    return _analysis(
        request,
        forms.ScopeForm,
        selectors.competence_gap,
        _("Competence gap"),
        "decalaj-competente",
    )


@indicators_required
@require_GET
def forecasts(request):
    form = forms.ForecastForm(request.GET or None, user=request.user)
    items = []
    if form.is_valid() or not request.GET:
        data = form.cleaned_data if form.is_bound else {}
        county = data.get("county")
        if county is None and not request.user.has_national_scope:
            county = request.user.agency.county
        series = [data["series"]] if data.get("series") else ["vacancies", "jobseekers"]
        for name in series:
            item = builders.series_forecast(series=name, county=county)
            if item["history"]:
                item["chart"] = builders.forecast_chart(item)
            items.append(item)
    table = builders.forecast_table(items) if items else None
    medium_term = builders.medium_term_table(county=county) if items else None
    return render(
        request,
        "reports/forecasts.html",
        {"form": form, "items": items, "table": table, "medium_term": medium_term},
        status=200 if items else 400,
    )


@indicators_required
def report_list(request):
    form = forms.ReportOrderForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        with reported(request, form=form) as outcome:
            run = services.report_request(
                by=request.user,
                ip=client_ip(request),
                **{
                    k: form.cleaned_data[k]
                    for k in ("kind", "agency", "period_start", "period_end")
                },
            )
        if outcome.ok:
            messages.success(request, _("The report is being built."))
            return redirect(f"{reverse('reports:reports')}#raport-{run.pk}")
    page = paginate(request, selectors.reports_visible_to(request.user), per_page=20)
    return render(
        request,
        "reports/report_list.html",
        {
            "form": form,
            "page_obj": page,
            "step_labels": STEP_LABELS,
        },
        status=400 if request.method == "POST" else 200,
    )


@indicators_required
@require_GET
def report_progress(request, pk):
    run = get_object_or_404(selectors.reports_visible_to(request.user), pk=pk)
    return render(
        request, "reports/partials/report_row.html", {"run": run, "step_labels": STEP_LABELS}
    )


@indicators_required
@require_GET
def report_download(request, pk, fmt):
    run = get_object_or_404(
        selectors.reports_visible_to(request.user), pk=pk, status=ReportRun.Status.DONE
    )
    return _file_response(request, run, fmt)


# --- The partner network's activity report, on the network's pages (reports.network_urls) -----


@network_reader_required
def network_report_list(request):
    """Network readers see and download the reports; its managers order them."""
    form = forms.NetworkActivityForm(request.POST or None)
    is_manager = is_network_manager(request.user)
    if request.method == "POST":
        if not is_manager:
            raise PermissionDenied
        if form.is_valid():
            run = services.network_activity_request(
                by=request.user, ip=client_ip(request), **form.cleaned_data
            )
            return redirect(f"{reverse('network:reports')}#raport-{run.pk}")
    page = paginate(request, selectors.network_activity_reports(), per_page=20)
    return render(
        request,
        "reports/network_activity_list.html",
        {
            "form": form,
            "page_obj": page,
            "is_manager": is_manager,
            "step_labels": STEP_LABELS,
        },
        status=400 if request.method == "POST" else 200,
    )


@network_reader_required
@require_GET
def network_report_progress(request, pk):
    run = get_object_or_404(selectors.network_activity_reports(), pk=pk)
    return render(
        request,
        "reports/partials/network_activity_row.html",
        {"run": run, "step_labels": STEP_LABELS},
    )


@network_reader_required
@require_GET
def network_report_download(request, pk):
    run = get_object_or_404(
        selectors.network_activity_reports(), pk=pk, status=ReportRun.Status.DONE
    )
    return _file_response(request, run, "pdf")


@analyst_required
def milestones(request, pk):
    programme = get_object_or_404(Programme, pk=pk)
    formset = forms.MilestoneFormSet(request.POST or None, instance=programme)
    if request.method == "POST" and formset.is_valid():
        services.milestones_save(
            programme=programme, formset=formset, by=request.user, ip=client_ip(request)
        )
        messages.success(request, _("The milestones were saved."))
        return redirect("reports:milestones", pk=programme.pk)
    return render(
        request,
        "reports/milestones.html",
        {"programme": programme, "formset": formset},
        status=400 if request.method == "POST" else 200,
    )


@indicators_required
@require_GET
def satisfaction(request):
    return _analysis(
        request, forms.ScopeForm, selectors.satisfaction_table, _("Satisfaction"), "satisfactie"
    )


@self_registered_required
def questionnaires(request):
    """The open questionnaires of the user's audience; jobseekers: appointments and proposal
    outcomes; employers: decided subsidy applications."""
    profile = JobseekerProfile.objects.filter(user=request.user).first()
    bookings, proposals = selectors.questionnaires_pending(profile) if profile else ((), ())
    return render(
        request,
        "reports/questionnaires.html",
        {
            "open_questionnaires": selectors.questionnaires_open_to(request.user),
            "bookings": bookings,
            "proposals": proposals,
            "applications": selectors.subsidy_questionnaires_pending(request.user),
        },
    )


@employer_required
def subsidy_questionnaire(request, pk):
    application = get_object_or_404(selectors.subsidy_questionnaires_pending(request.user), pk=pk)
    form = forms.SubsidySatisfactionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with reported(request, form=form) as outcome:
            services.employer_subsidy_satisfaction_record(
                application=application, by=request.user, answers=form.cleaned_data
            )
        if outcome.ok:
            messages.success(request, _("Thank you: your answers were recorded."))
            return redirect("reports:questionnaires")
    return render(
        request,
        "reports/questionnaire.html",
        {"form": form, "target": application, "subject": "subventie"},
        status=400 if request.method == "POST" else 200,
    )


@jobseeker_required
def questionnaire(request, subject, pk):
    if subject not in ("programare", "propunere"):
        raise Http404
    profile = get_object_or_404(JobseekerProfile, user=request.user)
    bookings, proposals = selectors.questionnaires_pending(profile)
    target = get_object_or_404(bookings if subject == "programare" else proposals, pk=pk)
    form = forms.SatisfactionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with reported(request, form=form) as outcome:
            services.jobseeker_satisfaction_record(
                profile=profile,
                answers=form.cleaned_data,
                **({"booking": target} if subject == "programare" else {"proposal": target}),
            )
        if outcome.ok:
            messages.success(request, _("Thank you: your answers were recorded."))
            return redirect("reports:questionnaires")
    return render(
        request,
        "reports/questionnaire.html",
        {"form": form, "target": target, "subject": subject},
        status=400 if request.method == "POST" else 200,
    )


# --- questionnaires defined as data -------------------------------------------------------------


def _open_questionnaire(request, code):
    """The open questionnaire ``code`` that the user has yet to answer, or 404."""
    for questionnaire in selectors.questionnaires_open_to(request.user):
        if questionnaire.code == code:
            return questionnaire
    raise Http404


@self_registered_required
def questionnaire_answer(request, code):
    questionnaire = _open_questionnaire(request, code)
    form = forms.QuestionnaireForm(
        request.POST or None,
        questions=selectors.questionnaire_with_questions(questionnaire),
        companies=companies_of(request.user),
    )
    if request.method == "POST" and form.is_valid():
        with reported(request, form=form) as outcome:
            services.questionnaire_answer(
                questionnaire=questionnaire,
                by=request.user,
                answers=form.answers(),
                company=form.chosen_company(),
            )
        if outcome.ok:
            return redirect("reports:questionnaire_thanks", code=questionnaire.code)
    return render(
        request,
        "reports/questionnaire_answer.html",
        {"questionnaire": questionnaire, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@self_registered_required
@require_GET
def questionnaire_thanks(request, code):
    questionnaire = get_object_or_404(selectors.questionnaire_answered_by(request.user), code=code)
    return render(request, "reports/questionnaire_thanks.html", {"questionnaire": questionnaire})


@indicators_required
@require_GET
def questionnaire_results(request):
    return render(
        request,
        "reports/questionnaire_results.html",
        {"questionnaires": selectors.questionnaires_reported_to(request.user)},
    )


@indicators_required
@require_GET
def questionnaire_report(request, pk):
    questionnaire = get_object_or_404(selectors.questionnaires_reported_to(request.user), pk=pk)
    form = _bound(forms.QuestionnaireReportForm, request)
    context = {"questionnaire": questionnaire, "form": form}
    if not form.is_valid():
        return render(request, "reports/questionnaire_report.html", context, status=400)
    tables = selectors.questionnaire_report(
        questionnaire=questionnaire,
        agency=form.cleaned_data["agency"],
        start=form.cleaned_data["period_start"],
        end=form.cleaned_data["period_end"],
        group=form.cleaned_data["group"],
    )
    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx"):
        return _export(tables, fmt, f"chestionar-{questionnaire.code}")
    query = form.data.urlencode() if hasattr(form.data, "urlencode") else ""
    return render(
        request,
        "reports/questionnaire_report.html",
        {**context, "tables": tables, "query": query},
    )
