from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "casework"
    label = "casework"
    verbose_name = _("Case management")

    def ready(self):
        from mediation.signals import watch

        from .models import CaseFile, ProfilingResult

        # The matching index holds the profiling level (``CaseFile.level``). Casework's services
        # set it with a queryset ``update()`` (no signal) in the transaction that saves a
        # ``ProfilingResult``, so both models are watched.
        watch(CaseFile, ProfilingResult)
