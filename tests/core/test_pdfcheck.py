"""The PDF checks themselves (tests/pdfcheck.py): text runs measured with the font's own glyph
widths, at their place on the page; a run past the edge and an orphan last page are found."""

from weasyprint import HTML

from reports import charts
from tests.pdfcheck import orphan_last_page, runs_off_the_page, text_runs

STYLE = "<style>@page { size: A4; margin: 2cm } body { font: 12pt 'DejaVu Sans' }</style>"


def pdf(body: str) -> bytes:
    return HTML(string=f"<html><head>{STYLE}</head><body>{body}</body></html>").write_pdf()


def test_each_cell_is_a_run_at_its_place_with_its_real_width():
    content = pdf(
        '<table style="width: 100%"><tr><td>Alpha</td>'
        '<td style="text-align: right">Beta gamma</td></tr></table>'
    )
    alpha, beta = text_runs(content)

    assert (alpha["text"], beta["text"]) == ("Alpha", "Beta gamma")
    assert alpha["size"] == 12 and 56 < alpha["x"] < 70  # the 2 cm margin, the table's spacing
    # DejaVu Sans at 12 pt: "Beta gamma" is 77 pt wide, and ends at the right margin
    assert abs(beta["end"] - beta["x"] - 77.2) < 1
    assert 520 < beta["end"] <= 595.28 - 56.69  # the right margin, less the cell's padding


def test_wide_glyphs_past_the_edge_are_found_where_an_average_width_would_miss_them():
    # 60 capital Ws at 12 pt are 732 pt wide (1.02 em each): past A4's 595 pt, although 60
    # characters of 0.4 em (the old estimate) would end at 345 pt.
    content = pdf('<p style="white-space: nowrap">' + "W" * 60 + "</p>")

    [(page, text, end)] = runs_off_the_page(content)

    assert page == 1 and text == "W" * 60 and end > 700


def test_text_inside_the_page_passes():
    assert (
        runs_off_the_page(pdf("<p>" + "Un text care se întinde pe mai multe rânduri. " * 40)) == []
    )


def test_a_last_page_with_a_line_alone_is_an_orphan():
    full_page = '<p style="height: 25.5cm; margin: 0">Prima pagină</p>'
    assert orphan_last_page(pdf(full_page + "<p>Semnătura</p>")) == ["Semnătura"]
    lines = "".join(f"<p>Rândul {n}</p>" for n in range(4))
    assert orphan_last_page(pdf(full_page + lines)) is None
    assert orphan_last_page(pdf("<p>O singură pagină</p>")) is None


def test_a_chart_note_and_legend_wrap_inside_the_chart():
    note = "Nereprezentate, deoarece o lună are sub 5: " + ", ".join(["Persoane mediate"] * 8)
    svg = charts.line_chart(
        title="t",
        labels=["ian.", "feb."],
        series=[(f"Persoane care au beneficiat de servicii {n}", [1, 2]) for n in range(4)],
        note=note,
    )
    lines = charts.wrap(note, size=charts.NOTE_SIZE, width=charts.WIDTH)
    assert len(lines) > 1 and svg.count("<tspan") == len(
        charts.wrap(note, size=charts.NOTE_SIZE, width=charts.WIDTH - charts.LEFT - charts.RIGHT)
    )
    content = pdf(f'<div style="width: 100%">{svg}</div>')
    assert runs_off_the_page(content) == []
    right = 595.28 - 56.69
    assert all(run["end"] <= right + 1 for run in text_runs(content))
