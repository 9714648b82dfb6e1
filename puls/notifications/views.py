"""The person's notification preferences; and the outbox page: e-mails and deferred tasks that
failed or are late, and sending them again.

The outbox is for superusers only: it is national, and its rows hold e-mail addresses and subjects
of the people of every agency, which no agency role may see."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from puls.accounts.permissions import superuser_required
from puls.views import paginate, reported

from . import selectors, services
from .forms import PreferencesForm
from .models import DeferredTask, OutgoingEmail


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    user = request.user
    form = PreferencesForm(request.POST or None, initial={"language": user.language})
    if request.method == "POST" and form.is_valid():
        with reported(request, _("Your preferences are saved."), form=form) as outcome:
            services.preferences_update(user=user, **form.cleaned_data)
        if outcome.ok:
            return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


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
