"""Report tables keep an ESCO label's language: marked lang="en" on a Romanian page or PDF, plain
text in the CSV and XLSX files."""

from django.template.loader import render_to_string
from django.utils import translation

from puls.reference.labels import LanguageLabel
from reports.exports import tables_csv
from reports.tables import Column, Table


def test_an_english_esco_label_is_marked_on_a_romanian_page_and_plain_in_exports():
    table = Table(
        title="Competence gap",
        columns=[Column("county", "County"), Column("skill", "Competence")],
        rows=[{"county": "Cluj", "skill": LanguageLabel("weld metal", "en")}],
    )
    with translation.override("ro"):
        html = render_to_string("reports/partials/table.html", {"table": table})
    assert '<td><span lang="en" class="puls-lang-other">weld metal</span></td>' in html
    with translation.override("en"):
        assert "<td>weld metal</td>" in render_to_string(
            "reports/partials/table.html", {"table": table}
        )
    assert b"Cluj,weld metal" in tables_csv([table])
