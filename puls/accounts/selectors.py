"""Reads about accounts and staff, narrowed to what the asking user may see."""

from django.db.models import Count, Q, QuerySet

from puls.reference.models import Agency

from .models import Role, User


def staff_of_agency(agency: Agency) -> QuerySet[User]:
    return User.objects.filter(
        agency=agency, role__in=Role.agency_roles(), is_active=True
    ).order_by("last_name", "first_name", "email")


def agencies_with_staff_counts() -> QuerySet[Agency]:
    return Agency.objects.select_related("county").annotate(
        counsellors=Count("staff", filter=Q(staff__role=Role.COUNSELLOR, staff__is_active=True)),
        admins=Count("staff", filter=Q(staff__role=Role.AGENCY_ADMIN, staff__is_active=True)),
    )
