"""Evidence of measures for reimbursement: persons registered and measures delivered, per agency
and period, as CSV or XLSX."""

import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from jobseekers import selectors as jobseeker_selectors
from puls.reference.choices import EmployabilityLevel

from .models import CaseFile, MeasureStatus, PlanMeasure


def _period_bounds(since, until):
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(since, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(
        until + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
    )
    return start, end


def persons_rows(user, *, since, until):
    """Header and rows of the people registered in the period, in the user's scope."""
    start, end = _period_bounds(since, until)
    profiles = (
        jobseeker_selectors.profiles_visible_to(user)
        .filter(registered_at__gte=start, registered_at__lt=end)
        .order_by("agency__name", "registered_at", "pk")
    )
    levels = dict(CaseFile.objects.filter(profile__in=profiles).values_list("profile_id", "level"))
    header = [
        _("Agency"),
        _("Dossier"),
        _("Name"),
        _("Birth year"),
        _("Sex"),
        _("Locality"),
        _("Registered on"),
        _("Employability level"),
    ]
    rows = [
        [
            p.agency.name,
            p.pk,
            p.display_name,
            p.birth_year,
            p.get_sex_display(),
            p.locality,
            timezone.localtime(p.registered_at).date(),
            # the level's name, as the pages show it, never its code
            str(EmployabilityLevel(levels[p.pk]).label) if levels.get(p.pk) else "",
        ]
        for p in profiles
    ]
    return header, rows


def measures_rows(user, *, since, until):
    """Header and rows of the measures done in the period, in the user's scope."""
    measures = (
        PlanMeasure.objects.filter(
            plan__case_file__profile__in=jobseeker_selectors.profiles_visible_to(user)
        )
        .filter(Q(status=MeasureStatus.DONE, completed_on__gte=since, completed_on__lte=until))
        .select_related(
            "measure_type",
            "responsible",
            "plan__case_file__profile__user",
            "plan__case_file__profile__agency",
        )
        .order_by("plan__case_file__profile__agency__name", "completed_on", "pk")
    )
    header = [
        _("Agency"),
        _("Dossier"),
        _("Name"),
        _("Measure"),
        _("Details of the measure"),
        _("Responsible person"),
        _("Deadline"),
        _("Completed on"),
        _("Outcome"),
    ]
    rows = []
    for measure in measures:
        profile = measure.plan.case_file.profile
        rows.append(
            [
                profile.agency.name,
                profile.pk,
                profile.display_name,
                measure.measure_type.display_name,
                measure.details,
                measure.responsible.get_full_name(),
                measure.deadline,
                measure.completed_on,
                measure.outcome,
            ]
        )
    return header, rows
