"""Form fields every app shares."""

from django import forms
from django.core.exceptions import ValidationError

# The widest integer key any of our tables has (bigint); an id beyond it names no row.
LARGEST_ID = 2**63 - 1


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, refusing ids beyond any integer column as choices that do not exist.

    Django keeps a single lookup such as ``pk=10**30`` from reaching the database, but not the
    ``pk__in`` this field runs: SQLite raises OverflowError on such an id, a server error where
    the person should read "Select a valid choice".
    """

    def clean(self, value):
        for item in value if isinstance(value, list | tuple) else ():
            try:
                number = int(str(item))
            except ValueError:
                continue  # not a number at all: Django's own check refuses it
            if not -LARGEST_ID <= number <= LARGEST_ID:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": item},
                )
        return super().clean(value)


class RadiosWithoutBlankMixin:
    """A model form whose required radio groups offer no "---------" choice.

    Django puts a blank choice first in a model field's choices when the field has no default;
    as radios, that is a pre-ticked "---------" the person must notice and change. A required
    group starts with nothing ticked instead, and the form says which one is missing.
    """

    fields: dict[str, forms.Field]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if (
                isinstance(field.widget, forms.RadioSelect)
                and field.required
                and isinstance(field, forms.ChoiceField)
                and not isinstance(field, forms.ModelChoiceField)
            ):
                choices = field.choices  # a ChoiceField's, already a list of pairs
                field.choices = [(value, label) for value, label in choices if value != ""]  # type: ignore[misc, union-attr]
