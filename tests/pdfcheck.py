"""Checks every PDF of PULS must pass (pypdf): its text, page numbers, header, and no text run
beyond the page's edge."""

import io

from pypdf import PdfReader

# A glyph of DejaVu Sans is at least this wide (in ems) on average over a run of text, so a run
# whose start plus this estimate passes the page's right edge certainly runs off the page.
MIN_EM_PER_CHARACTER = 0.4


def pdf_pages(content: bytes) -> list:
    return list(PdfReader(io.BytesIO(content)).pages)


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in pdf_pages(content))


def runs_off_the_page(content: bytes) -> list[tuple[int, str, float]]:
    """(page number, text, x where it would end) of every text run that starts left of the
    page, or at or beyond its right edge, or is too long to end inside it."""
    found = []
    for number, page in enumerate(pdf_pages(content), start=1):
        left, right = float(page.mediabox.left), float(page.mediabox.right)

        def visit(text, cm, tm, font_dict, font_size, number=number, left=left, right=right):
            text = text.strip()
            if not text:
                return
            # the run's position and scale on the page: the text matrix times the current one
            scale = (tm[0] * cm[0]) or 1
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            end = x + MIN_EM_PER_CHARACTER * font_size * abs(scale) * len(text)
            if x < left or end > right:
                found.append((number, text, round(end, 1)))

        page.extract_text(visitor_text=visit)
    return found


def assert_pdf_document(content: bytes, *, header: list[str] = ()) -> str:
    """The text of a PDF that has page numbers on every page ("Pagina 1 din 2" in Romanian,
    "Page 1 of 2" in English), the official header, the given header lines and nothing past the
    page's edge."""
    pages = pdf_pages(content)
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        text = page.extract_text()
        assert f"Pagina {number} din {total}" in text or f"Page {number} of {total}" in text, (
            f"page {number} has no page number"
        )
    text = pdf_text(content)
    assert (
        "Agenția Națională pentru Ocuparea Forței de Muncă" in text
        or "National Agency for Employment" in text
    )
    for line in header:
        assert line in text, f"{line!r} is not in the document"
    assert runs_off_the_page(content) == []
    return text
