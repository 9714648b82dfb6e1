"""The public list of members' search and filters (django-filter), applied to ``public_members()``."""

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from puls.reference.models import County

from .models import Organisation


class PublicMemberFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Name or what it offers"), method="filter_search", max_length=100
    )
    county = django_filters.ModelChoiceFilter(
        label=_("County"), queryset=County.objects.all(), empty_label=_("All counties")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Type"), choices=Organisation.Kind.choices, empty_label=_("All types")
    )

    class Meta:
        model = Organisation
        fields: list[str] = []

    def filter_search(self, queryset: QuerySet[Organisation], name, value):
        for word in value.split():
            queryset = queryset.filter(name__icontains=word) | queryset.filter(
                public_offer__icontains=word
            )
        return queryset
