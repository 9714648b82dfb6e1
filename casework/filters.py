"""The caseload's search, filters and order (django-filter), applied to ``caseload_of(user)``; the
status filter of the referrals a partner organisation received.

Search (``q``): words match the first or last name or the e-mail; digits match the registration
number (the dossier's number), and four digits also the last four digits of the CNP — the digits
the masked CNP shows staff, stored in clear for this (``JobseekerProfile.cnp_last_digits``; the
rest of the CNP is encrypted and matched only whole, through its keyed hash, by the people page's
POST form). A whole CNP typed here is refused (the view drops it from the address at once).
"""

import django_filters
from django import forms
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _

from jobseekers.models import VulnerabilityDeclaration, VulnerableGroup
from puls.encryption import VISIBLE_DIGITS
from puls.reference.choices import EmployabilityLevel

from .models import CaseFile, PlanStatus, Referral, ReferralStatus

NOT_PROFILED = "none"
NO_PLAN = "none"
CNP_LENGTH = 13

LEVEL_RANK = Case(
    *(When(level=level, then=Value(rank)) for rank, level in enumerate(EmployabilityLevel, 1)),
    default=Value(None),
    output_field=IntegerField(),
)

SORTS = {
    "next_action": (
        F("next_deadline").asc(nulls_last=True),
        "has_open_plan",
        "profile__user__last_name",
        "profile__user__first_name",
    ),
    "registered_newest": (F("profile__registered_at").desc(),),
    "registered_oldest": (F("profile__registered_at").asc(),),
    "level_hardest": (F("level_rank").desc(nulls_last=True),),
    "level_easiest": (F("level_rank").asc(nulls_last=True),),
    "name": ("profile__user__last_name", "profile__user__first_name"),
}


WHOLE_CNP_REFUSAL = _(
    "To find a person by the whole CNP use the form on the agency's people page: it keeps the "
    "CNP out of the address bar. Here, type the last 4 digits."
)


def is_whole_cnp(query: str) -> bool:
    """A search for a whole CNP, which the caseload refuses (``WHOLE_CNP_REFUSAL``)."""
    query = "".join(query.split())
    return query.isdigit() and len(query) == CNP_LENGTH


class CaseloadFilterForm(forms.Form):
    def clean_q(self):
        return " ".join(self.cleaned_data.get("q", "").split())


class CaseloadFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Name, registration number or last 4 digits of the CNP"),
        method="filter_search",
        max_length=100,
    )
    level = django_filters.ChoiceFilter(
        label=_("Employability level"),
        choices=[*EmployabilityLevel.choices, (NOT_PROFILED, _("Not profiled yet"))],
        method="filter_level",
        empty_label=_("All"),
    )
    plan = django_filters.ChoiceFilter(
        label=_("Plan"),
        choices=[(NO_PLAN, _("No plan yet")), *PlanStatus.choices],
        method="filter_plan",
        empty_label=_("All"),
    )
    vulnerable = django_filters.ChoiceFilter(
        label=_("Vulnerable situation"),
        choices=VulnerableGroup.choices,
        method="filter_vulnerable",
        empty_label=_("All"),
    )
    overdue = django_filters.BooleanFilter(
        label=_("Only with overdue actions"),
        widget=forms.CheckboxInput,
        method="filter_overdue",
    )
    no_share_consent = django_filters.BooleanFilter(
        label=_("Only those who have not consented to share their profile"),
        widget=forms.CheckboxInput,
        method="filter_no_share_consent",
    )
    sort = django_filters.ChoiceFilter(
        label=_("Order"),
        choices=[
            ("next_action", _("Next action first")),
            ("registered_newest", _("Registered most recently")),
            ("registered_oldest", _("Registered longest ago")),
            ("level_hardest", _("Hardest to employ first")),
            ("level_easiest", _("Easiest to employ first")),
            ("name", _("Name")),
        ],
        method="filter_sort",
        empty_label=None,
    )

    class Meta:
        model = CaseFile
        fields: list[str] = []
        form = CaseloadFilterForm

    def filter_queryset(self, queryset: QuerySet[CaseFile]) -> QuerySet[CaseFile]:
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("sort"):  # also when the chosen order was not valid
            queryset = self.filter_sort(queryset, "sort", "next_action")
        return queryset

    def filter_search(self, queryset, name, value):
        if value.isdigit():
            match = Q(profile__pk=int(value)) if len(value) <= 12 else Q(pk__in=[])
            if len(value) == VISIBLE_DIGITS:
                match |= Q(profile__cnp_last_digits=value)
            return queryset.filter(match)
        for word in value.split():
            queryset = queryset.filter(
                Q(profile__user__first_name__icontains=word)
                | Q(profile__user__last_name__icontains=word)
                | Q(profile__user__email__icontains=word)
            )
        return queryset

    def filter_level(self, queryset, name, value):
        return queryset.filter(level="" if value == NOT_PROFILED else value)

    def filter_plan(self, queryset, name, value):
        if value == NO_PLAN:
            return queryset.filter(plan_status__isnull=True)
        return queryset.filter(plan_status=value)

    def filter_vulnerable(self, queryset, name, value):
        return queryset.filter(
            Exists(
                VulnerabilityDeclaration.objects.filter(profile=OuterRef("profile"), group=value)
            )
        )

    def filter_overdue(self, queryset, name, value):
        return queryset.filter(overdue__gt=0) if value else queryset

    def filter_no_share_consent(self, queryset, name, value):
        return queryset.filter(profile__share_with_employers=False) if value else queryset

    def filter_sort(self, queryset, name, value):
        return queryset.annotate(level_rank=LEVEL_RANK).order_by(*SORTS[value], "pk")


class ReceivedReferralFilter(django_filters.FilterSet):
    """The status filter of a partner organisation's received referrals."""

    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ReferralStatus.choices, empty_label=_("All referrals")
    )

    class Meta:
        model = Referral
        fields: list[str] = []
