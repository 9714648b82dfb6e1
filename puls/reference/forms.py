"""Form fields for picking an occupation: a COR occupation typed in Romanian, and the ESCO one
derived from it through the ISCO-08 unit group. Used by the dossier and the vacancy forms."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIteratorValue
from django.urls import reverse_lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import selectors
from .labels import concept_label
from .models import CorOccupation, EscoOccupation


class CorOccupationInput(forms.TextInput):
    """A text input with suggestions from the COR autocomplete in a <datalist> (filled by the
    page's script), which it renders after itself unless the page has one (`datalist_id`)."""

    def __init__(self, attrs=None, *, datalist_id: str | None = None):
        self.datalist_id = datalist_id
        super().__init__(attrs)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        widget_attrs["list"] = self.datalist_id or f"{widget_attrs.get('id', name)}-options"
        widget_attrs["autocomplete"] = "off"
        widget_attrs["data-autocomplete-url"] = str(reverse_lazy("reference:cor_autocomplete"))
        widget_attrs["data-autocomplete-codes"] = "true"
        return context

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        if self.datalist_id:
            return html
        list_id = f"{(attrs or {}).get('id', name)}-options"
        return html + format_html('<datalist id="{}"></datalist>', list_id)


class CorOccupationField(forms.Field):
    """A COR occupation, typed as its 6-digit code (optionally followed by its name, as the
    suggestions fill it in) or as a name, with or without diacritics, that names one occupation."""

    widget = CorOccupationInput

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Occupation (COR)"))
        kwargs.setdefault(
            "help_text",
            _("Type part of the name, with or without diacritics, or the 6-digit code."),
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        text = " ".join(str(value or "").split())
        if not text:
            return None
        occupation = selectors.cor_occupation_named(text)
        if occupation is None:
            raise ValidationError(
                _(
                    "Choose an occupation from the COR list: type its 6-digit "
                    "code or part of its name and pick a suggestion."
                ),
                code="unknown_cor",
            )
        return occupation

    def prepare_value(self, value):
        if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
            value = CorOccupation.objects.filter(pk=value).first()
        if isinstance(value, CorOccupation):
            return f"{value.code} {value.name}"
        return value or ""


class ConceptSelect(forms.Select):
    """A <select> of ESCO concepts whose options carry lang="en" when their label is English on a
    page in another language (an <option> holds text only, so the mark is its attribute)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if isinstance(instance, EscoOccupation):
            shown = concept_label(instance)
            option["label"] = str.__str__(shown)
            if shown.is_foreign:
                option["attrs"]["lang"] = shown.language
        return option


class EscoForCorField(forms.ModelChoiceField):
    """The ESCO occupation among those of the COR occupation's ISCO-08 group; empty means the
    closest one, chosen by `selectors.esco_occupation_for_cor`."""

    widget = ConceptSelect

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Occupation in the European classification (ESCO)"))
        kwargs.setdefault(
            "help_text",
            _(
                "We choose the closest one for the COR occupation; you may pick another "
                "of the same group."
            ),
        )
        super().__init__(
            queryset=EscoOccupation.objects.only("pk", "uri", "code", "preferred_labels"),
            required=False,
            empty_label=_("The closest one"),
            **kwargs,
        )


class CorEscoFormMixin:
    """A form with a COR field and an ESCO field: the ESCO choices are those of the COR
    occupation's group, closest first, and `clean()` fills the ESCO one in when left empty.

    `cor_field` and `esco_field` name the two fields; the ESCO <select> names its COR input in
    data-cor-input, so the page's script can refill it when the COR occupation changes.
    """

    cor_field = "cor_occupation"
    esco_field = "occupation"

    def setup_occupation_fields(self, cor_occupation: CorOccupation | None) -> None:
        fields = self.fields  # type: ignore[attr-defined]
        esco = fields[self.esco_field]
        if self.is_bound:  # type: ignore[attr-defined]
            cor_occupation = self._bound_cor() or cor_occupation
        options = selectors.esco_occupations_for_cor(cor_occupation) if cor_occupation else []
        esco.choices = [
            ("", esco.empty_label),
            *((ModelChoiceIteratorValue(option.pk, option), option) for option in options),
        ]
        esco.widget.attrs.update(
            {
                "data-cor-input": f"id_{self.add_prefix(self.cor_field)}",  # type: ignore[attr-defined]
                "data-options-url": reverse_lazy("reference:cor_esco_occupations", args=["000000"]),
            }
        )
        if cor_occupation is not None and cor_occupation.isco_group is not None:
            esco.help_text = _(
                "ISCO-08 group %(code)s %(name)s. We choose the closest one for the COR "
                "occupation; you may pick another of the same group."
            ) % {"code": cor_occupation.isco_group.code, "name": cor_occupation.isco_group}

    def _bound_cor(self) -> CorOccupation | None:
        raw = self.data.get(self.add_prefix(self.cor_field))  # type: ignore[attr-defined]
        try:
            return self.fields[self.cor_field].clean(raw)  # type: ignore[attr-defined]
        except ValidationError:
            return None

    def clean_occupations(self, cleaned_data: dict) -> None:
        cor_occupation = cleaned_data.get(self.cor_field)
        if cor_occupation is None:
            return
        derived = selectors.esco_occupation_for_cor(
            cor_occupation, chosen=cleaned_data.get(self.esco_field)
        )
        if derived is None:
            self.add_error(  # type: ignore[attr-defined]
                self.cor_field,
                _(
                    "This COR occupation has no equivalent in the European classification yet; "
                    "choose a close one."
                ),
            )
            return
        cleaned_data[self.esco_field] = derived
