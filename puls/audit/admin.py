"""The audit trail in the admin: readable by those allowed to view it, changeable by no one."""

from django.contrib import admin

from .models import AuditEntry


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
