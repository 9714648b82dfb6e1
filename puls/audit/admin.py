"""The audit trail in the admin: readable by those allowed to view it, changeable by no one; and
the mixin that audits reads of personal data through the admin."""

from typing import TYPE_CHECKING

from django.contrib import admin

from puls.http import client_ip
from puls.views import audit_read

from .models import AuditEntry
from .services import audit_listing

if TYPE_CHECKING:  # the mixin is only ever mixed into a ModelAdmin
    _AdminBase = admin.ModelAdmin
else:
    _AdminBase = object


class AuditedReadsMixin(_AdminBase):
    """For the ModelAdmin of a personal-data model: opening an object's page records a ``view``,
    each page of the list a ``list`` entry for every row shown (one INSERT), in the trail of
    the object that ``audit_subject`` names (by default the row itself)."""

    def audit_subject(self, obj):
        """The object whose trail a read of ``obj`` belongs to, e.g. the person it is about."""
        return obj

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        original = getattr(response, "context_data", {}).get("original")
        if request.method == "GET" and original is not None:
            audit_read(request, AuditEntry.Action.VIEW, self.audit_subject(original))
        return response

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if request.method == "GET" and changelist is not None:
            # result_list is the page's queryset; evaluating it here fills the cache the
            # template then reads, so the audit adds the INSERT and no SELECT.
            audit_listing(
                actor=request.user,
                targets=[self.audit_subject(obj) for obj in changelist.result_list],
                ip=client_ip(request),
                path=request.path,
            )
        return response


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "action", "target_content_type", "target_repr", "ip"]
    list_filter = ["action", "target_content_type"]
    list_select_related = ["actor", "target_content_type"]
    search_fields = ["actor__email", "target_object_id", "path"]
    date_hierarchy = "at"
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
