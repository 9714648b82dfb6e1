"""The employers app in the admin: browse and search everything; subsidy programmes and their
amounts are edited here too. Lifecycle changes (verification, publication, decisions) go through
the portal's pages, which log and notify, so their status fields are read-only here."""

from django.contrib import admin

from puls.audit.admin import AuditedReadsMixin

from .models import (
    Company,
    CompanyDocument,
    CompanyMembership,
    CompanyTransition,
    SatisfactionResponse,
    SubsidyAmount,
    SubsidyApplication,
    SubsidyDocumentRequirement,
    SubsidyProgramme,
    Vacancy,
    VacancyCommunication,
    VacancyLanguage,
    VacancySkill,
    VacancyTransition,
)


class MembershipInline(admin.TabularInline):
    model = CompanyMembership
    extra = 0
    raw_id_fields = ["user"]


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class SkillInline(ReadOnlyInline):
    model = VacancySkill


class LanguageInline(ReadOnlyInline):
    model = VacancyLanguage


class CompanyTransitionInline(ReadOnlyInline):
    model = CompanyTransition


@admin.register(Company)
class CompanyAdmin(AuditedReadsMixin, admin.ModelAdmin):
    list_display = ["name", "cui", "county", "status", "created_at"]
    list_filter = ["status", "county"]
    list_select_related = ["county"]
    search_fields = ["name", "cui", "trade_register_number"]
    readonly_fields = ["status", "status_reason", "verified_by", "verified_at", "created_at"]
    inlines = [MembershipInline, CompanyTransitionInline]


class TransitionInline(ReadOnlyInline):
    model = VacancyTransition


@admin.register(Vacancy)
class VacancyAdmin(admin.ModelAdmin):
    list_display = ["title", "company", "cor_occupation", "county", "status", "valid_until"]
    list_filter = ["status", "county", "schedule", "contract_type"]
    list_select_related = ["company", "cor_occupation", "county"]
    search_fields = ["title", "company__name", "company__cui", "cor_occupation__code"]
    raw_id_fields = [
        "company",
        "cor_occupation",
        "esco_occupation",
        "created_by",
        "duplicated_from",
    ]
    readonly_fields = ["status", "communicated_at", "published_at", "closed_at", "open_posts"]
    inlines = [SkillInline, LanguageInline, TransitionInline]


@admin.register(VacancyCommunication)
class VacancyCommunicationAdmin(admin.ModelAdmin):
    list_display = ["registration_number", "vacancy", "agency", "communicated_at", "on_time"]
    list_filter = ["on_time", "agency"]
    list_select_related = ["vacancy", "agency"]
    search_fields = ["registration_number"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class AmountInline(admin.TabularInline):
    model = SubsidyAmount
    extra = 0
    readonly_fields = ["entered_by", "entered_at"]


class RequirementInline(admin.TabularInline):
    model = SubsidyDocumentRequirement
    extra = 0


@admin.register(SubsidyProgramme)
class SubsidyProgrammeAdmin(admin.ModelAdmin):
    """Opening a programme is for the staff form (`employers:programme_edit`), which refuses it
    without a legal basis and terms in force: here ``is_open`` is only shown."""

    list_display = ["name", "legal_basis", "is_open"]
    list_filter = ["is_open"]
    readonly_fields = ["is_open"]
    inlines = [RequirementInline, AmountInline]

    def save_formset(self, request, form, formset, change):
        for row in formset.save(commit=False):
            if isinstance(row, SubsidyAmount) and row.entered_by_id is None:
                row.entered_by = request.user
            row.save()
        for row in formset.deleted_objects:
            row.delete()


@admin.register(SubsidyApplication)
class SubsidyApplicationAdmin(admin.ModelAdmin):
    list_display = ["programme", "company", "category", "status", "amount", "decided_at"]
    list_filter = ["status", "programme"]
    list_select_related = ["programme", "company"]
    readonly_fields = [
        "status",
        "submitted_at",
        "decided_at",
        "decided_by",
        "decision_reason",
        "amount",
    ]
    raw_id_fields = ["company", "created_by"]


@admin.register(CompanyDocument)
class CompanyDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "company", "review", "uploaded_at", "reviewed_at"]
    list_filter = ["review"]
    list_select_related = ["company"]
    readonly_fields = ["review", "reviewed_by", "reviewed_at", "rejection_reason"]
    raw_id_fields = ["company", "document", "vacancy", "application", "replaces", "uploaded_by"]


@admin.register(SatisfactionResponse)
class SatisfactionResponseAdmin(admin.ModelAdmin):
    list_display = [
        "vacancy",
        "overall",
        "candidates",
        "ease_of_use",
        "would_recommend",
        "answered_at",
    ]
    list_select_related = ["vacancy"]
