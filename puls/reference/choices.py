"""Choices shared by several apps: education, languages, CEFR, licences, employability level."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EducationLevel(models.TextChoices):
    """Highest completed education, in ascending order (ISCED 2011 levels as named in Romania)."""

    NONE = "none", _("No formal education")
    PRIMARY = "primary", _("Primary school (ISCED 1)")
    LOWER_SECONDARY = "lower_secondary", _("Lower secondary school (ISCED 2)")
    VOCATIONAL = "vocational", _("Vocational school (ISCED 3)")
    UPPER_SECONDARY = "upper_secondary", _("High school (ISCED 3)")
    POST_SECONDARY = "post_secondary", _("Post-secondary school (ISCED 4)")
    BACHELOR = "bachelor", _("Bachelor's degree (ISCED 6)")
    MASTER = "master", _("Master's degree (ISCED 7)")
    DOCTORATE = "doctorate", _("Doctorate (ISCED 8)")

    @classmethod
    def rank(cls, value: str) -> int:
        """Position in the ascending order, so that levels can be compared (``>=`` a minimum)."""
        return cls.values.index(value)


class CEFRLevel(models.TextChoices):
    """Common European Framework of Reference for Languages, in ascending order."""

    A1 = "A1", _("A1 (beginner)")
    A2 = "A2", _("A2 (elementary)")
    B1 = "B1", _("B1 (intermediate)")
    B2 = "B2", _("B2 (upper intermediate)")
    C1 = "C1", _("C1 (advanced)")
    C2 = "C2", _("C2 (proficient)")

    @classmethod
    def rank(cls, value: str) -> int:
        return cls.values.index(value)


class DrivingLicence(models.TextChoices):
    """Driving-licence categories issued in Romania (EU categories, plus tractor and tram)."""

    AM = "AM", "AM"
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    A = "A", "A"
    B1 = "B1", "B1"
    B = "B", "B"
    BE = "BE", "BE"
    C1 = "C1", "C1"
    C1E = "C1E", "C1E"
    C = "C", "C"
    CE = "CE", "CE"
    D1 = "D1", "D1"
    D1E = "D1E", "D1E"
    D = "D", "D"
    DE = "DE", "DE"
    TR = "Tr", "Tr"
    TB = "Tb", "Tb"
    TV = "Tv", "Tv"


class Language(models.TextChoices):
    """Languages a person declares or a vacancy asks for (ISO 639 codes)."""

    ROMANIAN = "ro", _("Romanian")
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    GERMAN = "de", _("German")
    ITALIAN = "it", _("Italian")
    SPANISH = "es", _("Spanish")
    PORTUGUESE = "pt", _("Portuguese")
    HUNGARIAN = "hu", _("Hungarian")
    ROMANI = "rom", _("Romani")
    UKRAINIAN = "uk", _("Ukrainian")
    RUSSIAN = "ru", _("Russian")
    BULGARIAN = "bg", _("Bulgarian")
    SERBIAN = "sr", _("Serbian")
    TURKISH = "tr", _("Turkish")
    GREEK = "el", _("Greek")
    POLISH = "pl", _("Polish")
    DUTCH = "nl", _("Dutch")
    ARABIC = "ar", _("Arabic")
    CHINESE = "zh", _("Chinese")
    ROMANIAN_SIGN = "rms", _("Romanian Sign Language")
    OTHER = "other", _("Other language")


class EmployabilityLevel(models.TextChoices):
    """The four levels of the ANOFM profiling methodology, easiest first."""

    EASY = "easy", _("Easily employable")
    MEDIUM = "medium", _("Medium employable")
    HARD = "hard", _("Hard to employ")
    VERY_HARD = "very_hard", _("Very hard to employ")
