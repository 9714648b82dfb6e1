"""Pages of the partner network: parse the request, call a selector or a service, render."""

import copy

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from puls.audit.models import AuditEntry
from puls.views import attachment, audit_read, error_messages, paginate, reported

from . import feeds, forms, notices, selectors, services
from .filters import PublicMemberFilter
from .models import (
    Action,
    EventRegistration,
    JointProject,
    Meeting,
    MemberEvent,
    Minutes,
    Organisation,
)
from .permissions import (
    is_network_manager,
    may_cancel_event,
    may_close_project,
    may_moderate_event,
    network_applicant_required,
    network_manager_required,
    network_member_required,
    network_participant_required,
    network_reader_required,
    network_role_required,
)

PAGE_SIZE = 20


# --- Landing pages ---------------------------------------------------------------------------


@network_role_required
def dashboard(request):
    """The member's landing page; a representative of a refused or removed organisation sees
    why they have no access any more (the pages themselves refuse them)."""
    representative = selectors.current_representation(request.user)
    request.network_representative = representative
    context = {
        "representative": representative,
        "application": selectors.pending_or_current_representation(request.user),
    }
    if representative is not None:
        context.update(
            {
                "upcoming": selectors.upcoming_meetings(request.user)[:5],
                "recent_items": selectors.library_items()[:5],
                "proposal_form": forms.ProposalForm(),
            }
        )
    return render(request, "network/dashboard.html", context)


@network_reader_required
def overview(request):
    """Staff landing page of the network."""
    context = {
        "upcoming": selectors.upcoming_meetings(request.user)[:5],
        "is_manager": is_network_manager(request.user),
    }
    if context["is_manager"]:
        context["pending"] = selectors.organisations_managed_by(request.user).filter(
            status=Organisation.Status.PENDING
        )
        context["drafts"] = (
            selectors.meetings_managed_by(request.user)
            .filter(status=Meeting.Status.DRAFT)
            .order_by("starts_at")
        )
    return render(request, "network/overview.html", context)


# --- Membership ------------------------------------------------------------------------------


@network_applicant_required
def adhesion(request):
    if selectors.pending_or_current_representation(request.user) is not None:
        messages.info(request, _("You already represent an organisation of the network."))
        return redirect("network:dashboard")
    organisation_form = forms.OrganisationForm(request.POST or None, prefix="org")
    representative_form = forms.RepresentativeForm(request.POST or None, prefix="rep")
    adhesion_form = forms.AdhesionForm(request.POST or None, request.FILES or None, prefix="adh")
    all_forms = [organisation_form, representative_form, adhesion_form]
    if request.method == "POST" and all(form.is_valid() for form in all_forms):
        with reported(request, form=adhesion_form) as outcome:
            organisation = services.organisation_apply(
                user=request.user,
                organisation_data={k: v for k, v in organisation_form.cleaned_data.items()},
                representative_data=representative_form.cleaned_data,
                agreement_file=adhesion_form.cleaned_data["agreement"],
            )
        if outcome.ok:
            messages.success(
                request,
                _(
                    "Thank you: %(name)s applied to join the network. The "
                    "employment agency will review the application."
                )
                % {"name": organisation.name},
            )
            return redirect("accounts:dashboard")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "network/adhesion.html",
        {
            "organisation_form": organisation_form,
            "representative_form": representative_form,
            "adhesion_form": adhesion_form,
        },
        status=status,
    )


@network_manager_required
def organisation_list(request):
    status = request.GET.get("status", Organisation.Status.PENDING)
    if status not in Organisation.Status.values:
        status = Organisation.Status.PENDING
    organisations = selectors.organisations_managed_by(request.user).filter(status=status)
    return render(
        request,
        "network/organisation_list.html",
        {
            "page_obj": paginate(request, organisations, per_page=PAGE_SIZE),
            "status": status,
            "statuses": Organisation.Status.choices,
        },
    )


@network_manager_required
def organisation_detail(request, pk):
    organisation = get_object_or_404(selectors.organisations_managed_by(request.user), pk=pk)
    audit_read(request, AuditEntry.Action.VIEW, organisation)
    return render(
        request,
        "network/organisation_detail.html",
        {
            "organisation": organisation,
            "history": selectors.representation_history(organisation),
            "transitions": organisation.transitions.select_related("by"),
            "reason_form": forms.DecisionReasonForm(),
        },
    )


@network_manager_required
@require_POST
def organisation_decide(request, pk, decision):
    organisation = get_object_or_404(selectors.organisations_managed_by(request.user), pk=pk)
    form = forms.DecisionReasonForm(request.POST)
    with reported(request) as outcome:
        if decision == "approve":
            services.organisation_approve(organisation=organisation, by=request.user)
        elif not form.is_valid():
            raise services.NetworkError(_("Give the reason for this decision."))
        elif decision == "refuse":
            services.organisation_refuse(
                organisation=organisation, by=request.user, reason=form.cleaned_data["reason"]
            )
        elif decision == "remove":
            services.organisation_remove(
                organisation=organisation, by=request.user, reason=form.cleaned_data["reason"]
            )
        else:
            raise Http404
    if outcome.ok:
        messages.success(
            request,
            _("The organisation is now: %(status)s.")
            % {"status": organisation.get_status_display()},
        )
    return redirect("network:organisation_detail", pk=organisation.pk)


@network_member_required
def my_organisation(request):
    representative = request.network_representative
    organisation = representative.organisation
    current = organisation.representatives.filter(ended_at__isnull=True).select_related("user")
    form = forms.NewRepresentativeForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in forms.RepresentativeForm.Meta.fields}
        with reported(request, form=form) as outcome:
            if form.cleaned_data["replace"]:
                services.representative_replace(
                    representative=form.cleaned_data["replace"],
                    user=form.cleaned_data["user"],
                    representative_data=data,
                    by=request.user,
                    reason=form.cleaned_data["reason"],
                )
            else:
                services.representative_add(
                    organisation=organisation,
                    user=form.cleaned_data["user"],
                    representative_data=data,
                    by=request.user,
                )
        if outcome.ok:
            messages.success(request, _("The representatives of your organisation were updated."))
            return redirect("network:my_organisation")
    return _my_organisation_page(
        request, form=form, status=400 if request.method == "POST" else 200
    )


def _my_organisation_page(request, *, form=None, public_form=None, status=200):
    organisation = request.network_representative.organisation
    current = organisation.representatives.filter(ended_at__isnull=True).select_related("user")
    return render(
        request,
        "network/my_organisation.html",
        {
            "organisation": organisation,
            "current": current,
            "history": selectors.representation_history(organisation),
            "form": form or forms.NewRepresentativeForm(current=current),
            "public_form": public_form or forms.PublicProfileForm(instance=organisation),
        },
        status=status,
    )


@require_GET
def public_members(request):
    """The public list of member organisations: no sign-in, only what each chose to publish."""
    filters = PublicMemberFilter(request.GET, queryset=selectors.public_members())
    return render(
        request,
        "network/public_members.html",
        {
            "page_obj": paginate(request, filters.qs, per_page=PAGE_SIZE),
            "filters": filters,
            "filtered": bool(request.GET.keys() - {"page"}),
        },
        status=200 if filters.is_valid() else 400,
    )


@network_member_required
@require_POST
def my_organisation_public(request):
    organisation = request.network_representative.organisation
    form = forms.PublicProfileForm(request.POST, instance=copy.copy(organisation))
    if form.is_valid():
        with reported(request, form=form) as outcome:
            services.organisation_public_profile_update(
                organisation=organisation, by=request.user, data=form.cleaned_data
            )
        if outcome.ok:
            messages.success(request, _("The public list of members now shows your changes."))
            return redirect("network:my_organisation")
    return _my_organisation_page(request, public_form=form, status=400)


@network_reader_required
def directory(request):
    page = paginate(request, selectors.directory(), per_page=50)
    audit_read(request)
    return render(request, "network/directory.html", {"page_obj": page})


@network_member_required
@require_POST
def proposal_create(request):
    form = forms.ProposalForm(request.POST)
    if form.is_valid():
        services.proposal_create(
            representative=request.network_representative, text=form.cleaned_data["text"]
        )
        messages.success(
            request, _("Thank you: your proposal is recorded for the activity report.")
        )
    else:
        messages.error(request, _("Write your proposal before sending it."))
    return redirect("network:dashboard")


# --- Meetings --------------------------------------------------------------------------------


@network_reader_required
def meeting_list(request):
    archive = request.GET.get("arhiva") == "1"
    meetings = (
        selectors.archived_meetings(request.user)
        if archive
        else selectors.meetings_visible_to(request.user)
        .filter(ends_at__gt=timezone.now())
        .order_by("starts_at")
    )
    return render(
        request,
        "network/meeting_list.html",
        {
            "page_obj": paginate(request, meetings, per_page=PAGE_SIZE),
            "archive": archive,
            "is_manager": is_network_manager(request.user),
        },
    )


@network_reader_required
@require_GET
def meeting_calendar(request, pk):
    """An announced meeting as a calendar file (a cancelled one cancels the event)."""
    meeting = get_object_or_404(
        selectors.meetings_visible_to(request.user).exclude(status=Meeting.Status.DRAFT), pk=pk
    )
    content = notices.meeting_ics(
        meeting, recipient=request.user, cancel=meeting.status == Meeting.Status.CANCELLED
    )
    return attachment(content, filename=f"intalnire-{meeting.pk}.ics", content_type="text/calendar")


@network_reader_required
def meeting_detail(request, pk):
    meeting = get_object_or_404(selectors.meetings_visible_to(request.user), pk=pk)
    manages = selectors.meetings_managed_by(request.user).filter(pk=pk).exists()
    context = {
        "meeting": meeting,
        "manages": manages,
        "minutes": selectors.minutes_visible_to(request.user, meeting),
        "rsvp": selectors.rsvp_of(meeting, request.user),
        "can_answer": request.network_representative is not None
        and meeting.status == Meeting.Status.PUBLISHED
        and not meeting.is_past
        and meeting.starts_at > timezone.now(),
        "counts": selectors.rsvp_counts(meeting),
        "now": timezone.now(),
    }
    if manages:
        context.update(
            {
                "rsvps": meeting.rsvps.select_related("user", "organisation"),
                "attachment_form": forms.AttachmentForm(),
                "reason_form": forms.DecisionReasonForm(),
                "earliest": services.earliest_publishable_start(),
                "deliveries": meeting.deliveries.filter(version=meeting.version)
                .values("recipient")
                .distinct()
                .count(),
            }
        )
    return render(request, "network/meeting_detail.html", context)


def _agenda_initial(meeting):
    return [
        {"title": i.title, "presenter": i.presenter, "duration_minutes": i.duration_minutes}
        for i in meeting.agenda_items.all()
    ]


def _agenda_from(formset):
    return [
        form.cleaned_data
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


@network_manager_required
def meeting_edit(request, pk=None):
    meeting = None
    if pk is not None:
        meeting = get_object_or_404(selectors.meetings_managed_by(request.user), pk=pk)
    # The form edits a copy, so that the service still sees what the meeting was before.
    form = forms.MeetingForm(request.POST or None, instance=copy.copy(meeting) if meeting else None)
    agenda = forms.AgendaFormSet(
        request.POST or None, prefix="agenda", initial=_agenda_initial(meeting) if meeting else None
    )
    if request.method == "POST" and form.is_valid() and agenda.is_valid():
        data = {field: form.cleaned_data[field] for field in form.Meta.fields}
        with reported(request, form=form) as outcome:
            if meeting is None:
                meeting = services.meeting_create(
                    organiser=request.user, data=data, agenda=_agenda_from(agenda)
                )
            else:
                services.meeting_update(
                    meeting=meeting, data=data, agenda=_agenda_from(agenda), by=request.user
                )
        if outcome.ok:
            messages.success(request, _("The meeting was saved."))
            return redirect("network:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "network/meeting_form.html",
        {
            "form": form,
            "agenda": agenda,
            "meeting": meeting,
        },
        status=400 if request.method == "POST" else 200,
    )


@network_manager_required
@require_POST
def meeting_transition(request, pk, action):
    meeting = get_object_or_404(selectors.meetings_managed_by(request.user), pk=pk)
    with reported(request):
        if action == "publish":
            services.meeting_publish(meeting=meeting, by=request.user)
            messages.success(
                request,
                _("The meeting is published; every representative is being sent the invitation."),
            )
        elif action == "cancel":
            form = forms.DecisionReasonForm(request.POST)
            if not form.is_valid():
                raise services.NetworkError(_("Give the reason for cancelling."))
            services.meeting_cancel(
                meeting=meeting, by=request.user, reason=form.cleaned_data["reason"]
            )
            messages.success(request, _("The meeting is cancelled."))
        else:
            raise Http404
    return redirect("network:meeting_detail", pk=meeting.pk)


@network_manager_required
@require_POST
def meeting_attach(request, pk):
    meeting = get_object_or_404(selectors.meetings_managed_by(request.user), pk=pk)
    form = forms.AttachmentForm(request.POST, request.FILES)
    with reported(request) as outcome:
        if not form.is_valid():
            raise ValidationError([m for errors in form.errors.values() for m in errors])
        services.meeting_attach(
            meeting=meeting, uploaded_file=form.cleaned_data["file"], by=request.user
        )
    if outcome.ok:
        messages.success(request, _("The document is attached to the meeting."))
    return redirect("network:meeting_detail", pk=meeting.pk)


@network_member_required
@require_POST
def meeting_rsvp(request, pk):
    meeting = get_object_or_404(selectors.meetings_visible_to(request.user), pk=pk)
    form = forms.RsvpForm(request.POST)
    rsvp, error = None, None
    if form.is_valid():
        try:
            rsvp = services.rsvp_answer(
                meeting=meeting,
                representative=request.network_representative,
                answer=form.cleaned_data["answer"],
            )
        except ValidationError as refused:
            error = error_messages(refused)[0]
    else:
        error = _("Choose whether you will attend.")
    if request.htmx:
        return render(
            request,
            "network/partials/rsvp.html",
            {
                "meeting": meeting,
                "rsvp": rsvp or selectors.rsvp_of(meeting, request.user),
                "can_answer": True,
                "error": error,
                "saved": rsvp is not None,
                "counts": selectors.rsvp_counts(meeting),
            },
            status=400 if error else 200,
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Your answer was recorded."))
    return redirect("network:meeting_detail", pk=meeting.pk)


# --- Minutes ---------------------------------------------------------------------------------


@network_manager_required
def minutes_edit(request, pk):
    """The minutes editor. A GET never writes: until the minutes are started (a POST of the
    "Start the minutes" button, ``start`` in the data) it offers that button; starting creates
    the minutes with the presence list and one discussion per agenda item, then comes back here."""
    meeting = get_object_or_404(selectors.meetings_managed_by(request.user), pk=pk)
    if request.method == "POST" and "start" in request.POST:
        with reported(request) as outcome:
            services.minutes_start(meeting=meeting, by=request.user)
        if not outcome.ok:
            return redirect("network:meeting_detail", pk=meeting.pk)
        return redirect("network:minutes_edit", pk=meeting.pk)
    minutes = selectors.minutes_visible_to(request.user, meeting)
    if minutes is None:
        if request.method == "POST":  # the editor posted before the minutes were started
            return redirect("network:minutes_edit", pk=meeting.pk)
        return render(
            request, "network/minutes_start.html", {"meeting": meeting, "now": timezone.now()}
        )
    if minutes.status != Minutes.Status.DRAFT:
        return redirect("network:meeting_detail", pk=meeting.pk)
    data = request.POST or None
    form = forms.MinutesForm(data, minutes=minutes)
    guests = forms.GuestFormSet(data, prefix="guests")
    decisions = forms.DecisionFormSet(
        data, prefix="decisions", initial=[{"text": d.text} for d in minutes.decisions.all()]
    )
    actions = forms.ActionFormSet(
        data,
        prefix="actions",
        initial=[
            {
                "description": a.description,
                "owner": a.owner,
                "deadline": a.deadline,
                "status": a.status,
            }
            for a in minutes.actions.all()
        ],
    )
    all_forms = [form, guests, decisions, actions]
    if request.method == "POST" and all(f.is_valid() for f in all_forms):
        services.minutes_update(
            minutes=minutes,
            by=request.user,
            summary=form.cleaned_data["summary"],
            presence=form.presence(),
            discussions=form.discussions(),
            guests=[g.cleaned_data for g in guests.forms if g.cleaned_data],
            decisions=[
                d.cleaned_data["text"]
                for d in decisions.forms
                if d.cleaned_data and not d.cleaned_data.get("DELETE")
            ],
            actions=[
                {k: a.cleaned_data[k] for k in ("description", "owner", "deadline", "status")}
                for a in actions.forms
                if a.cleaned_data and not a.cleaned_data.get("DELETE")
            ],
        )
        messages.success(request, _("The minutes were saved."))
        return redirect("network:minutes_edit", pk=meeting.pk)
    return render(
        request,
        "network/minutes_form.html",
        {
            "meeting": meeting,
            "minutes": minutes,
            "form": form,
            "guests": guests,
            "decisions": decisions,
            "actions": actions,
            "is_organiser": meeting.organiser_id == request.user.pk,
        },
        status=400 if request.method == "POST" else 200,
    )


@network_manager_required
@require_POST
def minutes_approve(request, pk):
    meeting = get_object_or_404(selectors.meetings_managed_by(request.user), pk=pk)
    minutes = get_object_or_404(Minutes, meeting=meeting)
    with reported(request) as outcome:
        services.minutes_approve(minutes=minutes, by=request.user)
    if not outcome.ok:
        return redirect("network:minutes_edit", pk=meeting.pk)
    messages.success(
        request, _("The minutes are approved and are being sent to every representative.")
    )
    return redirect("network:meeting_detail", pk=meeting.pk)


@network_manager_required
@require_POST
def action_status(request, pk):
    action = get_object_or_404(
        Action.objects.filter(
            minutes__meeting__in=selectors.meetings_managed_by(request.user).values("pk")
        ),
        pk=pk,
    )
    status = request.POST.get("status")
    if status in Action.Status.values:
        with reported(request, _("The status of the action was changed.")):
            services.action_set_status(action=action, status=status, by=request.user)
    return redirect("network:meeting_detail", pk=action.minutes.meeting_id)


# --- Library ---------------------------------------------------------------------------------


@network_reader_required
def library(request):
    search = forms.LibrarySearchForm(request.GET or None)
    filters = search.cleaned_data if search.is_valid() else {}
    items = selectors.library_items(
        query=filters.get("q", ""),
        kind=filters.get("kind", ""),
        tag=filters.get("tag", ""),
        scope=filters.get("scope", ""),
    )
    return render(
        request,
        "network/library.html",
        {
            "search": search,
            "page_obj": paginate(request, items, per_page=PAGE_SIZE),
            "tag": filters.get("tag", ""),
        },
    )


@network_participant_required
def library_share(request):
    form = forms.LibraryItemForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = {
            k: form.cleaned_data[k]
            for k in ("title", "kind", "summary", "scope", "county", "region")
        }
        with reported(request, form=form) as outcome:
            services.library_item_share(
                by=request.user,
                representative=request.network_representative,
                data=data,
                tags_text=form.cleaned_data["tags"],
                uploaded_file=form.cleaned_data["file"],
                url=form.cleaned_data["url"],
            )
        if outcome.ok:
            messages.success(request, _("Thank you for sharing it with the network."))
            return redirect("network:library")
    return render(
        request,
        "network/library_form.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


@network_reader_required
@require_GET
def library_open(request, pk):
    item = get_object_or_404(selectors.library_items(), pk=pk)
    services.library_item_count_download(item=item, by=request.user)
    if item.document_id:
        return redirect("documents:download", pk=item.document_id)
    return redirect(item.url)


# --- Events members announce -----------------------------------------------------------------


@network_reader_required
@require_GET
def event_list(request):
    representative = request.network_representative
    events = selectors.events_visible_to(request.user, representative)
    upcoming = events.filter(ends_at__gte=timezone.now())
    return render(
        request,
        "network/event_list.html",
        {
            "page_obj": paginate(request, upcoming, per_page=PAGE_SIZE),
            "to_moderate": (
                selectors.events_moderated_by(request.user)
                .filter(status=MemberEvent.Status.SUBMITTED)
                .select_related("organisation")
                if is_network_manager(request.user)
                else []
            ),
        },
    )


@network_member_required
def event_create(request):
    form = forms.MemberEventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with reported(request, form=form) as outcome:
            event = services.member_event_submit(
                representative=request.network_representative, data=form.cleaned_data
            )
        if outcome.ok:
            messages.success(
                request,
                _("Your event waits for moderation: members see it once the agency publishes it."),
            )
            return redirect("network:event_detail", pk=event.pk)
    return render(
        request,
        "network/event_form.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


@network_reader_required
@require_GET
def event_detail(request, pk):
    representative = request.network_representative
    event = get_object_or_404(selectors.events_visible_to(request.user, representative), pk=pk)
    registration = selectors.registration_of(event, request.user)
    may_cancel = may_cancel_event(request.user, representative, event)
    return render(
        request,
        "network/event_detail.html",
        {
            "event": event,
            "registration": registration,
            "waiting_position": (
                selectors.waiting_position(registration)
                if registration and registration.status == EventRegistration.Status.WAITING
                else None
            ),
            "may_moderate": event.status == MemberEvent.Status.SUBMITTED
            and may_moderate_event(request.user, event),
            "may_cancel": may_cancel,
            "reason_form": forms.DecisionReasonForm(),
            "registrations": event.registrations.select_related("user") if may_cancel else None,
        },
    )


@network_reader_required
@require_GET
def event_calendar(request, pk):
    event = get_object_or_404(
        selectors.events_visible_to(request.user, request.network_representative).filter(
            status__in=[MemberEvent.Status.PUBLISHED, MemberEvent.Status.CANCELLED]
        ),
        pk=pk,
    )
    content = notices.member_event_ics(
        event, recipient=request.user, cancel=event.status == MemberEvent.Status.CANCELLED
    )
    return attachment(content, filename=f"eveniment-{event.pk}.ics", content_type="text/calendar")


@network_reader_required
@require_POST
def event_register(request, pk):
    event = get_object_or_404(
        selectors.events_visible_to(request.user, request.network_representative), pk=pk
    )
    if request.POST.get("register") == "1":
        with reported(request) as outcome:
            registration = services.event_register(event=event, user=request.user)
        if outcome.ok:
            messages.success(
                request,
                _("Your place is confirmed; the calendar file is in your e-mail.")
                if registration.status == EventRegistration.Status.CONFIRMED
                else _("The event is full: you are on the waiting list."),
            )
    else:
        with reported(request, _("You are no longer registered for this event.")):
            services.event_unregister(event=event, user=request.user)
    return redirect("network:event_detail", pk=event.pk)


@network_participant_required
@require_POST
def event_decide(request, pk, decision):
    representative = request.network_representative
    event = get_object_or_404(selectors.events_visible_to(request.user, representative), pk=pk)
    form = forms.DecisionReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    if decision == "cancel":
        if not may_cancel_event(request.user, representative, event):
            raise PermissionDenied
        with reported(request, _("The event is cancelled; the people registered are told.")):
            services.member_event_cancel(event=event, by=request.user, reason=reason)
    elif decision in ("publish", "refuse"):
        if not may_moderate_event(request.user, event):
            raise PermissionDenied
        if decision == "publish":
            with reported(request, _("The event is published: the members are told.")):
                services.member_event_publish(event=event, by=request.user)
        else:
            with reported(request, _("The event is refused; the organisation is told why.")):
                services.member_event_refuse(event=event, by=request.user, reason=reason)
    else:
        raise Http404
    return redirect("network:event_detail", pk=event.pk)


# --- Joint projects and trainings ------------------------------------------------------------


@network_reader_required
@require_GET
def project_list(request):
    closed = request.GET.get("inchise") == "1"
    status = JointProject.Status.CLOSED if closed else JointProject.Status.OPEN
    return render(
        request,
        "network/project_list.html",
        {
            "page_obj": paginate(
                request, selectors.joint_projects(status=status), per_page=PAGE_SIZE
            ),
            "closed": closed,
        },
    )


@network_member_required
def project_create(request):
    form = forms.JointProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with reported(request, form=form) as outcome:
            project = services.joint_project_propose(
                representative=request.network_representative, data=form.cleaned_data
            )
        if outcome.ok:
            messages.success(request, _("Your proposal is published: members can now join it."))
            return redirect("network:project_detail", pk=project.pk)
    return render(
        request,
        "network/project_form.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


@network_reader_required
@require_GET
def project_detail(request, pk):
    project = get_object_or_404(selectors.joint_projects_with_participants(), pk=pk)
    representative = request.network_representative
    participants = list(project.participants.all())
    organisation_id = representative.organisation_id if representative else None
    return render(
        request,
        "network/project_detail.html",
        {
            "project": project,
            "participants": participants,
            "takes_part": any(p.organisation_id == organisation_id for p in participants),
            "is_proposer": organisation_id == project.proposed_by_id,
            "may_close": may_close_project(request.user, representative, project),
        },
    )


@network_member_required
@require_POST
def project_join(request, pk):
    project = get_object_or_404(selectors.joint_projects_with_participants(), pk=pk)
    representative = request.network_representative
    if request.POST.get("join") == "1":
        with reported(request, _("Your organisation takes part in this project.")):
            services.joint_project_join(project=project, representative=representative)
    else:
        with reported(request, _("Your organisation no longer takes part in this project.")):
            services.joint_project_leave(project=project, representative=representative)
    return redirect("network:project_detail", pk=project.pk)


@network_participant_required
@require_POST
def project_close(request, pk):
    project = get_object_or_404(selectors.joint_projects_with_participants(), pk=pk)
    if not may_close_project(request.user, request.network_representative, project):
        raise PermissionDenied
    with reported(request, _("The project is closed: no organisation can join it now.")):
        services.joint_project_close(project=project, by=request.user)
    return redirect("network:project_detail", pk=project.pk)


# --- Discussion groups -----------------------------------------------------------------------


@network_reader_required
def group_list(request):
    groups = selectors.groups_with_activity()
    followed = set(request.user.followed_network_groups.values_list("pk", flat=True))
    return render(
        request,
        "network/group_list.html",
        {
            "page_obj": paginate(request, groups, per_page=PAGE_SIZE),
            "followed": followed,
            "is_manager": is_network_manager(request.user),
        },
    )


@network_manager_required
def group_create(request):
    form = forms.GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        group = services.group_create(data=form.cleaned_data, by=request.user)
        messages.success(request, _("The group was created."))
        return redirect("network:group_detail", pk=group.pk)
    return render(
        request,
        "network/group_form.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


@network_reader_required
def group_detail(request, pk):
    group = get_object_or_404(selectors.groups_with_activity(), pk=pk)
    return render(
        request,
        "network/group_detail.html",
        {
            "group": group,
            "page_obj": paginate(request, selectors.threads_of(group), per_page=PAGE_SIZE),
            "follows": group.followers.filter(pk=request.user.pk).exists(),
            "form": forms.ThreadForm(),
        },
    )


@network_reader_required
@require_POST
def group_follow(request, pk):
    group = get_object_or_404(selectors.groups_with_activity(), pk=pk)
    follow = request.POST.get("follow") == "1"
    services.group_follow(group=group, user=request.user, follow=follow)
    messages.success(
        request,
        _("You follow this group: new discussions come by e-mail.")
        if follow
        else _("You no longer follow this group."),
    )
    return redirect("network:group_detail", pk=group.pk)


@network_participant_required
@require_POST
def thread_create(request, pk):
    group = get_object_or_404(selectors.groups_with_activity(), pk=pk)
    form = forms.ThreadForm(request.POST)
    if form.is_valid():
        with reported(request, form=form) as outcome:
            thread = services.thread_create(group=group, author=request.user, **form.cleaned_data)
        if outcome.ok:
            return redirect("network:thread_detail", pk=thread.pk)
    return render(
        request,
        "network/group_detail.html",
        {
            "group": group,
            "page_obj": paginate(request, selectors.threads_of(group), per_page=PAGE_SIZE),
            "form": form,
            "follows": group.followers.filter(pk=request.user.pk).exists(),
        },
        status=400,
    )


@network_reader_required
def thread_detail(request, pk):
    thread = get_object_or_404(selectors.threads_of_all().select_related("group"), pk=pk)
    form = forms.ReplyForm(request.POST or None)
    if request.method == "POST":
        if not selectors.may_participate(request.user):
            raise PermissionDenied
        if form.is_valid():
            services.reply_create(
                thread=thread, author=request.user, body=form.cleaned_data["body"]
            )
            return redirect(f"{reverse('network:thread_detail', args=[thread.pk])}#raspunsuri")
    return render(
        request,
        "network/thread_detail.html",
        {
            "thread": thread,
            "replies": thread.replies.select_related("author"),
            "form": form,
            "may_reply": selectors.may_participate(request.user),
        },
        status=400 if request.method == "POST" else 200,
    )


# --- Vacancy-data exchange -------------------------------------------------------------------


@network_member_required
def api_tokens(request):
    form = forms.ApiTokenForm(request.POST or None)
    raw = None
    if request.method == "POST" and form.is_valid():
        _token, raw = services.api_token_create(user=request.user, name=form.cleaned_data["name"])
        form = forms.ApiTokenForm()
    return render(
        request,
        "network/api_tokens.html",
        {
            "tokens": selectors.api_tokens_of(request.user),
            "form": form,
            "raw": raw,
        },
    )


@network_member_required
@require_POST
def api_token_revoke(request, pk):
    token = get_object_or_404(selectors.api_tokens_of(request.user), pk=pk)
    services.api_token_revoke(token=token, by=request.user)
    messages.success(request, _("The token is revoked: it no longer opens the feed."))
    return redirect("network:api_tokens")


@network_member_required
@require_GET
def vacancy_feed(request, fmt):
    """The feed from the portal, with the member's session."""
    return feeds.response(fmt, user=request.user, request=request)


@require_GET
def api_vacancy_feed(request, fmt):
    """The same feed for a program: ``Authorization: Bearer <token>``."""
    header = request.headers.get("Authorization", "")
    raw = header.removeprefix("Bearer ").strip() if header.startswith("Bearer ") else ""
    user = services.api_token_authenticate(raw)
    if user is None:
        response = HttpResponse(
            _("A valid network API token is required."),
            status=401,
            content_type="text/plain; charset=utf-8",
        )
        response["WWW-Authenticate"] = 'Bearer realm="puls-retea"'
        return response
    return feeds.response(fmt, user=user, request=request)
