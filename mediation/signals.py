"""Bump the matching index version after any change to the data it holds (once per transaction).

Apps above mediation whose data the index also holds register their models with ``watch`` from
their ``AppConfig.ready`` (casework does, for the profiling level), so mediation never imports
them."""

from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from employers.models import Vacancy, VacancyLanguage, VacancySkill
from jobseekers.models import (
    DrivingLicenceCategory,
    Education,
    Experience,
    JobseekerProfile,
    LanguageSkill,
    SkillAssessment,
    VulnerabilityDeclaration,
)

WATCHED = (
    JobseekerProfile,
    SkillAssessment,
    Experience,
    Education,
    LanguageSkill,
    DrivingLicenceCategory,
    VulnerabilityDeclaration,
    Vacancy,
    VacancySkill,
    VacancyLanguage,
)


def _bump():
    from .index import version_bump

    version_bump()


def data_changed(sender=None, **kwargs):
    """Schedule one version bump for after the current transaction commits. The counter row is
    written outside the transaction, so writers never wait on each other for it."""
    if kwargs.get("raw"):
        return
    if any(callback is _bump for _savepoints, callback, *_rest in connection.run_on_commit):
        return
    transaction.on_commit(_bump)


def watch(*models):
    """Bump the index version whenever a row of one of ``models`` is saved or deleted."""
    for model in models:
        post_save.connect(data_changed, sender=model, dispatch_uid=f"mediation-{model.__name__}")
        post_delete.connect(
            data_changed, sender=model, dispatch_uid=f"mediation-del-{model.__name__}"
        )


def connect():
    watch(*WATCHED)
    for relation in (JobseekerProfile.wished_occupations, JobseekerProfile.wished_counties):
        m2m_changed.connect(
            data_changed,
            sender=relation.through,
            dispatch_uid=f"mediation-m2m-{relation.through.__name__}",
        )
