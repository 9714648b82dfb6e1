"""Texts stored as data (profiling questions and answers, the measure catalogue) in both
languages: a Romanian field, and beside it its English translation, shown on English pages."""

from django.utils import translation


def in_active_language(romanian: str, english: str) -> str:
    """``english`` when the reader reads English and it was given, else ``romanian``."""
    if english and (translation.get_language() or "").startswith("en"):
        return english
    return romanian
