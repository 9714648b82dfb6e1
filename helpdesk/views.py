"""The help desk's pages: a new request (anyone), the requester's thread (signed in, or through
the private link), the staff queue and answer, the national team's proposals and questions, and
the public frequently asked questions."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from puls.accounts.permissions import analyst_required, signed_in_required, staff_required
from puls.http import client_ip
from puls.throttle import throttled
from puls.views import audit_read, paginate, reported

from . import selectors, services
from .forms import (
    FaqEntryForm,
    HelpRequestForm,
    MessageForm,
    ProposalFilterForm,
    ProposalMoveForm,
    QueueFilterForm,
    RatingForm,
    local_path_or_empty,
)
from .models import FaqEntry

PAGE_SIZE = 20
ANONYMOUS_LIMIT = "puls_helpdesk_anonymous"


# --- A new request (anyone) --------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def request_create(request):
    user = request.user
    county = selectors.requester_county(user)
    options = {"signed_in": user.is_authenticated, "county_known": county is not None}
    if request.method == "GET":
        initial = {"page": local_path_or_empty(request.GET.get("de_la", ""))}
        form = HelpRequestForm(initial=initial, **options)
        return _render_create(request, form, county)
    if not user.is_authenticated:
        refused = throttled(request, action=ANONYMOUS_LIMIT)
        if refused:
            return refused
    form = HelpRequestForm(request.POST, request.FILES, **options)
    if form.is_valid():
        data = form.cleaned_data
        with reported(request, form=form) as outcome:
            help_request = services.help_request_open(
                category=data["category"],
                description=data["description"],
                page=data["page"],
                county=data.get("county"),
                contact_email=data.get("contact_email", ""),
                requester=user if user.is_authenticated else None,
                uploaded_file=data.get("attachment"),
                language=get_language(),
                ip=client_ip(request),
            )
        if outcome.ok:
            if not user.is_authenticated:
                return redirect("helpdesk:received")
            messages.success(request, _("Your request was received."))
            return redirect("helpdesk:my_request", help_request.pk)
    return _render_create(request, form, county, status=400)


def _render_create(request, form, county, *, status=200):
    context = {"form": form, "county": county}
    return render(request, "helpdesk/request_form.html", context, status=status)


@require_GET
def request_received(request):
    return render(request, "helpdesk/request_received.html")


# --- The requester's thread ----------------------------------------------------------------------


def _actionss(name, key):
    """The requester's three actions, posted to ``name`` with ``key`` (pk or token)."""
    return {verb: reverse(name, args=[key, verb]) for verb in ("raspunde", "inchide", "evalueaza")}


def _render_thread(request, help_request, *, actions, reply_form=None, rating_form=None):
    context = {
        "help_request": help_request,
        "thread": selectors.thread_of(help_request),
        "reply_form": reply_form or MessageForm(),
        "rating_form": rating_form or RatingForm(),
        "actions": actions,
    }
    invalid = reply_form is not None or rating_form is not None
    return render(request, "helpdesk/thread.html", context, status=400 if invalid else 200)


def _requester_action(request, help_request, *, action, by, actions, back):
    """Reply (which reopens a closed request), close, or rate: the requester's three actions."""
    ip = client_ip(request)
    if action == "raspunde":
        form = MessageForm(request.POST)
        if form.is_valid():
            with reported(request, _("Your message was sent."), form=form) as outcome:
                services.help_request_reply(
                    help_request=help_request, body=form.cleaned_data["body"], by=by, ip=ip
                )
            if outcome.ok:
                return redirect(back)
        return _render_thread(request, help_request, actions=actions, reply_form=form)
    if action == "inchide":
        with reported(request, _("The request is closed.")):
            services.help_request_close(help_request=help_request, by=by, by_staff=False, ip=ip)
        return redirect(back)
    if action == "evalueaza":
        form = RatingForm(request.POST)
        if form.is_valid():
            with reported(request, _("Thank you for your answer."), form=form) as outcome:
                services.help_request_rate(
                    help_request=help_request,
                    rating=form.cleaned_data["rating"],
                    comment=form.cleaned_data["comment"],
                    by=by,
                    ip=ip,
                )
            if outcome.ok:
                return redirect(back)
        return _render_thread(request, help_request, actions=actions, rating_form=form)
    raise Http404


@signed_in_required
@require_GET
def my_requests(request):
    page = paginate(request, selectors.requests_of(request.user), per_page=PAGE_SIZE)
    return render(request, "helpdesk/my_requests.html", {"page_obj": page})


@signed_in_required
@require_GET
def my_request(request, pk):
    help_request = get_object_or_404(selectors.requests_of(request.user), pk=pk)
    actions = _actionss("helpdesk:my_action", pk)
    return _render_thread(request, help_request, actions=actions)


@signed_in_required
@require_POST
def my_request_action(request, pk, action):
    help_request = get_object_or_404(selectors.requests_of(request.user), pk=pk)
    actions = _actionss("helpdesk:my_action", pk)
    back = reverse("helpdesk:my_request", args=[pk])
    return _requester_action(
        request, help_request, action=action, by=request.user, actions=actions, back=back
    )


@require_GET
@never_cache  # the page of whoever holds the link: no shared or browser cache keeps it
def track(request, token):
    help_request = get_object_or_404(selectors.request_with_token(token))
    actions = _actionss("helpdesk:track_action", token)
    return _render_thread(request, help_request, actions=actions)


@require_POST
@never_cache
def track_action(request, token, action):
    help_request = get_object_or_404(selectors.request_with_token(token))
    refused = throttled(request, action=ANONYMOUS_LIMIT)
    if refused:
        return refused
    actions = _actionss("helpdesk:track_action", token)
    back = reverse("helpdesk:track", args=[token])
    return _requester_action(
        request, help_request, action=action, by=None, actions=actions, back=back
    )


# --- Staff: the queue and the answer ------------------------------------------------------------


@staff_required
@require_GET
def queue(request):
    form = QueueFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "helpdesk/queue.html", {"form": form}, status=400)
    items = selectors.queue(request.user, **form.cleaned_data)
    page = paginate(request, items, per_page=PAGE_SIZE)
    return render(request, "helpdesk/queue.html", {"form": form, "page_obj": page})


def _render_staff_detail(request, help_request, *, answer_form=None):
    context = {
        "help_request": help_request,
        "thread": selectors.thread_of(help_request),
        "answer_form": answer_form or MessageForm(),
    }
    status = 400 if answer_form is not None else 200
    return render(request, "helpdesk/staff_detail.html", context, status=status)


@staff_required
@require_GET
def staff_detail(request, pk):
    help_request = get_object_or_404(selectors.requests_handled_by(request.user), pk=pk)
    audit_read(request, target=help_request)
    return _render_staff_detail(request, help_request)


@staff_required
@require_POST
def staff_answer(request, pk):
    help_request = get_object_or_404(selectors.requests_handled_by(request.user), pk=pk)
    form = MessageForm(request.POST)
    if form.is_valid():
        with reported(request, _("The answer was sent."), form=form) as outcome:
            services.help_request_answer(
                help_request=help_request, body=form.cleaned_data["body"], by=request.user
            )
        if outcome.ok:
            return redirect("helpdesk:staff_detail", pk)
    return _render_staff_detail(request, help_request, answer_form=form)


@staff_required
@require_POST
def staff_close(request, pk):
    help_request = get_object_or_404(selectors.requests_handled_by(request.user), pk=pk)
    with reported(request, _("The request is closed.")):
        services.help_request_close(
            help_request=help_request, by=request.user, by_staff=True, ip=client_ip(request)
        )
    return redirect("helpdesk:staff_detail", pk)


# --- The national team: proposals and questions -------------------------------------------------


@analyst_required
@require_GET
def proposals(request):
    form = ProposalFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "helpdesk/proposals.html", {"form": form}, status=400)
    page = paginate(request, selectors.proposals(**form.cleaned_data), per_page=PAGE_SIZE)
    for proposal in page:
        # one form per proposal, with ids of its own
        proposal.move_form = ProposalMoveForm(auto_id=f"proposal-{proposal.pk}-%s")
    context = {"form": form, "page_obj": page}
    return render(request, "helpdesk/proposals.html", context)


@analyst_required
@require_POST
def proposal_move(request, pk):
    proposal = get_object_or_404(selectors.proposals(), pk=pk)
    form = ProposalMoveForm(request.POST)
    if not form.is_valid():
        context = {"proposal": proposal, "move_form": form}
        return render(request, "helpdesk/proposal_move.html", context, status=400)
    with reported(request, _("The proposal's status was changed.")):
        services.proposal_move(
            proposal=proposal,
            to=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
            by=request.user,
        )
    return redirect(f"{reverse('helpdesk:proposals')}#proposal-{proposal.pk}")


@require_GET
def faq(request):
    context = {"groups": selectors.faq_by_audience(request.user)}
    return render(request, "helpdesk/faq.html", context)


@analyst_required
@require_GET
def faq_manage(request):
    page = paginate(request, selectors.faq_entries(), per_page=PAGE_SIZE)
    return render(request, "helpdesk/faq_manage.html", {"page_obj": page})


def _faq_form(request, entry):
    form = FaqEntryForm(request.POST if request.method == "POST" else None, instance=entry)
    if request.method == "POST":
        if form.is_valid():
            with reported(request, _("The question was saved."), form=form) as outcome:
                services.faq_save(entry=form.instance, by=request.user)
            if outcome.ok:
                return redirect("helpdesk:faq_manage")
        return render(request, "helpdesk/faq_form.html", {"form": form}, status=400)
    return render(request, "helpdesk/faq_form.html", {"form": form})


@analyst_required
@require_http_methods(["GET", "POST"])
def faq_create(request):
    return _faq_form(request, FaqEntry())


@analyst_required
@require_http_methods(["GET", "POST"])
def faq_edit(request, pk):
    return _faq_form(request, get_object_or_404(selectors.faq_entries(), pk=pk))


@analyst_required
@require_POST
def faq_delete(request, pk):
    entry = get_object_or_404(selectors.faq_entries(), pk=pk)
    with reported(request, _("The question was deleted.")):
        services.faq_delete(entry=entry, by=request.user)
    return redirect("helpdesk:faq_manage")
