from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmployersConfig(AppConfig):
    name = "employers"
    verbose_name = _("Employers")

    def ready(self):
        # Representatives and agency staff may read the documents attached to companies.
        from puls.documents.selectors import register_access_rule

        from . import selectors

        register_access_rule(selectors.company_documents_rule)
