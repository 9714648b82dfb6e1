from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


def _forget_closed_account(sender, instance, **kwargs):
    """A closed or deactivated account keeps its row (anonymised, for the counts), so its
    subscription, which holds the real address, is deleted when the account is saved inactive."""
    if not instance.is_active:
        from .services import subscription_delete_of

        subscription_delete_of(user=instance)


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News and newsletters")

    def ready(self):
        from puls.accounts.models import User

        post_save.connect(_forget_closed_account, sender=User, dispatch_uid="news_closed_account")
