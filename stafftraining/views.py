"""Views of staff training: parse the request, call a selector or a service, render."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from puls.accounts.permissions import (
    analyst_required,
    indicators_required,
    staff_required,
    training_admin_required,
)
from puls.audit.models import AuditEntry
from puls.exports import csv_bytes, xlsx_bytes
from puls.http import client_ip
from puls.views import attachment, audit_read, paginate, reported

from . import forms, pdf, selectors, services
from .models import EnrolmentStatus, SessionStatus

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --- The trainee ----------------------------------------------------------------------------------


@staff_required
@require_GET
def mine(request):
    enrolments = paginate(request, selectors.enrolments_of(request.user))
    for enrolment in enrolments:
        enrolment.may_evaluate = services.may_evaluate(enrolment)
    return render(request, "stafftraining/mine.html", {"enrolments": enrolments})


@staff_required
@require_GET
def certificate(request, pk):
    enrolment = get_object_or_404(
        selectors.enrolments_visible_to(request.user), pk=pk, status=EnrolmentStatus.COMPLETED
    )
    audit_read(request, AuditEntry.Action.DOWNLOAD, enrolment)
    return attachment(
        pdf.certificate_pdf(enrolment),
        filename=f"certificat-{enrolment.certificate_number}.pdf",
        content_type="application/pdf",
    )


@staff_required
def evaluate(request, pk):
    enrolment = get_object_or_404(selectors.enrolments_of(request.user), pk=pk)
    form = forms.EvaluationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with reported(
            request, _("Thank you: your evaluation has been recorded."), form=form
        ) as outcome:
            services.evaluation_submit(
                enrolment=enrolment, by=request.user, answers=form.cleaned_data
            )
        if outcome.ok:
            return redirect("stafftraining:mine")
    elif request.method == "GET" and not services.may_evaluate(enrolment):
        messages.info(
            request,
            _(
                "This session cannot be evaluated: it was evaluated already, or you did not attend it, or it has not been held yet."
            ),
        )
        return redirect("stafftraining:mine")
    return render(
        request,
        "stafftraining/evaluate.html",
        {"enrolment": enrolment, "form": form},
        status=400 if request.method == "POST" else 200,
    )


# --- Programmes -----------------------------------------------------------------------------------


@staff_required
@require_GET
def programme_list(request):
    return render(
        request,
        "stafftraining/programme_list.html",
        {"programmes": paginate(request, selectors.programmes())},
    )


@staff_required
@require_GET
def programme_detail(request, pk):
    programme = get_object_or_404(selectors.programmes(), pk=pk)
    return render(request, "stafftraining/programme_detail.html", {"programme": programme})


@analyst_required
def programme_edit(request, pk=None):
    programme = get_object_or_404(selectors.programmes(), pk=pk) if pk is not None else None
    form = forms.ProgrammeForm(request.POST or None, request.FILES or None, instance=programme)
    if request.method == "POST" and form.is_valid():
        with reported(request, _("The programme has been saved."), form=form) as outcome:
            programme = services.programme_save(
                data=form.cleaned_data,
                programme=programme,
                curriculum_file=form.cleaned_data["curriculum_file"],
                by=request.user,
                ip=client_ip(request),
            )
        if outcome.ok:
            return redirect("stafftraining:programme_detail", pk=programme.pk)
    return render(
        request,
        "stafftraining/programme_form.html",
        {"form": form, "programme": programme},
        status=400 if request.method == "POST" else 200,
    )


# --- Sessions (agency administrators, the national team) ----------------------------------------


@training_admin_required
@require_GET
def session_list(request):
    return render(
        request,
        "stafftraining/session_list.html",
        {"sessions": paginate(request, selectors.session_list(request.user))},
    )


@training_admin_required
def session_edit(request, pk=None):
    session = None
    if pk is not None:
        session = get_object_or_404(selectors.sessions_managed_by(request.user), pk=pk)
    form = forms.SessionForm(
        request.POST or None, instance=session, programmes=selectors.programmes()
    )
    if request.method == "POST" and form.is_valid():
        data = {field: form.cleaned_data[field] for field in services.SESSION_FIELDS}
        with reported(request, _("The session has been saved."), form=form) as outcome:
            if session is None:
                session = services.session_create(data=data, by=request.user, ip=client_ip(request))
            else:
                services.session_update(
                    session=session, data=data, by=request.user, ip=client_ip(request)
                )
        if outcome.ok:
            return redirect("stafftraining:session_detail", pk=session.pk)
    return render(
        request,
        "stafftraining/session_form.html",
        {"form": form, "session": session},
        status=400 if request.method == "POST" else 200,
    )


def _session(request, pk):
    return get_object_or_404(selectors.sessions_managed_by(request.user), pk=pk)


@training_admin_required
@require_GET
def session_detail(request, pk):
    session = _session(request, pk)
    enrolments = list(selectors.session_enrolments(session))
    for enrolment in enrolments:
        enrolment.form = forms.RecordForm(
            initial={
                "attended": "0" if enrolment.status == EnrolmentStatus.ABSENT else "1",
                "exam_score": enrolment.exam_score,
                "exam_passed": {True: "1", False: "0"}.get(enrolment.exam_passed, ""),
            },
            prefix=f"e{enrolment.pk}",
        )
    return render(
        request,
        "stafftraining/session_detail.html",
        {
            "session": session,
            "enrolments": [e for e in enrolments if e.status != EnrolmentStatus.WITHDRAWN],
            "withdrawn": [e for e in enrolments if e.status == EnrolmentStatus.WITHDRAWN],
            "places_taken": selectors.places_taken(session),
            "enrol_form": forms.EnrolForm(staff=selectors.enrolable_staff(session)),
            "cancel_form": forms.CancelForm(),
            "evaluations": selectors.evaluation_summary(session),
            "log": session.transitions.select_related("by"),
            "Status": SessionStatus,
        },
    )


@training_admin_required
@require_POST
def session_enrol(request, pk):
    session = _session(request, pk)
    form = forms.EnrolForm(request.POST, staff=selectors.eligible_staff(session))
    if not form.is_valid():
        messages.error(request, _("Choose a member of staff who may take part in this session."))
        return redirect("stafftraining:session_detail", pk=pk)
    with reported(request, _("The enrolment has been recorded and the person told by e-mail.")):
        services.enrolment_create(
            session=session, trainee=form.cleaned_data["trainee"], by=request.user
        )
    return redirect("stafftraining:session_detail", pk=pk)


def _enrolment(request, pk):
    return get_object_or_404(
        selectors.enrolments_visible_to(request.user).filter(
            session__in=selectors.sessions_managed_by(request.user)
        ),
        pk=pk,
    )


@training_admin_required
@require_POST
def enrolment_withdraw(request, pk):
    enrolment = _enrolment(request, pk)
    with reported(request, _("The enrolment has been withdrawn.")):
        services.enrolment_withdraw(enrolment=enrolment, by=request.user)
    return redirect("stafftraining:session_detail", pk=enrolment.session_id)


@training_admin_required
@require_POST
def enrolment_record(request, pk):
    enrolment = _enrolment(request, pk)
    form = forms.RecordForm(request.POST, prefix=f"e{enrolment.pk}")
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("stafftraining:session_detail", pk=enrolment.session_id)
    with reported(request, _("Recorded for %(person)s.") % {"person": enrolment.trainee}):
        services.enrolment_record(enrolment=enrolment, by=request.user, **form.cleaned_data)
    return redirect("stafftraining:session_detail", pk=enrolment.session_id)


SESSION_ACTIONS = {
    "tinut": (services.session_mark_held, _("The session is marked as held.")),
    "inchidere": (
        services.session_close,
        _("The session is closed; certificates have been issued."),
    ),
}


@training_admin_required
@require_POST
def session_transition(request, pk, action):
    session = _session(request, pk)
    if action == "anulare":
        form = forms.CancelForm(request.POST)
        with reported(request, _("The session is cancelled; the trainees have been told.")):
            services.session_cancel(
                session=session,
                by=request.user,
                reason=form.cleaned_data["reason"] if form.is_valid() else "",
            )
        return redirect("stafftraining:session_detail", pk=pk)
    if action not in SESSION_ACTIONS:
        raise Http404
    service, success = SESSION_ACTIONS[action]
    with reported(request, str(success)):
        service(session=session, by=request.user)
    return redirect("stafftraining:session_detail", pk=pk)


# --- Indicators export ----------------------------------------------------------------------------


@indicators_required
@require_GET
def indicators_export(request, fmt):
    scope = forms.ExportScopeForm(request.GET)
    agency = scope.cleaned_data["agency"] if scope.is_valid() else None
    if not request.user.has_national_scope:
        agency = request.user.agency  # an agency administrator's column is always their own
    header, rows = selectors.indicator_table(agency)
    audit_read(request, AuditEntry.Action.EXPORT)
    if fmt == "csv":
        return attachment(
            csv_bytes(header, rows),
            filename="instruire-personal-indicatori.csv",
            content_type="text/csv; charset=utf-8",
        )
    return attachment(
        xlsx_bytes([(_("Staff training"), header, rows)]),
        filename="instruire-personal-indicatori.xlsx",
        content_type=XLSX,
    )
