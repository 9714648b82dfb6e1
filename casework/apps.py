from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "casework"
    label = "casework"
    verbose_name = _("Case management")

    def ready(self):
        from jobseekers.signals import profile_registered
        from mediation.signals import watch

        from .models import CaseFile, ProfilingResult

        # The matching index holds the profiling level (``CaseFile.level``). Casework's services
        # set it with a queryset ``update()`` (no signal) in the transaction that saves a
        # ``ProfilingResult``, so both models are watched.
        watch(CaseFile, ProfilingResult)
        profile_registered.connect(
            _assign_on_registration, dispatch_uid="casework_assign_on_registration"
        )


def _assign_on_registration(sender, profile, **kwargs):
    from .services import case_owner_assign_on_registration

    case_owner_assign_on_registration(profile=profile)
