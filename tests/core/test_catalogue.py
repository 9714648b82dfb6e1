"""Rules the Romanian catalogue must keep: limits say the same thing in both languages, numbers agree.

The appointment rule once read "cu cel mult 24 ore" (at most) where it is *at least* 24 hours
before the appointment; these tests read every entry of locale/ro/LC_MESSAGES/django.po, so the
mistake cannot come back in another string.
"""

import ast
import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from jobseekers import services
from tests.jobseekers.factories import BookingFactory, JobseekerProfileFactory, SlotFactory

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "ro" / "LC_MESSAGES" / "django.po"


def catalogue_entries(path: Path = CATALOGUE) -> list[dict[str, str]]:
    """The live entries of a .po file as {"msgid": …, "msgid_plural": …, "msgstr[0]": …}."""
    entries: list[dict[str, str]] = []
    entry: dict[str, str] = {}
    key = ""
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if entry.get("msgid"):
                entries.append(entry)
            entry, key = {}, ""
        elif line.startswith("#"):
            continue  # comments, flags and obsolete (#~) entries
        elif line.startswith('"'):
            entry[key] += ast.literal_eval(line)
        else:
            key, _space, value = line.partition(" ")
            entry[key] = ast.literal_eval(value)
    return entries


ENTRIES = catalogue_entries()


def translations(entry: dict[str, str]) -> list[str]:
    return [value for key, value in entry.items() if key.startswith("msgstr")]


def english(entry: dict[str, str]) -> str:
    return entry["msgid"] + " " + entry.get("msgid_plural", "")


def test_the_catalogue_is_read():
    assert len(ENTRIES) > 1000
    assert all(any(translations(entry)) for entry in ENTRIES), "untranslated entries"


def test_at_least_is_never_translated_as_at_most():
    wrong = [
        english(entry)
        for entry in ENTRIES
        if "at least" in english(entry)
        and any("cel mult" in text or "cel puțin" not in text for text in translations(entry))
    ]
    assert wrong == []


def test_cel_mult_only_where_the_english_sets_a_maximum():
    """ "cel mult" (at most) only translates "at most" or "within" (a deadline)."""
    wrong = [
        english(entry)
        for entry in ENTRIES
        if any("cel mult" in text for text in translations(entry))
        and not re.search(r"\b(at most|within)\b", english(entry))
    ]
    assert wrong == []


def test_the_appointment_rule_reads_at_least_24_hours_in_every_string():
    rule = [entry for entry in ENTRIES if re.search(r"cancel.*\bhours?\b", english(entry))]
    assert len(rule) >= 3  # the page, the confirmation e-mail, the refusal
    for entry in rule:
        assert "at least" in english(entry)
        assert "up to" not in english(entry)
        for text in translations(entry):
            assert "cu cel puțin %(hours)s" in text and "cel mult" not in text


def test_twenty_and_more_take_de_in_every_plural():
    """Romanian says "24 de ore", "30 de zile": the third plural form carries "de"."""
    wrong = [
        entry["msgstr[2]"]
        for entry in ENTRIES
        if "msgstr[2]" in entry
        and not re.search(r"%\(\w+\)[sd] de |%\(\w+\)[sd]$", entry["msgstr[2]"])
    ]
    assert wrong == []


@pytest.mark.django_db
class TestAppointmentRuleAsPeopleReadIt:
    def test_the_refusal_says_at_least_24_hours(self, settings):
        settings.PULS_APPOINTMENT_CHANGE_DEADLINE_HOURS = 24
        booking = BookingFactory(
            slot=SlotFactory(start=timezone.now() + datetime.timedelta(hours=5))
        )
        with translation.override("ro"), pytest.raises(ValidationError) as error:
            services.booking_cancel(booking=booking, by=booking.profile.user)
        assert "cu cel puțin 24 de ore înainte de începere" in error.value.messages[0]
        with translation.override("en"), pytest.raises(ValidationError) as error:
            services.booking_cancel(booking=booking, by=booking.profile.user)
        assert "at least 24 hours before they start" in error.value.messages[0]

    def test_the_confirmation_e_mail_says_at_least_24_hours(
        self, settings, django_capture_on_commit_callbacks
    ):
        settings.PULS_APPOINTMENT_CHANGE_DEADLINE_HOURS = 24
        profile = JobseekerProfileFactory(user__language="ro")  # e-mails go in their language
        with django_capture_on_commit_callbacks(execute=True):
            services.booking_create(slot=SlotFactory(), profile=profile, by=profile.user)
        body = mail.outbox[-1].body
        assert "cu cel puțin 24 de ore înainte de începere" in body
        assert "cel mult" not in body
