"""SVG charts drawn on the server, for the browser and the PDF alike (no script, CSP-friendly).

Every chart is decorative next to its data table: the table is the accessible alternative.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 40
COLOURS = ["#0d6efd", "#d63384", "#198754", "#fd7e14", "#6f42c1", "#20c997"]
# A glyph of the charts' sans-serif font is at most this wide on average (in ems): texts are wrapped
# with it so that none runs past the chart's right edge (or the PDF page's: tests/pdfcheck.py).
EM_PER_CHARACTER = 0.62
NOTE_SIZE, NOTE_LINE = 10, 13


def wrap(text, *, size, width):
    """``text`` cut into lines of at most ``width`` user units in a ``size`` font (by words)."""
    most = max(1, int(width / (size * EM_PER_CHARACTER)))
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > most:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line] if line else lines


def _scale(maximum):
    maximum = max(maximum, 1)
    return (HEIGHT - TOP - BOTTOM) / maximum, maximum


def _axes(labels, maximum, title):
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-label="{escape(title)}" class="puls-chart" width="100%">',
        f"<title>{escape(title)}</title>",
    ]
    base = HEIGHT - BOTTOM
    parts.append(
        f'<line x1="{LEFT}" y1="{base}" x2="{WIDTH - RIGHT}" y2="{base}" stroke="#6c757d"/>'
    )
    for fraction in (0.5, 1):
        y = base - (base - TOP) * fraction
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#dee2e6"/>'
        )
        parts.append(
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end" '
            f'fill="#495057">{maximum * fraction:,.0f}</text>'
        )
    step = max(1, len(labels) // 8)
    width = (WIDTH - LEFT - RIGHT) / max(len(labels), 1)
    for shown, index in enumerate(range(0, len(labels), step)):
        x = LEFT + width * (index + 0.5)
        # On a phone the text is drawn larger (static/css/puls.css) and every other label hides.
        every_other = " puls-chart-alt" if shown % 2 else ""
        parts.append(
            f'<text x="{x:.1f}" y="{base + 16}" font-size="10" text-anchor="middle" '
            f'class="puls-chart-x{every_other}" fill="#495057">{escape(labels[index])}</text>'
        )
    return parts, width


def line_chart(*, title, labels, series, band=None, note=""):
    """series: [(name, [values or None])]; band: (lower, upper) lists drawn as a shaded area;
    note: a line of text under the chart."""
    values = [v for _, points in series for v in points if v is not None]
    if band:
        values += [v for v in band[1] if v is not None]
    factor, maximum = _scale(max(values, default=0))
    parts, width = _axes(labels, maximum, title)
    base = HEIGHT - BOTTOM

    def xy(index, value):
        return LEFT + width * (index + 0.5), base - max(value, 0) * factor

    if band:
        upper = [xy(i, v) for i, v in enumerate(band[1]) if v is not None]
        lower = [xy(i, v) for i, v in enumerate(band[0]) if v is not None]
        if upper:
            points = " ".join(f"{x:.1f},{y:.1f}" for x, y in upper + lower[::-1])
            parts.append(f'<polygon points="{points}" fill="#0d6efd" fill-opacity="0.15"/>')
    for number, (_name, points) in enumerate(series):
        colour = COLOURS[number % len(COLOURS)]
        coordinates = [xy(i, v) for i, v in enumerate(points) if v is not None]
        if coordinates:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coordinates)
            dash = ' stroke-dasharray="5 4"' if number else ""
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>'
            )
    # the legend: one entry after the other, on another row when the next would pass the edge
    x, y = LEFT + 8, TOP + 2
    for number, (name, _points) in enumerate(series):
        entry = 11 * EM_PER_CHARACTER * (len(name) + 2)
        if x > LEFT + 8 and x + entry > WIDTH - RIGHT:
            x, y = LEFT + 8, y + 14
        parts.append(
            f'<text x="{x:.1f}" y="{y}" font-size="11" '
            f'fill="{COLOURS[number % len(COLOURS)]}">■ {escape(name)}</text>'
        )
        x += entry + 16
    height = HEIGHT
    if note:
        lines = wrap(note, size=NOTE_SIZE, width=WIDTH - LEFT - RIGHT)
        height += NOTE_LINE * (len(lines) - 1)
        spans = "".join(
            f'<tspan x="{LEFT}" dy="{0 if index == 0 else NOTE_LINE}">{escape(line)}</tspan>'
            for index, line in enumerate(lines)
        )
        parts.append(
            f'<text x="{LEFT}" y="{HEIGHT - 4}" font-size="{NOTE_SIZE}" fill="#495057">{spans}</text>'
        )
        parts[0] = parts[0].replace(f"0 0 {WIDTH} {HEIGHT}", f"0 0 {WIDTH} {height}")
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  (every text above is escaped)


def bar_chart(*, title, labels, series):
    """series: [(name, [values or None])], drawn side by side in each label's slot; the names
    are a legend when there is more than one series."""
    values = [v for _, points in series for v in points if v is not None]
    factor, maximum = _scale(max(values, default=0))
    parts, width = _axes(labels, maximum, title)
    base = HEIGHT - BOTTOM
    bar = width * 0.7 / max(len(series), 1)
    for number, (name, points) in enumerate(series):
        colour = COLOURS[number % len(COLOURS)]
        for index, value in enumerate(points):
            if value is None:
                continue
            height = max(value, 0) * factor
            x = LEFT + width * index + width * 0.15 + bar * number
            parts.append(
                f'<rect x="{x:.1f}" y="{base - height:.1f}" width="{bar:.1f}" '
                f'height="{height:.1f}" fill="{colour}"/>'
            )
        if len(series) > 1:
            parts.append(
                f'<text x="{LEFT + 8 + 200 * number}" y="{TOP + 2}" font-size="11" '
                f'fill="{colour}">■ {escape(name)}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  (every text above is escaped)
