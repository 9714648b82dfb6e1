"""Texts stored as data (profiling questions and answers, the measure catalogue) in both
languages: a Romanian field, and beside it its English translation, shown on English pages."""

from django.utils import translation


def in_active_language(romanian: str, english: str) -> str:
    """``english`` when the reader reads English and it was given, else ``romanian``."""
    if english and (translation.get_language() or "").startswith("en"):
        return english
    return romanian


# Every text stored as data that a reader sees, as (model, Romanian field, English field): the
# English pages show the English field where it was given (tests/test_data_languages.py renders
# the main pages of every role in English on the demo data and finds none of the Romanian ones).
TRANSLATED_FIELDS = [
    ("casework.ProfilingFactor", "label", "label_en"),
    ("casework.ProfilingOption", "label", "label_en"),
    ("casework.MeasureType", "name", "name_en"),
    ("casework.MeasureType", "description", "description_en"),
    ("helpdesk.FaqEntry", "question", "question_en"),
    ("helpdesk.FaqEntry", "answer", "answer_en"),
    ("employers.SubsidyProgramme", "name", "name_en"),
    ("employers.SubsidyProgramme", "description", "description_en"),
    ("employers.SubsidyDocumentRequirement", "name", "name_en"),
    ("stafftraining.Programme", "title", "title_en"),
    ("reports.ProgrammeTarget", "title", "title_en"),
    ("reports.ProgrammeTarget", "verification", "verification_en"),
    ("reports.TargetStage", "description", "description_en"),
    ("stafftraining.Programme", "curriculum", "curriculum_en"),
    ("news.Announcement", "title", "title_en"),
    ("news.Announcement", "body", "body_en"),
    ("news.Newsletter", "subject", "subject_en"),
    ("news.Newsletter", "body", "body_en"),
    ("reports.Questionnaire", "title", "title_en"),
    ("reports.Questionnaire", "introduction", "introduction_en"),
    ("reports.Question", "area", "area_en"),
    ("reports.Question", "text", "text_en"),
    ("reports.Option", "text", "text_en"),
]
