"""The forecast method on synthetic series: a seasonal series with trend picks ETS and beats the
seasonal-naive baseline; a short series falls back to naive and says so."""

import math

import numpy as np

from reports import forecasting


def seasonal_series(months=48, seed=7):
    rng = np.random.default_rng(seed)
    t = np.arange(months)
    return list(200 + 4 * t + 60 * np.sin(2 * math.pi * t / 12) + rng.normal(0, 5, months))


def test_seasonal_series_with_trend_beats_the_seasonal_naive_baseline():
    result = forecasting.forecast(seasonal_series(), 12)

    assert result.method == "ets"
    assert result.backtest_mae < result.baseline_mae
    assert len(result.points) == len(result.lower) == len(result.upper) == 12
    assert all(
        lo <= p <= hi for lo, p, hi in zip(result.lower, result.points, result.upper, strict=True)
    )
    assert result.fallback == ""
    # The forecast continues the trend and the season: next July above next January.
    assert result.points[0] > 350


def test_series_without_trend_or_season_keeps_the_baseline_when_it_is_not_beaten():
    flat = [100.0] * 36
    result = forecasting.forecast(flat, 6)

    assert result.method == "seasonal_naive"
    assert result.points == [100.0] * 6
    assert result.backtest_mae == 0


def test_short_series_falls_back_to_naive_and_says_so():
    result = forecasting.forecast([10, 12, 11, 13, 15, 14, 16, 18, 17, 19], 6)

    assert result.method == "naive"
    assert result.points == [19.0] * 6
    assert "Only 10 periods of history" in result.fallback
    assert result.upper[5] > result.upper[0]  # uncertainty grows with the horizon


def test_too_short_for_any_forecast():
    result = forecasting.forecast([4, 5], 6)

    assert result.method == "none"
    assert result.points == []
    assert "at least 3" in result.fallback
