"""Monthly forecasts: statsmodels' exponential smoothing (ETS) against a seasonal-naive baseline,
chosen per series by backtest error, with prediction intervals.

Method: the last `holdout` months (12, or 6 for series under 36 months) are held out; both
methods are fitted on the rest and scored by mean absolute error (MAE) on the hold-out; the one
with the lower error is refitted on the whole series and forecasts `horizon` months. Intervals are
80 % (ETS: from the state-space model; seasonal naive: residual spread × √(seasons ahead)).
A series of under 24 months cannot show a season twice: it falls back to the plain naive method
(last value) and says so; under 3 months no forecast is made.

Yearly series (medium-term projections, `season=1`): ETS with a damped trend and no season against
the naive baseline (last year carried forward), the last 3 years held out (2 under 12 years); under
8 years the naive projection is shown and the page says so.
"""

import math
import warnings
from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext as _

SEASON = 12
MIN_SEASONAL = 2 * SEASON
MIN_ANY = 3
YEARLY_HOLDOUT = 3
Z80 = 1.2816


@dataclass
class Forecast:
    method: str
    points: list = field(default_factory=list)
    lower: list = field(default_factory=list)
    upper: list = field(default_factory=list)
    backtest_mae: float | None = None
    baseline_mae: float | None = None
    fallback: str = ""

    @property
    def method_label(self):
        return {
            "ets": _("Exponential smoothing (ETS)"),
            "seasonal_naive": _("Seasonal naive"),
            "naive": _("Naive (last value)"),
            "none": _("No forecast"),
        }[self.method]


def seasonal_naive(history, horizon, season=SEASON):
    history = list(history)
    return [history[len(history) - season + (h % season)] for h in range(horizon)]


def _seasonal_naive_interval(history, horizon, season=SEASON):
    residuals = np.array(history[season:]) - np.array(history[:-season])
    sigma = float(np.std(residuals, ddof=1)) if len(residuals) > 1 else 0.0
    return [sigma * math.sqrt(h // season + 1) for h in range(horizon)]


def _ets_fit(history, season):
    import pandas as pd
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    values = pd.Series(np.asarray(history, dtype=float))
    model = ETSModel(
        values,
        error="add",
        trend="add",
        damped_trend=True,
        seasonal="add" if season > 1 else None,
        seasonal_periods=season if season > 1 else None,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return model.fit(disp=False, maxiter=200)


def ets_forecast(history, horizon, season=SEASON):
    fitted = _ets_fit(history, season)
    frame = fitted.get_prediction(start=len(history), end=len(history) + horizon - 1)
    summary = frame.summary_frame(alpha=0.2)
    return (
        [float(v) for v in summary["mean"]],
        [float(v) for v in summary["pi_lower"]],
        [float(v) for v in summary["pi_upper"]],
    )


def _mae(actual, predicted):
    return float(np.mean(np.abs(np.asarray(actual, float) - np.asarray(predicted, float))))


def forecast(history, horizon, season=SEASON):
    """Forecast `horizon` steps of `history` (a list of numbers, oldest first)."""
    history = [float(v) for v in history]
    if len(history) < MIN_ANY:
        return Forecast(
            method="none",
            fallback=_(
                "Only %(n)d months of history: at least %(min)d are needed for any forecast."
            )
            % {"n": len(history), "min": MIN_ANY},
        )
    if len(history) < 2 * season or season == 1 and len(history) < 8:
        diffs = np.diff(history)
        sigma = float(np.std(diffs, ddof=1)) if len(diffs) > 1 else 0.0
        last = history[-1]
        return Forecast(
            method="naive",
            points=[last] * horizon,
            lower=[max(0.0, last - Z80 * sigma * math.sqrt(h + 1)) for h in range(horizon)],
            upper=[last + Z80 * sigma * math.sqrt(h + 1) for h in range(horizon)],
            fallback=_(
                "Only %(n)d periods of history, fewer than the %(min)d needed to compare "
                "exponential smoothing with the seasonal baseline: shown is the naive "
                "forecast (the last value carried forward)."
            )
            % {"n": len(history), "min": 2 * season if season > 1 else 8},
        )
    if season == 1:  # yearly: the last 3 years held out (2 when under 12 years)
        holdout = YEARLY_HOLDOUT if len(history) >= 12 else YEARLY_HOLDOUT - 1
    else:
        holdout = season if len(history) >= 3 * season else max(season // 2, 2)
    train, test = history[:-holdout], history[-holdout:]
    if season > 1:
        baseline = seasonal_naive(train, holdout, season)
    else:
        baseline = [train[-1]] * holdout
    baseline_mae = _mae(test, baseline)
    try:
        ets_mae = _mae(test, ets_forecast(train, holdout, season)[0])
    except (ValueError, np.linalg.LinAlgError):
        ets_mae = math.inf
    if ets_mae < baseline_mae:
        points, lower, upper = ets_forecast(history, horizon, season)
        return Forecast(
            method="ets",
            points=points,
            lower=[max(0.0, v) for v in lower],
            upper=upper,
            backtest_mae=ets_mae,
            baseline_mae=baseline_mae,
        )
    if season > 1:
        points = seasonal_naive(history, horizon, season)
        spread = _seasonal_naive_interval(history, horizon, season)
    else:
        points = [history[-1]] * horizon
        diffs = np.diff(history)
        sigma = float(np.std(diffs, ddof=1))
        spread = [sigma * math.sqrt(h + 1) for h in range(horizon)]
    return Forecast(
        method="seasonal_naive" if season > 1 else "naive",
        points=points,
        lower=[max(0.0, p - Z80 * s) for p, s in zip(points, spread, strict=True)],
        upper=[p + Z80 * s for p, s in zip(points, spread, strict=True)],
        backtest_mae=baseline_mae,
        baseline_mae=baseline_mae,
        fallback=""
        if math.isfinite(ets_mae)
        else _("Exponential smoothing could not be fitted to this series."),
    )
