from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StafftrainingConfig(AppConfig):
    name = "stafftraining"
    label = "stafftraining"
    verbose_name = _("Staff training")

    def ready(self):
        from puls.documents.selectors import register_access_rule

        from . import selectors

        register_access_rule(selectors.curriculum_documents_rule)
