"""Reference data: counties and agencies, COR occupations, ISCO-08 groups and the ESCO taxonomy."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class County(models.Model):
    """One of the 41 counties or Bucharest, keyed by its vehicle-plate code (AB … VN, B)."""

    code = models.CharField(_("code"), max_length=2, primary_key=True)
    name = models.CharField(_("name"), max_length=64, unique=True)
    cnp_codes = models.JSONField(
        _("CNP county codes"), default=list, help_text=_("The JJ codes of the CNP for this county.")
    )
    neighbours = models.ManyToManyField("self", symmetrical=True, blank=True,
                                        verbose_name=_("neighbouring counties"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("county")
        verbose_name_plural = _("counties")

    def __str__(self):
        return self.name


class Agency(models.Model):
    """A county employment agency (AJOFM), or AMOFM for Bucharest: one per county."""

    class Kind(models.TextChoices):
        COUNTY = "ajofm", _("County employment agency (AJOFM)")
        BUCHAREST = "amofm", _("Bucharest employment agency (AMOFM)")

    county = models.OneToOneField(County, on_delete=models.PROTECT, related_name="agency",
                                  verbose_name=_("county"))
    kind = models.CharField(_("kind"), max_length=5, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=128, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def __str__(self):
        return self.name
