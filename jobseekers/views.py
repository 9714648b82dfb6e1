"""Pages of jobseekers (registration, dossier, appointments, CV, data rights) and of the agency
staff who serve them (dossiers, calendar, availability, account closures)."""

import datetime
import json
from urllib.parse import urlencode

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from employers import selectors as employer_selectors
from employers.forms import JobSearchForm
from puls.accounts.permissions import (
    agency_staff_required,
    jobseeker_required,
)
from puls.audit.models import AuditEntry
from puls.http import client_ip
from puls.redirects import redirect_back
from puls.throttle import throttled
from puls.views import attachment, audit_read, paginate, reported
from puls.workdays import public_holiday_name

from . import exports, forms, ics, models, selectors, services
from .decorators import profile_required
from .models import DossierDocument

# Dossier sections edited row by row: URL slug → (form, related name on the profile, title).
SECTIONS = {
    "educatie": (forms.EducationForm, "education"),
    "experienta": (forms.ExperienceForm, "experience"),
    "competente": (forms.SkillForm, "skills"),
    "limbi": (forms.LanguageForm, "languages"),
    "permis": (forms.LicenceForm, "driving_licences"),
}


# --- The person's own pages -----------------------------------------------------------------------


@jobseeker_required
def register(request):
    if selectors.profile_of(request.user) is not None:
        return redirect("jobseekers:dashboard")
    form = forms.RegistrationForm(
        request.POST or None,
        initial={"first_name": request.user.first_name, "last_name": request.user.last_name},
    )
    confirming = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not data["confirmed"]:
            confirming = True  # show the birth date and sex read from the CNP before saving
            form.data = form.data.copy()
            form.data["confirmed"] = "True"
        else:
            refused = throttled(request, action="puls_jobseeker_register")
            if refused:
                return refused
            with reported(request, form=form) as outcome:
                services.profile_register(
                    user=request.user,
                    ip=client_ip(request),
                    **{
                        key: data[key]
                        for key in (
                            "first_name",
                            "last_name",
                            "cnp",
                            "county",
                            "locality",
                            "address",
                            "phone",
                            "status",
                            "consent",
                        )
                    },
                )
            if outcome.ok:
                # The same next step whether or not the CNP was registered already: the answer
                # goes by e-mail, so the form cannot be used to find out who is registered.
                return redirect("jobseekers:registration_received")
    return render(
        request,
        "jobseekers/register.html",
        {
            "form": form,
            "confirming": confirming,
            "cnp_info": getattr(form, "cnp_info", None) if confirming else None,
        },
    )


@jobseeker_required
def registration_received(request):
    return render(request, "jobseekers/registration_received.html")


def _form_page(request, form, title, **options):
    """The page of one dossier form; ``options`` (autocomplete, multipart) set up the template."""
    return render(request, "jobseekers/form_page.html", {"form": form, "title": title, **options})


def _to_dossier(section):
    """Back to the dossier, at ``section`` (the anchor of the part that changed)."""
    return redirect(reverse("jobseekers:dossier") + f"#{section}")


@jobseeker_required
@profile_required
def identity_edit(request, profile):
    form = forms.IdentityForm(
        request.POST or None,
        instance=profile,
        initial={"first_name": profile.user.first_name, "last_name": profile.user.last_name},
    )
    if request.method == "POST" and form.is_valid():
        with reported(request, form=form) as outcome:
            services.profile_update(
                profile=profile, by=request.user, ip=client_ip(request), **form.cleaned_data
            )
        if outcome.ok:
            messages.success(request, _("Your details have been saved."))
            return redirect("jobseekers:dossier")
    return _form_page(request, form, _("My identity and address"))


@jobseeker_required
@profile_required
def preferences_edit(request, profile):
    form = forms.PreferencesForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        services.profile_update(
            profile=profile, by=request.user, ip=client_ip(request), **form.cleaned_data
        )
        messages.success(request, _("Your preferences have been saved."))
        return redirect("jobseekers:dossier")
    return _form_page(request, form, _("What job I am looking for"))


@jobseeker_required
@require_POST
@profile_required
def matching_consent_give(request, profile):
    with reported(request, _("Thank you: PULS will now show you the jobs that fit you.")):
        services.matching_consent_give(profile=profile, ip=client_ip(request), path=request.path)
    return redirect_back(request, reverse("jobseekers:dossier") + "#preferinte")


@jobseeker_required
@require_POST
@profile_required
def matching_consent_withdraw(request, profile):
    services.matching_consent_withdraw(profile=profile, ip=client_ip(request), path=request.path)
    messages.success(request, _("Your consent to matching has been withdrawn."))
    return redirect_back(request, reverse("jobseekers:dossier") + "#preferinte")


@jobseeker_required
@profile_required
def vulnerability_edit(request, profile):
    form = forms.VulnerabilityForm(
        request.POST or None,
        initial={"groups": [entry.group for entry in profile.vulnerabilities.all()]},
    )
    if request.method == "POST" and form.is_valid():
        services.vulnerabilities_declare(
            profile=profile, groups=form.cleaned_data["groups"], ip=client_ip(request)
        )
        messages.success(request, _("Your declaration has been saved."))
        return redirect("jobseekers:dossier")
    return render(request, "jobseekers/vulnerability.html", {"form": form})


@jobseeker_required
@profile_required
def section_add(request, profile, section):
    if section not in SECTIONS:
        raise Http404
    form_class, _related = SECTIONS[section]
    initial = {}
    if section == "competente" and request.GET.get("competenta"):
        initial["skill"] = request.GET["competenta"]
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with reported(request, form=form) as outcome:
            services.dossier_entry_save(
                profile=profile, entry=form.save(commit=False), ip=client_ip(request)
            )
        if outcome.ok:
            messages.success(request, _("Added to your dossier."))
            return _to_dossier(section)
    title = form_class.Meta.model._meta.verbose_name.capitalize()
    # Competences are picked from the profile of the person's occupations, not typed in English.
    suggested = selectors.suggested_skills_for(profile) if section == "competente" else None
    return _form_page(request, form, title, autocomplete=True, suggested_skills=suggested)


@jobseeker_required
@require_POST
@profile_required
def section_delete(request, profile, section, pk):
    if section not in SECTIONS:
        raise Http404
    entry = get_object_or_404(getattr(profile, SECTIONS[section][1]).all(), pk=pk)
    services.dossier_entry_delete(entry=entry, ip=client_ip(request))
    messages.success(request, _("Removed from your dossier."))
    return _to_dossier(section)


@jobseeker_required
@profile_required
def wished_occupation_add(request, profile):
    form = forms.WishedOccupationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.occupation_wish_add(
            profile=profile,
            cor_occupation=form.cleaned_data["cor_occupation"],
            esco_occupation=form.cleaned_data["occupation"],
            by=request.user,
            ip=client_ip(request),
        )
        messages.success(request, _("Added to your dossier."))
        return _to_dossier("preferinte")
    return _form_page(request, form, _("Wished occupation"), autocomplete=True)


@jobseeker_required
@require_POST
@profile_required
def wished_occupation_delete(request, profile, pk):
    kept = [occupation for occupation in profile.wished_occupations.all() if occupation.pk != pk]
    services.profile_update(
        profile=profile, by=request.user, ip=client_ip(request), wished_occupations=kept
    )
    return _to_dossier("preferinte")


@jobseeker_required
@profile_required
def document_add(request, profile):
    form = forms.DossierDocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        with reported(request, form=form, field="file") as outcome:
            services.dossier_document_add(
                profile=profile,
                uploaded_file=form.cleaned_data["file"],
                kind=form.cleaned_data["kind"],
            )
        if outcome.ok:
            messages.success(request, _("The document has been added to your dossier."))
            return _to_dossier("documente")
    return _form_page(request, form, _("Add a document"), multipart=True)


@jobseeker_required
@require_POST
@profile_required
def document_delete(request, profile, pk):
    entry = get_object_or_404(
        DossierDocument.objects.select_related("document", "profile"), profile=profile, pk=pk
    )
    services.dossier_document_remove(entry=entry, ip=client_ip(request))
    messages.success(request, _("The document has been removed."))
    return _to_dossier("documente")


# --- CV and data rights ---------------------------------------------------------------------------


@jobseeker_required
@profile_required
def cv_pdf(request, profile):
    language = request.GET.get("limba", "ro")
    if language not in ("ro", "en"):
        language = "ro"
    pdf = exports.cv_pdf(profile, language=language)
    return attachment(pdf, filename=f"cv-{language}.pdf", content_type="application/pdf")


@jobseeker_required
@profile_required
def my_data(request, profile):
    closure = profile.closure_requests.filter(outcome="pending").first()
    return render(
        request,
        "jobseekers/my_data.html",
        {"profile": profile, "closure": closure, "form": forms.ClosureForm()},
    )


@jobseeker_required
@reauthentication_required
@profile_required
def export_json(request, profile):
    data = exports.export_data(profile)
    audit_read(request, AuditEntry.Action.EXPORT, profile)
    return attachment(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        filename="datele-mele-puls.json",
        content_type="application/json",
    )


@jobseeker_required
@reauthentication_required
@profile_required
def export_pdf(request, profile):
    pdf = exports.export_pdf(profile)
    audit_read(request, AuditEntry.Action.EXPORT, profile)
    return attachment(pdf, filename="datele-mele-puls.pdf", content_type="application/pdf")


@jobseeker_required
@require_POST
@profile_required
def closure_request(request, profile):
    form = forms.ClosureForm(request.POST)
    if form.is_valid():
        with reported(request) as outcome:
            services.closure_request_create(
                profile=profile, reason=form.cleaned_data["reason"], ip=client_ip(request)
            )
        if outcome.ok:
            messages.success(request, _("Your request has been sent to your county agency."))
            return redirect("jobseekers:my_data")
    return render(
        request, "jobseekers/my_data.html", {"profile": profile, "form": form}, status=400
    )


@jobseeker_required
@require_POST
@profile_required
def closure_withdraw(request, profile):
    closure = get_object_or_404(profile.closure_requests.filter(outcome="pending"))
    services.closure_request_withdraw(closure=closure)
    messages.success(request, _("Your request has been withdrawn."))
    return redirect("jobseekers:my_data")


# --- Appointments of the person -------------------------------------------------------------------


@jobseeker_required
@profile_required
def appointments(request, profile):
    """Book: choose the purpose, a day of the month grid (days with free times are links), then
    one of that day's times, which leads to the confirmation step."""
    form = forms.PurposeForm(request.GET or None)
    month_grid = day_slots = None
    if form.is_bound and "purpose" not in form.errors:
        purpose = form.cleaned_data["purpose"]
        month_grid = selectors.free_days_calendar(
            profile, purpose=purpose, month=form.month() if form.is_valid() else None
        )
        if form.is_valid() and form.cleaned_data["zi"]:
            day_slots = selectors.free_slots_on(
                profile, purpose=purpose, day=form.cleaned_data["zi"]
            )
    return render(
        request,
        "jobseekers/appointments.html",
        {
            "profile": profile,
            "form": form,
            "month_grid": month_grid,
            "day": form.cleaned_data.get("zi") if form.is_valid() else None,
            "day_slots": day_slots,
            "weekdays": models.Weekday.labels,
            "bookings": selectors.bookings_of(profile)[:20],
            "now": timezone.now(),
            "deadline_hours": services.change_deadline_hours(),
            "reschedule": None,
        },
    )


def _confirmation_step(request, profile, *, slot, back, reschedule=None):
    """The step before booking or moving (GET): when, where, with whom, what to bring; or, when
    the time was taken meanwhile, back to the calendar with a message."""
    if not selectors.free_slots_for(profile, purpose=slot.purpose).filter(pk=slot.pk).exists():
        messages.error(request, _("This time is no longer free; choose another one."))
        return redirect(back)
    separator = "&" if "?" in back else "?"
    return render(
        request,
        "jobseekers/booking_confirm.html",
        {
            "slot": slot,
            "what_to_bring": selectors.what_to_bring(slot.purpose),
            "back": f"{back}{separator}zi={timezone.localdate(slot.start).isoformat()}",
            "deadline_hours": services.change_deadline_hours(),
            "reschedule": reschedule,
        },
    )


@jobseeker_required
@require_http_methods(["GET", "POST"])
@profile_required
def book(request, profile, slot_pk):
    """The confirmation step (GET), then the booking (POST)."""
    slot = get_object_or_404(selectors.slots_of_agency(profile.agency_id), pk=slot_pk)
    back = reverse("jobseekers:appointments") + f"?purpose={slot.purpose}"
    if request.method == "GET":
        return _confirmation_step(request, profile, slot=slot, back=back)
    with reported(request) as outcome:
        booking = services.booking_create(
            slot=slot, profile=profile, by=request.user, ip=client_ip(request)
        )
    if not outcome.ok:
        return redirect(back)
    messages.success(
        request, _("Your appointment is booked. We have sent you a confirmation e-mail.")
    )
    return redirect("jobseekers:booking_detail", pk=booking.pk)


@jobseeker_required
@require_GET
@profile_required
def booking_detail(request, profile, pk):
    """The booking confirmation: when, where (the agency's address), with whom, what to bring."""
    booking = get_object_or_404(selectors.bookings_of(profile), pk=pk)
    return render(
        request,
        "jobseekers/booking_detail.html",
        {
            "booking": booking,
            "slot": booking.slot,
            "what_to_bring": selectors.what_to_bring(booking.slot.purpose),
            "now": timezone.now(),
            "deadline_hours": services.change_deadline_hours(),
        },
    )


@jobseeker_required
@require_POST
@profile_required
def booking_cancel(request, profile, pk):
    booking = get_object_or_404(selectors.bookings_of(profile), pk=pk)
    with reported(request, _("Your appointment has been cancelled.")):
        services.booking_cancel(booking=booking, by=request.user, ip=client_ip(request))
    return redirect("jobseekers:appointments")


def _booking_calendar(booking):
    return attachment(
        ics.booking_ics(booking),
        filename=f"programare-{booking.pk}.ics",
        content_type="text/calendar",
    )


@jobseeker_required
@require_GET
@profile_required
def booking_calendar(request, profile, pk):
    """The appointment's calendar file (.ics), as the e-mails attach it."""
    return _booking_calendar(get_object_or_404(selectors.bookings_of(profile), pk=pk))


@jobseeker_required
@require_GET
@profile_required
def booking_reschedule(request, profile, pk):
    """Move, as booking goes: the month grid and the chosen day's free times, for the booking's
    purpose; a time leads to the confirmation step (``booking_reschedule_confirm``)."""
    booking = get_object_or_404(selectors.bookings_of(profile).filter(status="booked"), pk=pk)
    purpose = booking.slot.purpose
    form = forms.DayChoiceForm(request.GET)
    valid = form.is_valid()
    day = form.cleaned_data["zi"] if valid else None
    return render(
        request,
        "jobseekers/appointments.html",
        {
            "profile": profile,
            "form": form,
            "month_grid": selectors.free_days_calendar(
                profile, purpose=purpose, month=form.month() if valid else None
            ),
            "day": day,
            "day_slots": selectors.free_slots_on(profile, purpose=purpose, day=day)
            if day
            else None,
            "weekdays": models.Weekday.labels,
            "reschedule": booking,
            "deadline_hours": services.change_deadline_hours(),
        },
    )


@jobseeker_required
@require_http_methods(["GET", "POST"])
@profile_required
def booking_reschedule_confirm(request, profile, pk, slot_pk):
    """The confirmation step of the move (GET: the new time, where, what to bring), then the
    move (POST): the old time is given up only once the new one is held."""
    booking = get_object_or_404(selectors.bookings_of(profile).filter(status="booked"), pk=pk)
    slot = get_object_or_404(
        selectors.slots_of_agency(profile.agency_id).filter(purpose=booking.slot.purpose),
        pk=slot_pk,
    )
    back = reverse("jobseekers:booking_reschedule", args=[booking.pk])
    if request.method == "GET":
        return _confirmation_step(request, profile, slot=slot, back=back, reschedule=booking)
    with reported(request) as outcome:
        moved = services.booking_reschedule(
            booking=booking, slot=slot, by=request.user, ip=client_ip(request)
        )
    if not outcome.ok:
        return redirect(back)
    messages.success(
        request, _("Your appointment has been moved. We have sent you an e-mail with the new time.")
    )
    return redirect("jobseekers:booking_detail", pk=moved.pk)


# --- Agency staff ---------------------------------------------------------------------------------


def _audit_listed(request, profile_ids):
    services.profiles_listed(
        by=request.user, profile_ids=profile_ids, ip=client_ip(request), path=request.path
    )


@agency_staff_required
def staff_profiles(request):
    profiles = selectors.profiles_visible_to(request.user).exclude(account_state="closed")
    query = request.GET.get("q", "").strip()
    if query:
        profiles = profiles.filter(
            Q(user__last_name__icontains=query)
            | Q(user__first_name__icontains=query)
            | Q(user__email__icontains=query)
        )
    page = paginate(
        request, profiles.order_by("user__last_name", "user__first_name", "pk"), per_page=25
    )
    _audit_listed(request, [profile.pk for profile in page])
    return render(
        request,
        "jobseekers/staff_profiles.html",
        {
            "page_obj": page,
            "query": query,
            "cnp_form": forms.CnpSearchForm(),
        },
    )


@agency_staff_required
@require_POST
def staff_profile_by_cnp(request):
    """Find a person by CNP. A POST, so the CNP stays out of URLs, history and access logs."""
    form = forms.CnpSearchForm(request.POST)
    if form.is_valid():
        profile = (
            selectors.profiles_visible_to(request.user).with_cnp(form.cleaned_data["cnp"]).first()
        )
        if profile is not None:
            return redirect("jobseekers:staff_dossier", pk=profile.pk)
        form.add_error("cnp", _("No person of your agency is registered with this CNP."))
    return render(
        request,
        "jobseekers/staff_profiles.html",
        {"page_obj": None, "query": "", "cnp_form": form},
        status=400,
    )


@agency_staff_required
@require_POST
def staff_document_review(request, pk, entry_pk):
    profile = get_object_or_404(selectors.profiles_visible_to(request.user), pk=pk)
    entry = get_object_or_404(profile.documents.select_related("document"), pk=entry_pk)
    form = forms.ReviewForm(request.POST)
    if form.is_valid():
        services.dossier_document_review(
            entry=entry,
            by=request.user,
            ip=client_ip(request),
            review_status=form.cleaned_data["review_status"],
        )
        messages.success(request, _("The review has been recorded."))
    return redirect("jobseekers:staff_dossier", pk=profile.pk)


@agency_staff_required
def staff_calendar(request):
    try:
        day = datetime.date.fromisoformat(request.GET.get("zi", ""))
    except ValueError:
        day = timezone.localdate()
    week = request.GET.get("vedere") == "saptamana"
    first_day = day - datetime.timedelta(days=day.weekday()) if week else day
    days = 7 if week else 1
    only_mine = request.GET.get("doar_ale_mele") == "1"
    slots = selectors.agency_calendar(
        request.user.agency,
        first_day=first_day,
        days=days,
        counsellor=request.user if only_mine else None,
    )
    by_day = {}
    for slot in slots:
        by_day.setdefault(timezone.localtime(slot.start).date(), []).append(slot)
    _audit_listed(request, [booking.profile_id for slot in slots for booking in slot.held])
    step = datetime.timedelta(days=days)
    return render(
        request,
        "jobseekers/staff_calendar.html",
        {
            "day": day,
            "week": week,
            "first_day": first_day,
            "only_mine": only_mine,
            "days": [
                (date, by_day.get(date, []), public_holiday_name(date))
                for date in (first_day + datetime.timedelta(days=n) for n in range(days))
            ],
            "previous": first_day - step,
            "next": first_day + step,
            "attendance_form": forms.AttendanceForm(),
            "now": timezone.now(),
        },
    )


@agency_staff_required
@require_GET
def staff_booking_calendar(request, pk):
    """An appointment of the agency as a calendar file, for the counsellor's own calendar."""
    booking = get_object_or_404(selectors.bookings_visible_to(request.user), pk=pk)
    audit_read(request, AuditEntry.Action.DOWNLOAD, booking.profile)
    return _booking_calendar(booking)


@agency_staff_required
@require_POST
def staff_attendance(request, pk):
    booking = get_object_or_404(selectors.bookings_visible_to(request.user), pk=pk)
    form = forms.AttendanceForm(request.POST)
    if form.is_valid():
        with reported(request, _("Attendance recorded.")):
            services.booking_mark_attendance(
                booking=booking, by=request.user, ip=client_ip(request), **form.cleaned_data
            )
    else:
        messages.error(request, _("Choose whether the person came."))
    day = timezone.localtime(booking.slot.start).date()
    return redirect(reverse("jobseekers:staff_calendar") + f"?zi={day.isoformat()}")


@agency_staff_required
def staff_availability(request):
    counsellors = selectors.counsellors_scheduled_by(request.user)
    availability_form = forms.AvailabilityForm(
        request.POST if "add_availability" in request.POST else None,
        counsellors=counsellors,
        prefix="window",
    )
    absence_form = forms.AbsenceForm(
        request.POST if "add_absence" in request.POST else None,
        counsellors=counsellors,
        prefix="absence",
    )
    if request.method == "POST":
        posted = availability_form if availability_form.is_bound else absence_form
        with reported(request, form=posted):
            if availability_form.is_bound and availability_form.is_valid():
                rule = availability_form.save(commit=False)
                rule.agency = request.user.agency
                services.availability_save(
                    availability=rule, by=request.user, ip=client_ip(request)
                )
                messages.success(request, _("Availability saved; the slots have been updated."))
                return redirect("jobseekers:staff_availability")
            if absence_form.is_bound and absence_form.is_valid():
                held = services.absence_save(
                    absence=absence_form.save(commit=False), by=request.user, ip=client_ip(request)
                )
                messages.success(request, _("Absence saved; its free slots have been closed."))
                if held:
                    messages.warning(
                        request,
                        _(
                            "%(count)s booked appointments fall in this absence: contact the people "
                            "or ask a colleague to see them."
                        )
                        % {"count": held},
                    )
                return redirect("jobseekers:staff_availability")
    return render(
        request,
        "jobseekers/staff_availability.html",
        {
            "availability_form": availability_form,
            "absence_form": absence_form,
            "rules": selectors.availabilities_visible_to(request.user),
            "absences": selectors.absences_visible_to(request.user).filter(
                end_date__gte=timezone.localdate()
            ),
        },
    )


@agency_staff_required
@require_POST
def staff_availability_delete(request, pk):
    rule = get_object_or_404(selectors.availabilities_visible_to(request.user), pk=pk)
    services.availability_delete(availability=rule, by=request.user, ip=client_ip(request))
    messages.success(request, _("Availability removed; booked appointments are kept."))
    return redirect("jobseekers:staff_availability")


@agency_staff_required
@require_POST
def staff_absence_delete(request, pk):
    absence = get_object_or_404(selectors.absences_visible_to(request.user), pk=pk)
    services.absence_delete(absence=absence, by=request.user, ip=client_ip(request))
    messages.success(request, _("Absence removed; its slots are open again."))
    return redirect("jobseekers:staff_availability")


@agency_staff_required
def staff_closures(request):
    page = paginate(request, selectors.pending_closures_visible_to(request.user), per_page=25)
    _audit_listed(request, [closure.profile_id for closure in page])
    return render(request, "jobseekers/staff_closures.html", {"page_obj": page})


@agency_staff_required
@require_POST
@reauthentication_required
def staff_closure_confirm(request, pk):
    closure = get_object_or_404(selectors.pending_closures_visible_to(request.user), pk=pk)
    services.closure_request_confirm(closure=closure, by=request.user, ip=client_ip(request))
    messages.success(request, _("The account has been closed and its personal data anonymised."))
    return redirect("jobseekers:staff_closures")


# --- Job search for the signed-in person ----------------------------------------------------------


@jobseeker_required
@profile_required
def my_jobs(request, profile):
    return render(
        request,
        "jobseekers/my_jobs.html",
        {
            "saved": selectors.saved_vacancies_of(profile)[:100],
            "interests": selectors.interests_of(profile)[:100],
        },
    )


# --- Saved job searches ---------------------------------------------------------------------------

SEARCH_FIELDS = ("q", "county", "occupation", "pay", "schedule")


def _saved_searches_page(request, profile, *, editing=None, status=200):
    """The list of the person's saved searches, one form each (``editing``: a bound form with
    errors in place of that search's)."""
    rows = []
    for saved_search in selectors.saved_searches_of(profile):
        if editing is not None and editing.instance.pk == saved_search.pk:
            form = editing
        else:
            form = forms.SavedSearchForm(instance=saved_search, auto_id=f"id_s{saved_search.pk}_%s")
        rows.append((saved_search, form))
    return render(request, "jobseekers/saved_searches.html", {"rows": rows}, status=status)


@jobseeker_required
@require_GET
@profile_required
def saved_searches(request, profile):
    return _saved_searches_page(request, profile)


@jobseeker_required
@require_POST
@profile_required
def saved_search_create(request, profile):
    """Save the search of the search page (its criteria come as the page's own fields)."""
    search = JobSearchForm(request.POST)
    form = forms.SavedSearchForm(request.POST, name_required=False)
    posted = {name: request.POST.get(name, "") for name in SEARCH_FIELDS}
    back = reverse("jobs:search") + "?" + urlencode({k: v for k, v in posted.items() if v})
    if not (search.is_valid() and form.is_valid()):
        for errors in (*search.errors.values(), *form.errors.values()):
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    with reported(
        request, _("Search saved: PULS will e-mail you the new offers that match it.")
    ) as outcome:
        services.saved_search_create(
            profile=profile, criteria=search.criteria(), **form.cleaned_data
        )
    return redirect("jobseekers:saved_searches" if outcome.ok else back)


@jobseeker_required
@require_POST
@profile_required
def saved_search_update(request, profile, pk):
    saved_search = get_object_or_404(selectors.saved_searches_of(profile), pk=pk)
    form = forms.SavedSearchForm(
        request.POST, instance=saved_search, auto_id=f"id_s{saved_search.pk}_%s"
    )
    if not form.is_valid():
        return _saved_searches_page(request, profile, editing=form, status=400)
    services.saved_search_update(saved_search=saved_search, **form.cleaned_data)
    messages.success(request, _("The saved search has been changed."))
    return redirect("jobseekers:saved_searches")


@jobseeker_required
@require_POST
@profile_required
def saved_search_delete(request, profile, pk):
    saved_search = get_object_or_404(selectors.saved_searches_of(profile), pk=pk)
    services.saved_search_delete(saved_search=saved_search)
    messages.success(request, _("The saved search has been deleted; its e-mails stop."))
    return redirect("jobseekers:saved_searches")


JOB_ACTIONS = {
    "salveaza": (services.vacancy_save, _lazy("The vacancy has been saved.")),
    "sterge": (services.vacancy_unsave, _lazy("The vacancy has been removed from your list.")),
    "interes": (
        services.vacancy_interest_express,
        _lazy("Your counsellor will see that you are interested in this vacancy."),
    ),
    "retrage-interes": (services.vacancy_interest_withdraw, _lazy("Interest withdrawn.")),
}


@jobseeker_required
@require_POST
@profile_required
def job_action(request, profile, pk, action):
    if action not in JOB_ACTIONS:
        raise Http404
    service, message = JOB_ACTIONS[action]
    vacancy = get_object_or_404(employer_selectors.published_vacancies(), pk=pk)
    with reported(request, message):
        service(profile=profile, vacancy=vacancy)
    return redirect_back(request, reverse("jobseekers:my_jobs"))


@agency_staff_required
def staff_interests(request):
    page = paginate(request, selectors.interests_visible_to(request.user), per_page=25)
    _audit_listed(request, [interest.profile_id for interest in page])
    return render(request, "jobseekers/staff_interests.html", {"page_obj": page})
