from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobseekersConfig(AppConfig):
    name = "jobseekers"
    verbose_name = _("Jobseekers")

    def ready(self):
        from puls.documents.selectors import register_access_rule

        from . import selectors

        # Counsellors and agency admins read the dossier documents of their agency's people.
        register_access_rule(selectors.documents_rule)
