"""Learning weights from outcomes: the fit recovers planted weights; versions; keep if worse."""

import random

import numpy as np
import pytest

from mediation import learning, services
from mediation.models import Outcome, WeightSet
from mediation.scoring import DEFAULT_WEIGHTS, SIGNALS

# Known weights the synthetic outcomes are drawn from: a clear order over six signals.
PLANTED = {
    "essential_skills": 6.0,
    "occupation": 4.0,
    "experience": 2.5,
    "place": 1.5,
    "optional_skills": 0.7,
    "wishes": 0.0,
}


def synthetic_outcomes(count, *, seed=7, planted=PLANTED, intercept=-6.0):
    rng = random.Random(seed)
    rows, labels = [], []
    for _ in range(count):
        row = {name: rng.random() for name in SIGNALS}
        logit = intercept + sum(weight * row[name] for name, weight in planted.items())
        labels.append(1 if rng.random() < 1 / (1 + np.exp(-logit)) else 0)
        rows.append(row)
    return rows, labels


def test_fit_recovers_the_order_of_planted_weights():
    rows, labels = synthetic_outcomes(4000)
    coefficients, _intercept = learning.logistic_fit(learning.matrix(rows), labels)
    fitted = dict(zip(SIGNALS, coefficients, strict=True))
    order = sorted(PLANTED, key=PLANTED.get, reverse=True)
    assert sorted(PLANTED, key=fitted.get, reverse=True) == order
    assert abs(fitted["essential_skills"] - 6.0) < 1.0


def test_auc_and_log_loss():
    assert learning.auc([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9]) == 1.0
    assert learning.auc([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5]) == 0.5
    assert learning.auc([1, 1], [0.3, 0.4]) is None
    assert learning.log_loss([1, 0], [0.5, 0.5]) == pytest.approx(np.log(2))


def _plant(rows, labels):
    Outcome.objects.bulk_create(
        [
            Outcome(kind=Outcome.Kind.HIRED if label else Outcome.Kind.REJECTED, signals=row)
            for row, label in zip(rows, labels, strict=True)
        ]
    )


@pytest.mark.django_db
def test_weights_learn_activates_a_better_fit_and_versions_it():
    _plant(*synthetic_outcomes(1200))
    weight_set = services.weights_learn(min_outcomes=200)
    assert weight_set.version == 2 and weight_set.is_active
    assert weight_set.validation_log_loss < weight_set.previous_log_loss
    assert weight_set.validation_auc > 0.7
    assert WeightSet.objects.get(version=1).is_active is False
    assert max(weight_set.weights, key=weight_set.weights.get) == "essential_skills"
    assert services.weights_learn(min_outcomes=200) is None  # nothing new: nothing recorded


@pytest.mark.django_db
def test_weights_learn_keeps_the_weights_in_use_when_the_fit_is_worse():
    # Outcomes that only the default weights explain well: hires follow the defaults' score.
    rows, _labels = synthetic_outcomes(1200, seed=3)
    total = sum(DEFAULT_WEIGHTS.values())
    labels = [
        1 if sum(DEFAULT_WEIGHTS[n] * row[n] for n in SIGNALS) / total > 0.5 else 0 for row in rows
    ]
    # ...and the fitted weights are pushed away from them by flipping the training part.
    split = int(len(rows) * (1 - learning.HOLDOUT_SHARE))
    labels = [1 - label if position < split else label for position, label in enumerate(labels)]
    _plant(rows, labels)
    weight_set = services.weights_learn(min_outcomes=200)
    assert weight_set.version == 2 and not weight_set.is_active
    assert WeightSet.objects.get(is_active=True).version == 1
    assert "Kept" in weight_set.note


@pytest.mark.django_db
def test_too_few_outcomes_learn_nothing():
    _plant(*synthetic_outcomes(50))
    assert services.weights_learn(min_outcomes=200) is None
    assert WeightSet.objects.filter(version__gt=1).count() == 0
