from django.contrib import admin

from jobseekers.models import JobseekerProfile
from puls.audit.admin import AuditedReadsMixin

from .models import Outcome, Proposal, ProposalTransition, WeightSet


class ProposalTransitionInline(admin.TabularInline):
    model = ProposalTransition
    extra = 0
    readonly_fields = ["from_status", "to_status", "by", "at", "reason"]
    can_delete = False


@admin.register(Proposal)
class ProposalAdmin(AuditedReadsMixin, admin.ModelAdmin):
    list_display = ["pk", "vacancy", "agency", "status", "score", "created_at"]
    list_filter = ["status", "agency"]
    raw_id_fields = ["vacancy", "profile", "proposed_by", "fill_report", "weight_set"]
    readonly_fields = ["signals", "explanation"]
    inlines = [ProposalTransitionInline]

    def audit_subject(self, obj):
        return JobseekerProfile(pk=obj.profile_id)


@admin.register(WeightSet)
class WeightSetAdmin(admin.ModelAdmin):
    # weight sets are made by learning from outcomes (services.weights_learn), never by hand: an
    # empty one posted here had no version, an IntegrityError (500)
    def has_add_permission(self, request):
        return False

    list_display = ["version", "is_active", "validation_log_loss", "validation_auc", "created_at"]
    readonly_fields = [
        "version",
        "weights",
        "method",
        "training_outcomes",
        "validation_outcomes",
        "validation_log_loss",
        "validation_auc",
        "previous_log_loss",
        "created_at",
    ]


@admin.register(Outcome)
class OutcomeAdmin(admin.ModelAdmin):
    list_display = ["pk", "kind", "reason", "recorded_at"]
    list_filter = ["kind"]
    raw_id_fields = ["proposal"]
