"""The admin shows requests read-only: every change goes through the portal's services (the
transition log, the e-mails, the audit)."""

from django.contrib import admin

from puls.audit.admin import AuditedReadsMixin

from .models import HelpRequest


@admin.register(HelpRequest)
class HelpRequestAdmin(AuditedReadsMixin, admin.ModelAdmin):
    list_display = ["id", "category", "agency", "status", "created_at", "due_date"]
    list_filter = ["status", "category"]
    # the private link stays out of every page: whoever holds it reads the thread
    exclude = ["token"]
    readonly_fields = [field.name for field in HelpRequest._meta.fields if field.name != "token"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
