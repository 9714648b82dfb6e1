from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediationConfig(AppConfig):
    name = "mediation"
    verbose_name = _("Mediation")

    def ready(self):
        from puls import health

        from . import index, signals

        signals.connect()
        # puls sits below mediation and may not import it: the check is registered from here.
        health.CHECKS["matching_index"] = index.readiness
