from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from puls.audit.admin import AuditedReadsMixin

from . import services
from .models import DeferredTask, OutgoingEmail


class OutboxStateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("done", _("Delivered")),
            ("pending", _("Waiting")),
            ("delayed", _("Delayed")),
            ("failed", _("Failed")),
        ]

    def queryset(self, request, queryset):
        done = {f"{queryset.model.DONE_FIELD}__isnull": False}
        match self.value():
            case "done":
                return queryset.filter(**done)
            case "pending":
                return queryset.pending()
            case "delayed":
                return queryset.delayed(timezone.now())
            case "failed":
                return queryset.filter(failed_at__isnull=False)
        return queryset


@admin.action(description=_("Send again now (failed or delayed only)"))
def resend(modeladmin, request, queryset):
    done = refused = 0
    for item in queryset:
        try:
            services.outbox_resend(item=item, by=request.user)
        except ValidationError:
            refused += 1
        else:
            done += 1
    modeladmin.message_user(
        request,
        _("%(done)s queued again, %(refused)s left alone (delivered or being delivered).")
        % {"done": done, "refused": refused},
        messages.INFO,
    )


class OutboxItemAdmin(admin.ModelAdmin):
    list_filter = [OutboxStateFilter]
    actions = [resend]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(AuditedReadsMixin, OutboxItemAdmin):
    """The e-mail log holds people's addresses and the text sent to them: reading it is
    audited, in each e-mail's own trail."""

    list_display = ["subject", "created_at", "sent_at", "attempts", "next_attempt_at", "failed_at"]
    search_fields = ["subject"]


@admin.register(DeferredTask)
class DeferredTaskAdmin(OutboxItemAdmin):
    list_display = ["task", "args", "created_at", "completed_at", "attempts", "failed_at"]
    search_fields = ["task"]
