"""The PULS user: signs in with an e-mail address and has exactly one role."""

from typing import ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from puls.validators import validate_plain_text


class Role(models.TextChoices):
    JOBSEEKER = "jobseeker", _("Jobseeker")
    EMPLOYER = "employer", _("Employer representative")
    COUNSELLOR = "counsellor", _("Counsellor")
    AGENCY_ADMIN = "agency_admin", _("Agency administrator")
    NATIONAL_ANALYST = "national_analyst", _("National analyst")
    NETWORK_MEMBER = "network_member", _("Partner-network member")

    @classmethod
    def staff_roles(cls):
        """Roles of SPO civil servants: they must enrol a second factor."""
        return {cls.COUNSELLOR, cls.AGENCY_ADMIN, cls.NATIONAL_ANALYST}

    @classmethod
    def agency_roles(cls):
        """Staff roles bound to one county agency."""
        return {cls.COUNSELLOR, cls.AGENCY_ADMIN}


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("role", Role.NATIONAL_ANALYST)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None  # type: ignore[assignment]  # people sign in with their e-mail address
    email = models.EmailField(_("e-mail address"), unique=True)
    first_name = models.CharField(
        _("first name"), max_length=150, blank=True, validators=[validate_plain_text]
    )
    last_name = models.CharField(
        _("last name"), max_length=150, blank=True, validators=[validate_plain_text]
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.JOBSEEKER)
    agency = models.ForeignKey(
        "reference.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("agency"),
        help_text=_("Counsellors and agency administrators work for exactly one agency."),
    )
    # The language of the e-mails and notices sent to the person, whoever acts: set at sign-up
    # from the language they registered in, changed on the preferences page.
    language = models.CharField(
        _("language of e-mails"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    # Not Django's UserManager: that one creates users by username.
    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=(
                    ~Q(role__in=[Role.COUNSELLOR, Role.AGENCY_ADMIN]) | Q(agency__isnull=False)
                ),
                name="agency_staff_have_an_agency",
                violation_error_message=_("Counsellors and agency administrators need an agency."),
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    @property
    def is_spo_staff(self):
        return self.role in Role.staff_roles()

    @property
    def has_national_scope(self):
        """National analysts and superusers see every agency's data."""
        return self.is_superuser or self.role == Role.NATIONAL_ANALYST
