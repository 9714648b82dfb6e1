from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class ReferenceConfig(AppConfig):
    name = "puls.reference"
    label = "reference"
    verbose_name = _("Reference data")

    def ready(self):
        from puls.collation import register_sqlite_collation

        # Counties and agencies are listed in Romanian order on SQLite too (puls.collation).
        connection_created.connect(register_sqlite_collation, dispatch_uid="puls_ro_collation")
