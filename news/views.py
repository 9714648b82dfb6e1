"""Pages of the news: the public news page and newsletter archive, subscriptions, and the staff's
writing, preview and sending. Parse the request, call a selector or a service, render."""

from django.contrib import messages
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from puls.accounts.permissions import signed_in_required
from puls.throttle import throttled
from puls.views import paginate, reported

from . import forms, selectors, services
from .models import Announcement, Newsletter
from .permissions import news_editor_required

PAGE_SIZE = 10
STAFF_PAGE_SIZE = 25


# --- Public pages ----------------------------------------------------------------------------


@require_GET
def news_list(request):
    """Every published announcement; a signed-in user sees first what concerns them."""
    form = forms.NewsFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    personal = selectors.reads_personal_news(request.user) and not filters.get("all")
    announcements = (
        selectors.announcements_for(request.user)
        if personal
        else selectors.published_announcements()
    )
    if filters.get("audience"):
        announcements = announcements.filter(audience=filters["audience"])
    if filters.get("county"):
        announcements = announcements.filter(county=filters["county"])
    return render(
        request,
        "news/news_list.html",
        {
            "form": form,
            "page_obj": paginate(request, announcements, per_page=PAGE_SIZE),
            "personal": personal,
        },
    )


@require_GET
def announcement_detail(request, pk):
    """A published announcement; its editors also see it as a draft or withdrawn."""
    visible = Announcement.objects.filter(
        Q(pk__in=selectors.published_announcements().values("pk"))
        | Q(pk__in=selectors.announcements_managed_by(request.user).values("pk"))
    ).select_related("county")
    announcement = get_object_or_404(visible, pk=pk)
    return render(request, "news/announcement_detail.html", {"announcement": announcement})


@require_GET
def archive(request):
    page_obj = paginate(request, selectors.sent_newsletters(), per_page=PAGE_SIZE)
    return render(request, "news/archive.html", {"page_obj": page_obj})


@require_GET
def newsletter_detail(request, pk):
    newsletter = get_object_or_404(selectors.sent_newsletters(), pk=pk)
    return render(request, "news/newsletter_detail.html", {"newsletter": newsletter})


@require_GET
def brochure(request, pk):
    """The PDF brochure of a sent newsletter (public, like the newsletter), or of a draft for
    its editors."""
    visible = Newsletter.objects.filter(
        Q(pk__in=selectors.sent_newsletters().values("pk"))
        | Q(pk__in=selectors.newsletters_managed_by(request.user).values("pk"))
    )
    newsletter = get_object_or_404(visible.select_related("brochure"), pk=pk)
    document = newsletter.brochure
    if document is None:
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=document.download_name, content_type="application/pdf"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- Subscriptions ---------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def subscribe(request):
    """Visitors subscribe with their address (double opt-in); signed-in users in their account."""
    if request.user.is_authenticated:
        return redirect("news:my_subscription")
    form = forms.SubscribeForm(request.POST or None)
    if request.method == "POST":
        refused = throttled(request, action="puls_newsletter_subscribe")
        if refused:
            return refused
        if form.is_valid():
            services.subscription_request(
                email=form.cleaned_data["email"],
                audience=form.cleaned_data["audience"],
                county=form.cleaned_data["county"],
            )
            return render(request, "news/subscribe_sent.html")
    return render(
        request,
        "news/subscribe.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


@signed_in_required
@require_http_methods(["GET", "POST"])
def my_subscription(request):
    if request.method == "POST":
        if request.POST.get("action") == "subscribe":
            services.subscription_opt_in(user=request.user)
            messages.success(request, _("You are subscribed to the PULS newsletter."))
        elif request.POST.get("action") == "unsubscribe":
            services.subscription_opt_out(user=request.user)
            messages.success(request, _("You will not receive the PULS newsletter any more."))
        else:
            messages.error(request, _("Choose whether to subscribe or unsubscribe."))
        return redirect("news:my_subscription")
    subscription = selectors.subscription_of(request.user)
    return render(request, "news/my_subscription.html", {"subscription": subscription})


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """The link of the double opt-in: a page with one button (a link scanner opening the
    e-mail does not subscribe anybody); the button confirms."""
    with reported(request) as outcome:
        if request.method == "POST":
            subscription = services.subscription_confirm(token=token)
        else:
            subscription = services.subscription_for_confirmation(token=token)
    if not outcome.ok:
        return render(request, "news/token_refused.html", status=400)
    return render(
        request,
        "news/confirm.html",
        {"subscription": subscription, "confirmed": request.method == "POST"},
    )


# Mail programs post the one-click unsubscribe (RFC 8058) without a session or a CSRF token; the
# signed token in the URL is the authority, and all it can do is end that one subscription.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    with reported(request) as outcome:
        if request.method == "POST":
            subscription = services.subscription_unsubscribe(token=token)
        else:
            subscription = services.subscription_for_unsubscribe(token=token)
    if not outcome.ok:
        return render(request, "news/token_refused.html", status=400)
    return render(
        request,
        "news/unsubscribe.html",
        {"subscription": subscription, "done": request.method == "POST"},
    )


# --- Staff: announcements --------------------------------------------------------------------


@news_editor_required
@require_GET
def manage(request):
    announcements = selectors.announcements_managed_by(request.user)
    return render(
        request,
        "news/manage.html",
        {"page_obj": paginate(request, announcements, per_page=STAFF_PAGE_SIZE)},
    )


@news_editor_required
@require_http_methods(["GET", "POST"])
def announcement_edit(request, pk=None):
    announcement = None
    if pk is not None:
        announcement = get_object_or_404(selectors.announcements_managed_by(request.user), pk=pk)
    form = forms.AnnouncementForm(
        request.POST or None,
        instance=announcement,
        county_id=selectors.editor_county_id(request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = {field: form.cleaned_data[field] for field in services.ANNOUNCEMENT_FIELDS}
        with reported(request, _("The announcement was saved."), form=form) as outcome:
            if announcement is None:
                announcement = services.announcement_create(data=data, by=request.user)
            else:
                services.announcement_update(announcement=announcement, data=data, by=request.user)
        if outcome.ok:
            return redirect("news:manage")
    return render(
        request,
        "news/announcement_form.html",
        {"form": form, "announcement": announcement},
        status=400 if request.method == "POST" else 200,
    )


# Lazy: the message is translated into the language of the request that takes the action.
ANNOUNCEMENT_ACTIONS = {
    "publica": (services.announcement_publish, gettext_lazy("The announcement is published.")),
    "retrage": (services.announcement_withdraw, gettext_lazy("The announcement is withdrawn.")),
    "ciorna": (services.announcement_redraft, gettext_lazy("The announcement is a draft again.")),
}


@news_editor_required
@require_POST
def announcement_transition(request, pk, action):
    announcement = get_object_or_404(selectors.announcements_managed_by(request.user), pk=pk)
    if action not in ANNOUNCEMENT_ACTIONS:
        raise Http404
    service, success = ANNOUNCEMENT_ACTIONS[action]
    with reported(request, success):
        service(announcement=announcement, by=request.user)
    return redirect("news:manage")


# --- Staff: newsletters ----------------------------------------------------------------------


@news_editor_required
@require_GET
def newsletter_manage(request):
    newsletters = selectors.newsletters_managed_by(request.user)
    return render(
        request,
        "news/newsletter_manage.html",
        {"page_obj": paginate(request, newsletters, per_page=STAFF_PAGE_SIZE)},
    )


@news_editor_required
@require_http_methods(["GET", "POST"])
def newsletter_edit(request, pk=None):
    newsletter = None
    if pk is not None:
        newsletter = get_object_or_404(selectors.newsletters_managed_by(request.user), pk=pk)
        if newsletter.status != Newsletter.Status.DRAFT:
            return redirect("news:newsletter_review", pk=newsletter.pk)
    form = forms.NewsletterForm(
        request.POST or None,
        request.FILES or None,
        instance=newsletter,
        county_id=selectors.editor_county_id(request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = {field: form.cleaned_data[field] for field in services.NEWSLETTER_FIELDS}
        brochure_file = form.cleaned_data["brochure_file"] or None
        with reported(request, _("The newsletter was saved."), form=form) as outcome:
            if newsletter is None:
                newsletter = services.newsletter_create(
                    data=data, by=request.user, brochure_file=brochure_file
                )
            else:
                services.newsletter_update(
                    newsletter=newsletter,
                    data=data,
                    by=request.user,
                    brochure_file=brochure_file,
                    remove_brochure=form.cleaned_data.get("remove_brochure", False),
                )
        if outcome.ok:
            return redirect("news:newsletter_review", pk=newsletter.pk)
    return render(
        request,
        "news/newsletter_form.html",
        {"form": form, "newsletter": newsletter},
        status=400 if request.method == "POST" else 200,
    )


@news_editor_required
@require_GET
def newsletter_review(request, pk):
    """The preview of the e-mail as subscribers will read it, then the sending and its progress."""
    newsletter = get_object_or_404(selectors.newsletters_managed_by(request.user), pk=pk)
    context = {
        "newsletter": newsletter,
        "preview": services.newsletter_email_context(newsletter, None),
        "progress": selectors.newsletter_progress(newsletter),
    }
    if newsletter.status == Newsletter.Status.DRAFT:
        context["recipients_now"] = selectors.recipients_count(newsletter)
    return render(request, "news/newsletter_review.html", context)


@news_editor_required
@require_POST
def newsletter_send(request, pk):
    newsletter = get_object_or_404(selectors.newsletters_managed_by(request.user), pk=pk)
    with reported(request, _("The newsletter is being sent.")):
        services.newsletter_send(newsletter=newsletter, by=request.user)
    return redirect("news:newsletter_review", pk=newsletter.pk)


@news_editor_required
@require_GET
def newsletter_progress(request, pk):
    """The progress fragment, polled by htmx every second while the newsletter is being sent."""
    newsletter = get_object_or_404(selectors.newsletters_managed_by(request.user), pk=pk)
    return render(
        request,
        "news/partials/progress.html",
        {"newsletter": newsletter, "progress": selectors.newsletter_progress(newsletter)},
    )
