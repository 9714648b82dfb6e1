from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "puls.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from . import signals  # noqa: F401  (connects the receivers)

        # every app's named permissions (``<app>/permissions.py``), as the admin finds admin.py
        autodiscover_modules("permissions")


class PortalAdminConfig(admin_apps.AdminConfig):
    """Django's admin app with the portal's site (INSTALLED_APPS names it instead of the admin)."""

    default = False  # AccountsConfig stays this module's default
    default_site = "puls.accounts.admin_site.PortalAdminSite"

    def ready(self):
        from django.contrib.admin import options
        from django.db import models

        from puls.forms import ModelMultipleChoiceField

        # every admin's many-to-many field (Django's own Group admin too) refuses an id beyond 64
        # bits as a choice that does not exist, as the portal's forms do, instead of SQLite's
        # OverflowError
        options.FORMFIELD_FOR_DBFIELD_DEFAULTS[models.ManyToManyField] = {
            "form_class": ModelMultipleChoiceField
        }
        super().ready()  # registers every ModelAdmin, which copies those defaults
