"""The projects' training targets are data: the national team corrects a figure here, without a
release (programmes, sessions and enrolments have their own pages, with their rules)."""

from django.contrib import admin

from . import models


@admin.register(models.TrainingTarget)
class TrainingTargetAdmin(admin.ModelAdmin):
    list_display = ["indicator", "target", "source", "seed"]
    list_editable = ["target"]
    readonly_fields = ["indicator"]

    def has_add_permission(self, request):
        return False  # one row per indicator, from the data migration

    def has_delete_permission(self, request, obj=None):
        return False
