"""Reference data: counties, agencies and training centres, COR occupations, ISCO-08 groups and the
ESCO taxonomy."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from puls.collation import RomanianOrderManager

from . import text


class CountyManager(RomanianOrderManager):
    """Counties in Romanian order: Caraș-Severin, Călărași, Cluj (puls.collation)."""

    order_fields = ("name",)


class AgencyManager(RomanianOrderManager):
    """Agencies in the order of their counties."""

    order_fields = ("county__name",)


class County(models.Model):
    """One of the 41 counties or Bucharest, keyed by its vehicle-plate code (AB … VN, B)."""

    code = models.CharField(_("code"), max_length=2, primary_key=True)
    name = models.CharField(_("name"), max_length=64, unique=True)
    cnp_codes = models.JSONField(
        _("CNP county codes"), default=list, help_text=_("The JJ codes of the CNP for this county.")
    )
    neighbours = models.ManyToManyField(
        "self", symmetrical=True, blank=True, verbose_name=_("neighbouring counties")
    )

    objects = CountyManager()

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

    county = models.OneToOneField(
        County, on_delete=models.PROTECT, related_name="agency", verbose_name=_("county")
    )
    kind = models.CharField(_("kind"), max_length=5, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=128, unique=True)
    # Contact details, kept by ANOFM in the admin; a page shows only those that are filled.
    address = models.CharField(
        _("address"),
        max_length=255,
        blank=True,
        help_text=_("Street, number, town and postal code, on one line."),
    )
    phone = models.CharField(
        _("phone"),
        max_length=32,
        blank=True,
        validators=[
            RegexValidator(
                r"^\+?[0-9][0-9 ./()-]{5,30}$",
                _("Enter a phone number: digits, spaces and the signs + ( ) - . /"),
            )
        ],
    )
    email = models.EmailField(_("e-mail"), blank=True)

    objects = AgencyManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def __str__(self):
        return self.name

    @property
    def has_contact_details(self) -> bool:
        return bool(self.address or self.phone or self.email)


class TrainingCentre(models.Model):
    """A training centre of the public employment service (seed 002: the 8 regional adult
    vocational training centres, CRFPA, and the national centre for the training of its own staff,
    CNFPPP), where staff training sessions take place. Kept by ANOFM in the admin."""

    class Kind(models.TextChoices):
        REGIONAL = "crfpa", _("Regional adult vocational training centre (CRFPA)")
        NATIONAL = (
            "cnfppp",
            _("National centre for the training of the service's own staff (CNFPPP)"),
        )

    kind = models.CharField(_("kind"), max_length=6, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=160, unique=True)
    city = models.CharField(_("town"), max_length=64, blank=True)
    county = models.ForeignKey(
        County,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="training_centres",
        verbose_name=_("county"),
    )
    address = models.CharField(
        _("address"),
        max_length=255,
        blank=True,
        help_text=_("Street, number, town and postal code, on one line."),
    )

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("training centre")
        verbose_name_plural = _("training centres")

    def __str__(self):
        return self.name


class LabelledConcept(models.Model):
    """A concept whose preferred label is kept per language, with English as the fallback.

    `preferred_labels` ({"en": ..., "ro": ...}) is denormalised from the label rows by
    `load_reference`, so a list shows labels in any language without one more query per row.
    """

    FALLBACK_LANGUAGE = "en"

    uri = models.CharField(_("URI"), max_length=255, unique=True)
    preferred_labels = models.JSONField(_("preferred labels"), default=dict, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.label()

    def label(self, language=None):
        """The preferred label in `language` (default: the active one), else English, else any."""
        return self.label_in(language)[0]

    def label_in(self, language=None) -> tuple[str, str]:
        """(label, the language it is in): `label()` and what a page must mark it with.

        A URI standing in for a missing label counts as English (ESCO's own language).
        """
        language = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
        labels = self.preferred_labels or {}
        for code in (language, self.FALLBACK_LANGUAGE, *labels):
            if labels.get(code):
                return labels[code], code
        return self.uri, self.FALLBACK_LANGUAGE


class IscoGroup(LabelledConcept):
    """An ISCO-08 group: major (level 1), sub-major (2), minor (3) or unit group (4)."""

    code = models.CharField(_("code"), max_length=4, unique=True)
    level = models.PositiveSmallIntegerField(_("level"))
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent group"),
    )
    cor_name = models.CharField(
        _("COR group name"),
        max_length=255,
        blank=True,
        help_text=_("The Romanian name of this group in the COR (2013 list)."),
    )
    description = models.TextField(_("description (English)"), blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("ISCO-08 group")
        verbose_name_plural = _("ISCO-08 groups")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=4),
                name="reference_iscogroup_level_1_to_4",
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.label()}"


class CorOccupation(models.Model):
    """An occupation of the Romanian COR, keyed by its 6-digit code."""

    code = models.CharField(_("code"), max_length=6, unique=True)
    name = models.CharField(_("name"), max_length=255)
    search_key = models.CharField(_("search key"), max_length=255, editable=False)
    isco_group = models.ForeignKey(
        IscoGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cor_occupations",
        verbose_name=_("ISCO-08 group"),
        help_text=_(
            "The unit group of the first four digits; for the six Romanian national unit "
            "groups with no ISCO-08 equivalent, the minor group that contains them."
        ),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("COR occupation")
        verbose_name_plural = _("COR occupations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[0-9]{6}$"),
                name="reference_coroccupation_code_six_digits",
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    def save(self, *args, **kwargs):
        self.search_key = text.search_key(self.name)
        super().save(*args, **kwargs)

    @property
    def unit_group_code(self):
        return self.code[:4]


class EscoOccupation(LabelledConcept):
    """An ESCO occupation, under one ISCO-08 unit group."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    isco_group = models.ForeignKey(
        IscoGroup,
        on_delete=models.PROTECT,
        related_name="esco_occupations",
        verbose_name=_("ISCO-08 unit group"),
    )
    description = models.TextField(_("description (English)"), blank=True)
    skills: "models.ManyToManyField[Skill, OccupationSkill]" = models.ManyToManyField(
        "Skill", through="OccupationSkill", related_name="occupations", verbose_name=_("skills")
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("ESCO occupation")
        verbose_name_plural = _("ESCO occupations")


class SkillGroup(LabelledConcept):
    """A group of the ESCO skill pillar (skills, knowledge, transversal, language branches)."""

    code = models.CharField(_("code"), max_length=16, unique=True)
    level = models.PositiveSmallIntegerField(_("level"), help_text=_("0 for the pillar roots."))
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("broader group"),
    )
    description = models.TextField(_("description (English)"), blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("ESCO skill group")
        verbose_name_plural = _("ESCO skill groups")


class Skill(LabelledConcept):
    """An ESCO skill or competence, or an item of knowledge."""

    class Type(models.TextChoices):
        SKILL = "skill/competence", _("skill/competence")
        KNOWLEDGE = "knowledge", _("knowledge")

    class ReuseLevel(models.TextChoices):
        TRANSVERSAL = "transversal", _("transversal")
        CROSS_SECTOR = "cross-sector", _("cross-sector")
        SECTOR_SPECIFIC = "sector-specific", _("sector-specific")
        OCCUPATION_SPECIFIC = "occupation-specific", _("occupation-specific")

    skill_type = models.CharField(_("type"), max_length=16, choices=Type.choices)
    reuse_level = models.CharField(
        _("reuse level"), max_length=20, choices=ReuseLevel.choices, blank=True
    )
    collections = models.CharField(
        _("collections"),
        max_length=100,
        blank=True,
        help_text=_("The ESCO collections of the skill, separated by |: digital, green, …"),
    )
    pillar_roots = models.CharField(
        _("pillar roots"),
        max_length=4,
        blank=True,
        help_text=_(
            "The top branches it sits under: K knowledge, S skills, T transversal, L language."
        ),
    )
    description = models.TextField(_("description (English)"), blank=True)
    search_text = models.TextField(
        _("search text (English)"),
        blank=True,
        help_text=_("Preferred label, alternative labels and description run together."),
    )
    label_source = models.CharField(_("label derived from"), max_length=20, blank=True)
    skill_type_source = models.CharField(_("type derived from"), max_length=24, blank=True)
    broader_skills = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="narrower_skills",
        verbose_name=_("broader skills"),
    )
    broader_groups = models.ManyToManyField(
        SkillGroup, blank=True, related_name="skills", verbose_name=_("broader skill groups")
    )

    class Meta:
        verbose_name = _("ESCO skill")
        verbose_name_plural = _("ESCO skills")

    @property
    def collection_list(self):
        return [name for name in self.collections.split("|") if name]


class OccupationSkill(models.Model):
    """An ESCO occupation needs a skill, as essential or optional.

    ESCO v1.2.0 lists 17 pairs as both essential and optional, so the type is part of the key.
    """

    class Relation(models.TextChoices):
        ESSENTIAL = "essential", _("essential")
        OPTIONAL = "optional", _("optional")

    occupation = models.ForeignKey(
        EscoOccupation,
        on_delete=models.CASCADE,
        related_name="skill_links",
        verbose_name=_("occupation"),
    )
    skill = models.ForeignKey(
        Skill, on_delete=models.CASCADE, related_name="occupation_links", verbose_name=_("skill")
    )
    relation_type = models.CharField(_("relation"), max_length=9, choices=Relation.choices)

    class Meta:
        verbose_name = _("occupation skill")
        verbose_name_plural = _("occupation skills")
        constraints = [
            models.UniqueConstraint(
                fields=["occupation", "skill", "relation_type"],
                name="reference_occupationskill_unique",
            ),
        ]

    def __str__(self):
        return f"{self.occupation} – {self.skill} ({self.get_relation_type_display()})"


class ConceptLabel(models.Model):
    """One label of a concept in one language: its preferred label or an alternative one."""

    class Kind(models.TextChoices):
        PREFERRED = "preferred", _("preferred")
        ALTERNATIVE = "alternative", _("alternative")

    language = models.CharField(_("language"), max_length=8)
    kind = models.CharField(_("kind"), max_length=11, choices=Kind.choices)
    label = models.CharField(_("label"), max_length=255)
    search_key = models.CharField(_("search key"), max_length=255, editable=False)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.label} [{self.language}]"

    def save(self, *args, **kwargs):
        self.search_key = text.search_key(self.label)
        super().save(*args, **kwargs)


class EscoOccupationLabel(ConceptLabel):
    occupation = models.ForeignKey(
        EscoOccupation,
        on_delete=models.CASCADE,
        related_name="labels",
        verbose_name=_("occupation"),
    )

    class Meta:
        verbose_name = _("ESCO occupation label")
        verbose_name_plural = _("ESCO occupation labels")
        constraints = [
            models.UniqueConstraint(
                fields=["occupation", "language", "label"],
                name="reference_escooccupationlabel_unique",
            ),
        ]


class SkillLabel(ConceptLabel):
    skill = models.ForeignKey(
        Skill, on_delete=models.CASCADE, related_name="labels", verbose_name=_("skill")
    )

    class Meta:
        verbose_name = _("ESCO skill label")
        verbose_name_plural = _("ESCO skill labels")
        constraints = [
            models.UniqueConstraint(
                fields=["skill", "language", "label"], name="reference_skilllabel_unique"
            ),
        ]
