"""How well an extraction's confidence ranks its incidents, for the bench scripts that score it."""
from __future__ import annotations

from collections import Counter

# The bands printed per confidence, and the minimum confidences the dashboard's filter might be set to.
CONFIDENCE_BANDS = ((0.0, 0.6), (0.6, 0.75), (0.75, 0.85), (0.85, 1.01))
CONFIDENCE_THRESHOLDS = (0.5, 0.6, 0.7, 0.8)


def auc(scored: list[tuple[float, bool]]) -> float:
    """The chance that a right item scores above a wrong one (ties count half): 0.5 = no ranking, 1 = perfect."""
    positives = Counter(score for score, ok in scored if ok)
    negatives = Counter(score for score, ok in scored if not ok)
    n_pos, n_neg = sum(positives.values()), sum(negatives.values())
    if not n_pos or not n_neg:
        return float("nan")
    below, total = 0, 0.0
    for score in sorted(set(positives) | set(negatives)):
        total += positives[score] * (below + 0.5 * negatives[score])
        below += negatives[score]
    return total / (n_pos * n_neg)
