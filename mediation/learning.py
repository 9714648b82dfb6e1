"""Learning the signal weights from outcomes: L2-regularised logistic regression, numpy only.

Each outcome is a row of signal values (0–1; a signal that did not apply counts 0) and a label
(hired 1; not selected or declined 0). The fit gives one coefficient per signal; the new weights
are the positive parts, scaled to sum to 100 and kept within the scorer's rules
(``scoring.normalise_weights``).

Validation: outcomes are split by time, the newest ``HOLDOUT_SHARE`` held out. Any weight set,
new or in use, is judged the same way: its 0–100 scores on the training outcomes are calibrated
into probabilities by a one-variable logistic fit, and the calibrated probabilities are scored on
the held-out outcomes by log-loss (lower is better) and AUC. The new weights are activated only
when their held-out log-loss is lower than that of the weights in use.
"""

from dataclasses import dataclass

import numpy as np

from .scoring import SIGNALS, combine, normalise_weights

HOLDOUT_SHARE = 0.25
L2 = 1e-3
EPSILON = 1e-12


def _sigmoid(values):
    return 1.0 / (1.0 + np.exp(-np.clip(values, -35, 35)))


def logistic_fit(features, labels, *, l2=L2, iterations=100):
    """Coefficients and intercept of a logistic regression, by Newton's method (IRLS)."""
    features = np.asarray(features, dtype=float)
    labels = np.asarray(labels, dtype=float)
    design = np.hstack([features, np.ones((len(features), 1))])
    beta = np.zeros(design.shape[1])
    penalty = l2 * np.eye(design.shape[1])
    penalty[-1, -1] = 0.0
    for _ in range(iterations):
        probability = _sigmoid(design @ beta)
        gradient = design.T @ (probability - labels) + penalty @ beta
        curvature = design.T @ (design * (probability * (1 - probability))[:, None]) + penalty
        step = np.linalg.solve(curvature + 1e-9 * np.eye(len(beta)), gradient)
        beta -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return beta[:-1], beta[-1]


def log_loss(labels, probabilities):
    probabilities = np.clip(probabilities, EPSILON, 1 - EPSILON)
    labels = np.asarray(labels, dtype=float)
    return float(
        -np.mean(labels * np.log(probabilities) + (1 - labels) * np.log(1 - probabilities))
    )


def auc(labels, scores):
    """Area under the ROC curve (Mann–Whitney), ties counted half; None without both classes."""
    labels = np.asarray(labels, dtype=bool)
    scores = np.asarray(scores, dtype=float)
    positives, negatives = scores[labels], scores[~labels]
    if not len(positives) or not len(negatives):
        return None
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    sorted_scores = scores[order]
    position = 0
    while position < len(scores):
        end = position
        while end + 1 < len(scores) and sorted_scores[end + 1] == sorted_scores[position]:
            end += 1
        ranks[order[position : end + 1]] = (position + end) / 2 + 1
        position = end + 1
    rank_sum = ranks[labels].sum()
    return float(
        (rank_sum - len(positives) * (len(positives) + 1) / 2) / (len(positives) * len(negatives))
    )


def matrix(signal_rows):
    """Signal dicts → a feature matrix in SIGNALS order (missing or None → 0)."""
    return np.array(
        [[float(row.get(name) or 0.0) for name in SIGNALS] for row in signal_rows], dtype=float
    ).reshape(len(signal_rows), len(SIGNALS))


def scores_with(weights, signal_rows):
    weights = normalise_weights(weights)
    return np.array([combine(row, weights)[0] for row in signal_rows], dtype=float)


@dataclass
class Evaluation:
    log_loss: float
    auc: float | None


def evaluate(weights, train_rows, train_labels, test_rows, test_labels):
    """Held-out log-loss and AUC of a weight set, calibrated on the training outcomes."""
    train_scores = scores_with(weights, train_rows) / 100.0
    test_scores = scores_with(weights, test_rows) / 100.0
    slope, intercept = logistic_fit(train_scores[:, None], train_labels)
    probabilities = _sigmoid(test_scores * slope[0] + intercept)
    return Evaluation(
        log_loss=log_loss(test_labels, probabilities), auc=auc(test_labels, test_scores)
    )


def weights_from_coefficients(coefficients):
    positive = {
        name: max(0.0, float(value)) for name, value in zip(SIGNALS, coefficients, strict=True)
    }
    weights = normalise_weights(positive)
    total = sum(weights.values())
    if total <= 0:
        return None
    return {name: round(100.0 * value / total, 3) for name, value in weights.items()}


@dataclass
class FitResult:
    weights: dict | None
    coefficients: dict
    train_size: int
    test_size: int
    new: Evaluation | None
    current: Evaluation | None

    @property
    def better(self):
        return (
            self.weights is not None
            and self.new is not None
            and (self.current is None or self.new.log_loss < self.current.log_loss)
        )


def fit_weights(signal_rows, labels, *, current_weights):
    """Fit on the older outcomes, validate on the newest. ``signal_rows`` in time order."""
    labels = np.asarray(labels, dtype=float)
    split = int(round(len(labels) * (1 - HOLDOUT_SHARE)))
    train_rows, test_rows = signal_rows[:split], signal_rows[split:]
    train_labels, test_labels = labels[:split], labels[split:]
    coefficients, _intercept = logistic_fit(matrix(train_rows), train_labels)
    weights = weights_from_coefficients(coefficients)
    result = FitResult(
        weights=weights,
        coefficients=dict(zip(SIGNALS, map(float, coefficients), strict=True)),
        train_size=len(train_rows),
        test_size=len(test_rows),
        new=None,
        current=None,
    )
    if weights is not None and len(set(test_labels.tolist())) == 2:
        result.new = evaluate(weights, train_rows, train_labels, test_rows, test_labels)
        result.current = evaluate(current_weights, train_rows, train_labels, test_rows, test_labels)
    return result
