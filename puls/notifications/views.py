"""The person's notification preferences; and the outbox page: e-mails and deferred tasks that
failed or are late, and sending them again.

The outbox is for superusers only: it is national, and its rows hold e-mail addresses and subjects
of the people of every agency, which no agency role may see."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from puls.accounts.permissions import superuser_required
from puls.views import paginate, reported

from . import selectors, services
from .forms import OPTIONAL_KINDS, PreferencesForm
from .models import MANDATORY_KINDS, DeferredTask, NotificationKind, OutgoingEmail


@login_required
@require_GET
def inbox(request):
    notifications = selectors.notifications_of(request.user)
    return render(
        request,
        "notifications/inbox.html",
        {
            "page_obj": paginate(request, notifications),
            "unread": notifications.filter(read_at__isnull=True).exists(),
        },
    )


@login_required
@require_GET
def inbox_open(request, pk):
    """Opening a notification marks it read and leads to where it is answered."""
    notification = get_object_or_404(selectors.notifications_of(request.user), pk=pk)
    link = services.notification_open(notification=notification)
    return redirect(
        link
        if url_has_allowed_host_and_scheme(link, allowed_hosts=None) and link
        else "notifications:inbox"
    )


@login_required
@require_POST
def inbox_read_all(request):
    services.notifications_read_all(user=request.user)
    messages.success(request, _("All your notifications are marked as read."))
    return redirect("notifications:inbox")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    user = request.user
    current = services.settings_of(user)
    initial = {
        "language": user.language,
        "email_kinds": [kind for kind, _label in OPTIONAL_KINDS if kind not in current.muted_kinds],
        "digest": current.digest,
    }
    form = PreferencesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with reported(request, _("Your preferences are saved."), form=form) as outcome:
            services.preferences_update(user=user, **form.cleaned_data)
        if outcome.ok:
            return redirect("notifications:preferences")
    return render(
        request,
        "notifications/preferences.html",
        {
            "form": form,
            "mandatory_kinds": [NotificationKind(kind).label for kind in sorted(MANDATORY_KINDS)],
        },
    )


# Mail programs post the one-click unsubscribe (RFC 8058) without a session or a CSRF token; the
# signed token in the URL is the authority, and all it can do is stop one kind of e-mail to one
# person (news.views.unsubscribe does the same for the newsletter).
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    with reported(request) as outcome:
        if request.method == "POST":
            user, kind = services.notifications_unsubscribe(token=token)
        else:
            user, kind = services.unsubscribe_target(token=token)
    if not outcome.ok:
        return render(request, "notifications/unsubscribe_refused.html", status=400)
    return render(
        request,
        "notifications/unsubscribe.html",
        {
            "email": user.email,
            "kind": NotificationKind(kind).label,
            "done": request.method == "POST",
        },
    )


@superuser_required
def outbox(request):
    emails = paginate(request, selectors.emails_needing_attention(), per_page=50)
    tasks = selectors.tasks_needing_attention()[:50]
    return render(request, "notifications/outbox.html", {"emails": emails, "tasks": tasks})


@superuser_required
@require_POST
def email_resend(request, pk):
    email = get_object_or_404(OutgoingEmail.objects.defer("body", "html_body"), pk=pk)
    with reported(request, _("The e-mail will be sent again now.")):
        services.outbox_resend(item=email, by=request.user)
    return redirect("notifications:outbox")


@superuser_required
@require_POST
def task_resend(request, pk):
    task = get_object_or_404(DeferredTask, pk=pk)
    with reported(request, _("The task will run again now.")):
        services.outbox_resend(item=task, by=request.user)
    return redirect("notifications:outbox")
