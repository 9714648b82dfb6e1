"""Documents in the admin: listed and deletable (the file goes too), never edited or added here."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from puls.audit.admin import AuditedReadsMixin

from .models import Document


@admin.register(Document)
class DocumentAdmin(AuditedReadsMixin, admin.ModelAdmin):
    list_display = ["original_name", "owner", "kind", "content_type", "size", "uploaded_at"]
    list_filter = ["content_type"]
    list_select_related = ["owner"]
    search_fields = ["owner__email", "original_name", "sha256"]
    date_hierarchy = "uploaded_at"
    fields = (
        "original_name",
        "owner",
        "kind",
        "content_type",
        "size",
        "sha256",
        "uploaded_at",
        "download",
    )
    readonly_fields = fields

    @admin.display(description=_("file"))
    def download(self, document):
        return format_html(
            '<a href="{}">{}</a>', reverse("documents:download", args=[document.pk]), _("Download")
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
