"""The content of each kind of report and of the forecasts page: sections of tables and charts."""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from puls.collation import RomanianOrder
from puls.formatting import month_year, month_year_short
from puls.reference.models import County, IscoGroup

from . import charts, forecasting, selectors
from .models import ReportKind, Series
from .tables import SUPPRESSION_THRESHOLD, Column, Table


@dataclass
class Section:
    table: Table
    chart: str = ""


HORIZONS = (6, 12)


def series_forecast(*, series, county=None):
    """History, the 12-month forecast and the method's explanation for one series and scope."""
    history, synthetic = selectors.monthly_history(series=series, county=county)
    result = forecasting.forecast([value for _month, value in history], max(HORIZONS))
    months = [month for month, _value in history]
    future = []
    if months:
        future = [selectors.add_months(months[-1], h) for h in range(1, max(HORIZONS) + 1)]
    return {
        "history": history,
        "synthetic": synthetic,
        "result": result,
        "future": future,
        "series": Series(series),
        "county": county,
    }


def forecast_chart(item):
    history = item["history"][-36:]
    result = item["result"]
    labels = [month_year_short(m) for m, _v in history] + [
        month_year_short(m) for m in item["future"][: len(result.points)]
    ]
    observed = [v for _m, v in history] + [None] * len(result.points)
    predicted = (
        [None] * (len(history) - 1) + ([history[-1][1]] if history else []) + list(result.points)
    )
    lower = [None] * len(history) + list(result.lower)
    upper = [None] * len(history) + list(result.upper)
    title = f"{item['series'].label} — {item['county'].name if item['county'] else _('national')}"
    # A line whose points include a count under 5 would show what the tables suppress.
    series, band, hidden = [], None, []
    if all(value >= SUPPRESSION_THRESHOLD for _month, value in history):
        series.append((_("Observed"), observed))
    else:
        hidden.append(str(_("Observed")))
    if all(value >= SUPPRESSION_THRESHOLD for value in result.points):
        series.append((_("Forecast"), predicted))
        band = (lower, upper)
    else:
        hidden.append(str(_("Forecast")))
    note = (
        _("Not drawn, as a month counts under 5: %(indicators)s")
        % {"indicators": ", ".join(hidden)}
        if hidden
        else ""
    )
    return charts.line_chart(title=title, labels=labels, series=series, band=band, note=note)


def _interval(shown, lower, upper):
    """The 80 % interval, or "—" beside a value suppressed as "<5" (it would narrow it down)."""
    if shown < SUPPRESSION_THRESHOLD:
        return "—"
    return f"{round(lower)}–{round(upper)}"


def forecast_table(items):
    rows = []
    for item in items:
        result = item["result"]
        row = {
            "scope": item["county"].name if item["county"] else _("National"),
            "series": item["series"].label,
            "method": result.method_label,
            "mae": round(result.backtest_mae, 1) if result.backtest_mae is not None else "—",
            "baseline": (round(result.baseline_mae, 1) if result.baseline_mae is not None else "—"),
            "note": result.fallback
            + (" " + _("History includes synthetic demo months.") if item["synthetic"] else ""),
        }
        for h in HORIZONS:
            if len(result.points) >= h:
                row[f"p{h}"] = round(result.points[h - 1])
                row[f"i{h}"] = _interval(row[f"p{h}"], result.lower[h - 1], result.upper[h - 1])
                row[f"m{h}"] = month_year(item["future"][h - 1])
        rows.append(row)
    columns = [
        Column("scope", _("Scope")),
        Column("series", _("Series")),
        Column("method", _("Method chosen")),
    ]
    for h in HORIZONS:
        columns += [
            Column(f"m{h}", _("Month +%(h)d") % {"h": h}),
            Column(f"p{h}", _("Forecast +%(h)d") % {"h": h}, count=True),
            Column(f"i{h}", _("80 %% interval +%(h)d") % {"h": h}),
        ]
    columns += [
        Column("mae", _("Backtest error (MAE)")),
        Column("baseline", _("Seasonal-naive error (MAE)")),
        Column("note", _("Note")),
    ]
    return Table(
        title=_("Monthly forecasts, 6 and 12 months ahead"),
        columns=columns,
        rows=rows,
        note=_(
            "Method: exponential smoothing (statsmodels ETS, additive damped trend "
            "and season) or the seasonal-naive baseline, whichever had the lower mean "
            "absolute error on the last 12 months held out (6 for series under 36 "
            "months); intervals are 80 %."
        ),
    )


MEDIUM_TERM_YEARS = 3


def medium_term_table(*, county=None):
    """Yearly vacancies per ISCO major group projected 3 years ahead by the same method as the
    monthly forecasts (on yearly data: ETS with a damped trend against the naive baseline)."""
    last_year = timezone.localdate().year - 1  # the current year is not whole yet
    groups, years = selectors.yearly_vacancies_by_major_group(county=county, last_year=last_year)
    names = {group.code: str(group) for group in IscoGroup.objects.filter(code__in=groups)}
    future = [last_year + h for h in range(1, MEDIUM_TERM_YEARS + 1)]
    rows = []
    for major, history in groups.items():
        result = forecasting.forecast(
            [value for _year, value in history], MEDIUM_TERM_YEARS, season=1
        )
        row = {
            "group": names.get(major, major),
            "years": f"{years[0]}–{years[-1]}",
            "last": history[-1][1],
            "method": result.method_label,
            "mae": round(result.backtest_mae, 1) if result.backtest_mae is not None else "—",
            "baseline": (round(result.baseline_mae, 1) if result.baseline_mae is not None else "—"),
            "note": result.fallback,
        }
        for h in range(1, len(result.points) + 1):
            row[f"p{h}"] = round(result.points[h - 1])
            row[f"i{h}"] = _interval(row[f"p{h}"], result.lower[h - 1], result.upper[h - 1])
        rows.append(row)
    columns = [
        Column("group", _("ISCO-08 major group")),
        Column("years", _("Years observed")),
        Column("last", _("Vacancies in %(year)d") % {"year": last_year}, count=True),
        Column("method", _("Method chosen")),
    ]
    for h, year in enumerate(future, start=1):
        columns += [
            Column(f"p{h}", _("Projection %(year)d") % {"year": year}, count=True),
            Column(f"i{h}", _("80 %% interval %(year)d") % {"year": year}),
        ]
    columns += [
        Column("mae", _("Backtest error (MAE)")),
        Column("baseline", _("Naive error (MAE)")),
        Column("note", _("Note")),
    ]
    return Table(
        title=_("Medium-term projections of vacancies by occupation group, %(first)d–%(last)d")
        % {"first": future[0], "last": future[-1]},
        columns=columns,
        rows=rows,
        note=_(
            "Method: yearly vacancies communicated per ISCO-08 major group (whole years only), "
            "projected 3 years ahead by exponential smoothing with a damped trend (statsmodels "
            "ETS) or the naive projection (last year carried forward), whichever had the lower "
            "mean absolute error on the last years held out; with under 8 years of history "
            "the naive projection is shown. Intervals are 80 %."
        ),
    )


def _forecast_sections(agency, tick):
    counties = (
        [agency.county] if agency else [None, *County.objects.order_by(RomanianOrder("name"))]
    )
    pairs = [(county, series) for county in counties for series in Series.values]
    items = []
    for county, series in pairs:
        items.append(series_forecast(series=series, county=county))
        tick(len(items) / len(pairs))
    sections = [Section(forecast_table(items))]
    for item in items[:2]:
        sections[0].chart += forecast_chart(item) if item["history"] else ""
    return sections


def _indicator_sections(agency, start, end):
    from .models import Programme

    programme = Programme.objects.first()  # the latest start (Meta.ordering)
    data = selectors.dashboard(agency=agency, programme=programme, start=start, end=end)
    labels = [month_year_short(m) for m in data["months"]]
    monthly = Table(
        title=_("Indicators per month"),
        columns=[Column("month", _("Month"))]
        + [
            Column(item["indicator"].value, item["label"], count=True)
            for item in data["indicators"]
        ],
        rows=[
            {
                "month": label,
                **{item["indicator"].value: item["values"][i] for item in data["indicators"]},
            }
            for i, label in enumerate(labels)
        ],
    )
    targets = Table(
        title=_("Milestones of %(programme)s") % {"programme": programme}
        if programme
        else _("Milestones"),
        columns=[
            Column("indicator", _("Indicator")),
            Column("due", _("Due")),
            Column("target", _("Target")),
            Column("reached", _("Reached"), count=True),
            Column("percent", _("% of target")),
        ],
        rows=[
            {
                "indicator": item["label"],
                "due": t["due"],
                "target": t["target"],
                "reached": t["reached"],
                # the share of a known target would give a suppressed "<5" reached back
                # a number (XLSX keeps it a number); the column's label says it is a percentage
                "percent": (t["percent"] if t["counted"] >= SUPPRESSION_THRESHOLD else "—"),
            }
            for item in data["indicators"]
            for t in item["targets"]
        ],
    )
    # A cumulative line gives every month's count back (its steps), so only the indicators
    # whose every month is 5 or more are drawn: a month under 5 is "<5" in the table.
    drawn, omitted = [], []
    for item in data["indicators"][:4]:
        if all(value >= SUPPRESSION_THRESHOLD for value in item["values"]):
            drawn.append((item["label"], item["cumulative"]))
        else:
            omitted.append(str(item["label"]))
    chart = charts.line_chart(
        title=_("Cumulative indicators"),
        labels=labels,
        series=drawn,
        note=(
            _("Not drawn, as a month counts under 5: %(indicators)s")
            % {"indicators": ", ".join(omitted)}
            if omitted
            else ""
        ),
    )
    return [Section(monthly, chart), Section(targets)]


def _satisfaction_sections(agency, start, end):
    return [Section(selectors.satisfaction_table(agency=agency, start=start, end=end))]


def _in_steps(parts, tick):
    """Run each part (a function returning sections), telling `tick` the fraction done."""
    sections = []
    for number, part in enumerate(parts, start=1):
        sections += part()
        tick(number / len(parts))
    return sections


def _top50_sections(agency, start, end):
    tables = selectors.top_occupations(agency=agency, start=start, end=end)
    top = tables[0].rows[:15]
    chart = charts.bar_chart(
        title=tables[0].title,
        labels=[str(r["rank"]) for r in top],
        series=[(tables[0].title, [r["posts"] if r["posts"] >= 5 else None for r in top])],
    )
    return [Section(tables[0], chart), Section(tables[1])]


def _parts(kind, agency, start, end):
    """The sections of a kind as separately computed parts, so progress can follow them."""
    if kind == ReportKind.INDICATORS:
        return [lambda: _indicator_sections(agency, start, end)]
    if kind == ReportKind.VACANCIES:
        return [
            lambda group=group: [
                Section(
                    selectors.vacancies_analysis(agency=agency, start=start, end=end, group=group)
                )
            ]
            for group in ("isco", "county", "month", "size")
        ]
    if kind == ReportKind.JOBSEEKERS:
        return [
            lambda group=group: [
                Section(
                    selectors.jobseekers_analysis(agency=agency, start=start, end=end, group=group)
                )
            ]
            for group in selectors.JOBSEEKER_GROUPS
        ]
    if kind == ReportKind.COMPETENCE_GAP:
        return [lambda: [Section(selectors.competence_gap(agency=agency, start=start, end=end))]]
    if kind == ReportKind.MEDIUM_TERM:
        return [lambda: [Section(medium_term_table(county=agency.county if agency else None))]]
    if kind == ReportKind.TOP50:
        return [lambda: _top50_sections(agency, start, end)]
    if kind == ReportKind.SATISFACTION:
        return [lambda: _satisfaction_sections(agency, start, end)]
    if kind == ReportKind.NATIONAL_PACK:
        return [
            lambda: _indicator_sections(agency, start, end),
            *_parts(ReportKind.VACANCIES, agency, start, end),
            *_parts(ReportKind.JOBSEEKERS, agency, start, end),
            lambda: _top50_sections(agency, start, end),
            lambda: _satisfaction_sections(agency, start, end),
        ]
    raise ValueError(kind)


def sections_for(kind, *, agency, start, end, tick=lambda fraction: None):
    """The sections of one kind of report for a scope (None: national) and period; `tick` is told
    the fraction of the work done after each series or section."""
    if kind == ReportKind.FORECASTS:
        return _forecast_sections(agency, tick)
    return _in_steps(_parts(kind, agency, start, end), tick)
