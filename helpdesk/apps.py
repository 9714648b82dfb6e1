from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HelpdeskConfig(AppConfig):
    name = "helpdesk"
    verbose_name = _("Help desk")

    def ready(self):
        from puls.documents.selectors import register_access_rule

        from .selectors import helpdesk_documents_rule

        register_access_rule(helpdesk_documents_rule)
