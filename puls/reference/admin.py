from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import text
from .models import (
    Agency,
    CorOccupation,
    County,
    EscoOccupation,
    EscoOccupationLabel,
    IscoGroup,
    OccupationSkill,
    Skill,
    SkillGroup,
    SkillLabel,
    TrainingCentre,
)


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "county", "address", "phone", "email"]
    list_select_related = ["county"]
    fields = ["name", "kind", "county", "address", "phone", "email"]
    readonly_fields = ["name", "kind", "county"]

    def has_add_permission(self, request):
        return False  # one agency per county, created with the counties

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TrainingCentre)
class TrainingCentreAdmin(admin.ModelAdmin):
    """The CRFPA and the CNFPPP (loaded by a migration with those the seeds let us name); ANOFM
    completes the list and their addresses here."""

    list_display = ["name", "kind", "city", "county", "address"]
    list_filter = ["kind"]
    list_select_related = ["county"]
    search_fields = ["name", "city"]


class ReadOnlyReferenceAdmin(admin.ModelAdmin):
    """Loaded by `manage.py load_reference`, which would undo any edit: shown, never changed here.

    The search box ignores case and diacritics like the portal's own search: the term is turned
    into a search key before the `search_key` columns are matched.
    """

    list_per_page = 50

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, text.search_key(search_term))


@admin.display(description=_("label"))
def _label(obj):
    return obj.label()


_LABEL_FIELDS = ("language", "kind", "label")


class LabelInline(admin.TabularInline):
    fields = readonly_fields = _LABEL_FIELDS
    extra = 0
    can_delete = False
    ordering = ["language", "kind", "label"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class EscoOccupationLabelInline(LabelInline):
    model = EscoOccupationLabel


class SkillLabelInline(LabelInline):
    model = SkillLabel


@admin.register(IscoGroup)
class IscoGroupAdmin(ReadOnlyReferenceAdmin):
    list_display = ["code", _label, "level", "cor_name"]
    list_filter = ["level"]
    list_select_related = ["parent"]
    search_fields = ["=code", "uri"]
    ordering = ["code"]


@admin.register(CorOccupation)
class CorOccupationAdmin(ReadOnlyReferenceAdmin):
    list_display = ["code", "name", "isco_group"]
    list_select_related = ["isco_group"]
    search_fields = ["^code", "search_key"]
    ordering = ["code"]


@admin.register(EscoOccupation)
class EscoOccupationAdmin(ReadOnlyReferenceAdmin):
    list_display = ["code", _label, "isco_group"]
    list_select_related = ["isco_group"]
    search_fields = ["^code", "uri", "labels__search_key"]
    ordering = ["code"]
    inlines = [EscoOccupationLabelInline]


@admin.register(SkillGroup)
class SkillGroupAdmin(ReadOnlyReferenceAdmin):
    list_display = ["code", _label, "level", "parent"]
    list_filter = ["level"]
    list_select_related = ["parent"]
    search_fields = ["^code", "uri"]
    ordering = ["code"]


@admin.register(Skill)
class SkillAdmin(ReadOnlyReferenceAdmin):
    list_display = [_label, "skill_type", "reuse_level", "collections", "pillar_roots"]
    list_filter = ["skill_type", "reuse_level", "pillar_roots"]
    search_fields = ["uri", "labels__search_key"]
    ordering = ["pk"]
    exclude = ["broader_skills", "broader_groups"]
    inlines = [SkillLabelInline]


@admin.register(OccupationSkill)
class OccupationSkillAdmin(ReadOnlyReferenceAdmin):
    list_display = ["occupation", "skill", "relation_type"]
    list_filter = ["relation_type"]
    list_select_related = ["occupation", "occupation__isco_group", "skill"]
    search_fields = ["^occupation__code", "occupation__labels__search_key"]
    ordering = ["occupation__code", "relation_type"]
    raw_id_fields = ["occupation", "skill"]
