"""Jobseekers in the admin: read-mostly views for support; the CNP is never listed or searched,
and every page that shows people is audited in their trail."""

from django.contrib import admin

from puls.audit.admin import AuditedReadsMixin

from . import models


@admin.register(models.JobseekerProfile)
class JobseekerProfileAdmin(AuditedReadsMixin, admin.ModelAdmin):
    list_display = ["__str__", "county", "agency", "status", "account_state", "registered_at"]
    list_filter = ["account_state", "status", "agency"]
    list_select_related = ["county", "agency"]
    search_fields = ["user__email", "user__last_name"]
    exclude = ["cnp", "cnp_hash"]
    raw_id_fields = ["user", "wished_occupations"]
    readonly_fields = [
        "birth_date",
        "birth_year",
        "sex",
        "agency",
        "consent_at",
        "consent_notice_version",
        "registered_at",
        "closed_at",
    ]
    show_full_result_count = False


@admin.register(models.Availability)
class AvailabilityAdmin(admin.ModelAdmin):
    list_display = ["counsellor", "agency", "weekday", "start_time", "end_time", "purpose"]
    list_filter = ["agency", "purpose", "weekday"]
    list_select_related = ["counsellor", "agency"]


@admin.register(models.AvailabilityException)
class AvailabilityExceptionAdmin(admin.ModelAdmin):
    list_display = ["counsellor", "start_date", "end_date", "reason"]
    list_select_related = ["counsellor"]


@admin.register(models.Booking)
class BookingAdmin(AuditedReadsMixin, admin.ModelAdmin):
    list_display = ["slot", "profile", "status", "created_at", "reminder_sent_at"]
    list_filter = ["status"]
    list_select_related = ["slot", "profile"]
    raw_id_fields = ["slot", "profile"]
    show_full_result_count = False

    def audit_subject(self, obj):
        return models.JobseekerProfile(pk=obj.profile_id)


@admin.register(models.ClosureRequest)
class ClosureRequestAdmin(AuditedReadsMixin, admin.ModelAdmin):
    list_display = ["profile", "requested_at", "outcome", "decided_at"]
    list_filter = ["outcome"]
    raw_id_fields = ["profile", "decided_by"]

    def audit_subject(self, obj):
        return models.JobseekerProfile(pk=obj.profile_id)
