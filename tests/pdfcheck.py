"""Checks every PDF of PULS must pass (pypdf): its text, page numbers, header, no text run beyond
the page's edge (measured with the font's glyph widths) and no orphan last page."""

import io

from pypdf import PdfReader
from pypdf.generic._font import Font

# Glyph widths are in thousandths of the font size (PDF text space).
GLYPH_UNITS = 1000


def pdf_pages(content: bytes) -> list:
    return list(PdfReader(io.BytesIO(content)).pages)


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in pdf_pages(content))


class Measured:
    """A font's glyph widths by character code (/W of a CID font, /Widths of a simple one) and
    its /ToUnicode map: the real width of what a show operator draws, and its text."""

    def __init__(self, font_dict):
        font = Font.from_font_resource(font_dict)
        self.two_bytes = isinstance(font.encoding, str)  # Identity-H: two bytes a glyph
        self.widths = font.character_widths
        self.default = font.character_widths.get("default", 500)
        self.unicode = font.character_map

    def codes(self, data: bytes) -> list[str]:
        if self.two_bytes:
            return [chr(int.from_bytes(data[i : i + 2], "big")) for i in range(0, len(data), 2)]
        return [chr(byte) for byte in data]

    def text(self, codes: list[str]) -> str:
        return "".join(str(self.unicode.get(code, code)) for code in codes)

    def width(self, code: str) -> float:
        """In thousandths of the font size."""
        return self.widths.get(code, self.default)


def text_runs(content: bytes) -> list[dict]:
    """Every text show operator (Tj, TJ) of every page: its page, text, font size on the page,
    where it starts (x, y of its baseline, in points from the page's lower left corner) and where
    it ends (x plus its width from the font's glyph widths, kerning and spacing included)."""
    runs = []
    for number, page in enumerate(pdf_pages(content), start=1):
        fonts = page.get("/Resources", {}).get("/Font", {})
        measured: dict[str, Measured] = {}
        state = {"font": None, "size": 0.0, "Tc": 0.0, "Tw": 0.0, "Tz": 100.0, "tm": None}

        def before(
            operator, operands, cm, tm, number=number, fonts=fonts, measured=measured, state=state
        ):
            if operator == b"Tf":
                name = str(operands[0])
                if name not in measured and name in fonts:
                    measured[name] = Measured(fonts[name].get_object())
                state["font"], state["size"] = measured.get(name), float(operands[1])
            elif operator in (b"Tc", b"Tw", b"Tz"):
                state[operator.decode()] = float(operands[0])
            elif operator in (b"Tj", b"TJ") and state["font"] is not None:
                font, size = state["font"], state["size"]
                scale = state["Tz"] / 100
                # a show right after another, with no new position, continues where it ended
                start = state["advance"] if state["tm"] == list(tm) else 0.0
                advance, codes = start, []
                items = operands[0] if operator == b"TJ" else [operands[0]]
                for item in items:
                    if isinstance(item, bytes | str):
                        data = item if isinstance(item, bytes) else item.encode("latin-1")
                        for code in font.codes(data):
                            codes.append(code)
                            space = state["Tw"] if code == " " else 0.0
                            advance += (
                                font.width(code) / GLYPH_UNITS * size + state["Tc"] + space
                            ) * scale
                    else:
                        advance -= float(item) / GLYPH_UNITS * size * scale
                state["tm"], state["advance"] = list(tm), advance
                text = font.text(codes).strip()
                if not text:
                    return

                def on_page(offset):
                    x, y = offset * tm[0] + tm[4], offset * tm[1] + tm[5]
                    return x * cm[0] + y * cm[2] + cm[4], x * cm[1] + y * cm[3] + cm[5]

                (x, y), (end, _) = on_page(start), on_page(advance)
                runs.append(
                    {
                        "page": number,
                        "text": text,
                        "size": round(size * abs(tm[0] * cm[0] + tm[1] * cm[2]), 2),
                        "x": round(min(x, end), 2),
                        "y": round(y, 2),
                        "end": round(max(x, end), 2),
                    }
                )

        page.extract_text(visitor_operand_before=before)
    return runs


def runs_off_the_page(content: bytes) -> list[tuple[int, str, float]]:
    """(page number, text, x where it ends) of every text run not inside its page's box (the crop
    box, which is the media box unless set): starting left of it, ending right of it (its real
    width, from the font), or above or below it."""
    pages = pdf_pages(content)
    found = []
    for run in text_runs(content):
        box = pages[run["page"] - 1].cropbox
        left, right = float(box.left), float(box.right)
        bottom, top = float(box.bottom), float(box.top)
        if run["x"] < left or run["end"] > right or not bottom <= run["y"] <= top:
            found.append((run["page"], run["text"], run["end"]))
    return found


# A last page must carry at least this many lines of its own (not the header and footer every page
# repeats): one line, or a signature alone, under the header is an orphan page.
LEAST_LINES_ON_THE_LAST_PAGE = 3


def orphan_last_page(content: bytes) -> list[str] | None:
    """The lines of the last page of a document of several pages when they are fewer than
    LEAST_LINES_ON_THE_LAST_PAGE (besides what every page repeats), else None."""
    pages = [
        [line.strip() for line in page.extract_text().splitlines() if line.strip()]
        for page in pdf_pages(content)
    ]
    if len(pages) < 2:
        return None
    repeated = set(pages[0]).intersection(*map(set, pages[1:]))
    own = [
        line
        for line in pages[-1]
        if line not in repeated and not line.startswith(("Pagina ", "Page "))
    ]
    return own if len(own) < LEAST_LINES_ON_THE_LAST_PAGE else None


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
    off = runs_off_the_page(content)
    assert off == [], f"text past the page's edge (page, text, where it ends): {off}"
    orphan = orphan_last_page(content)
    assert orphan is None, f"the last page carries only {orphan!r}"
    return text
