"""The admin site: one login path (allauth's) and the staff second-factor rule."""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin import widgets
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from puls.forms import LARGEST_ID

from .permissions import second_factor_pending, second_factor_redirect


def _names_a_row(field, value):
    """Whether ``value`` could be a key of the model ``field`` points at (parsed as the form would,
    and within the column's range), without asking the database."""
    try:
        key = field.target_field.to_python(value)
    except ValidationError:
        return False
    return not isinstance(key, int) or -LARGEST_ID <= key <= LARGEST_ID


class _ParsedSelection(widgets.AutocompleteMixin):
    """An autocomplete widget shows its selected rows by looking up the submitted or prefilled
    values as they came (``pk__in=['abc']``: ValueError; an id beyond 64 bits: SQLite's
    OverflowError), a server error where the form should say "Select a valid choice". Values that
    cannot name a row are left out of that lookup; the form field still refuses them."""

    def optgroups(self, name, value, attr=None):
        possible = [item for item in value if item in ("", None) or _names_a_row(self.field, item)]
        return super().optgroups(name, possible, attr)


class AutocompleteSelect(_ParsedSelection, widgets.AutocompleteSelect):
    pass


class AutocompleteSelectMultiple(_ParsedSelection, widgets.AutocompleteSelectMultiple):
    pass


class _SafeAutocomplete(admin.ModelAdmin):
    """Every ModelAdmin's autocomplete fields use the widgets above."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = AutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = AutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class PortalAdminSite(admin.AdminSite):
    def register(self, model_or_iterable, admin_class=None, **options):
        # every ModelAdmin, Django's and the libraries' own too
        admin_class = admin_class or admin.ModelAdmin
        safe_class = type(admin_class.__name__, (_SafeAutocomplete, admin_class), {})
        safe_class.__module__ = admin_class.__module__
        super().register(model_or_iterable, safe_class, **options)

    def has_permission(self, request):
        return super().has_permission(request) and second_factor_pending(request) is None

    def login(self, request, extra_context=None):
        """Django's admin login form would sign in with the password alone and bypass allauth's
        rate limits; everyone signs in through allauth's form (password, then the authenticator).
        """
        next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
        if not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            next_url = reverse("admin:index", current_app=self.name)
        if not request.user.is_authenticated:
            return redirect_to_login(next_url, settings.LOGIN_URL)
        pending = second_factor_redirect(request)
        if pending:
            return pending
        if not (request.user.is_active and request.user.is_staff):
            raise PermissionDenied
        return redirect(next_url)
