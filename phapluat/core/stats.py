"""Figures that benchmarks print."""
import math


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile, `p` from 0 to 100; NaN when there is nothing to rank."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, math.ceil(p / 100 * len(ordered)) - 1))]
