from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Network")

    def ready(self):
        from puls.documents.selectors import register_access_rule

        from .selectors import network_documents_rule

        register_access_rule(network_documents_rule)
