"""Running statistics: means and proportions with 95% intervals, and paired tests on seeds.

Every aggregate here is updated one game at a time and keeps a handful of numbers, so memory
does not grow with the number of games. The lab feeds games in seed order, so the same
games give the same figures to the last digit whatever the number of workers.
"""

from __future__ import annotations

import math

Z95 = 1.959963984540054  # the two-sided 95% quantile of the normal distribution


class Running:
    """Mean and variance of a stream of numbers (Welford's method)."""

    def __init__(self) -> None:
        self.n = 0
        self.mean = 0.0
        self._m2 = 0.0

    def add(self, x: float) -> None:
        """Take one more value."""
        self.n += 1
        delta = x - self.mean
        self.mean += delta / self.n
        self._m2 += delta * (x - self.mean)

    @property
    def sd(self) -> float:
        """The sample standard deviation (0 below two values)."""
        return math.sqrt(self._m2 / (self.n - 1)) if self.n > 1 else 0.0

    def ci95(self) -> tuple[float, float]:
        """A 95% interval of the mean (Student's t below 30 values, else normal)."""
        if self.n < 2:
            return self.mean, self.mean
        half = t_quantile(self.n - 1) * self.sd / math.sqrt(self.n)
        return self.mean - half, self.mean + half


class Proportion:
    """A share of successes, with Wilson's 95% interval (good near 0% and 100% too)."""

    def __init__(self) -> None:
        self.n = 0
        self.hits = 0

    def add(self, hit: bool) -> None:
        """Take one more trial."""
        self.n += 1
        self.hits += hit

    @property
    def rate(self) -> float:
        """The share of successes (0 with no trial)."""
        return self.hits / self.n if self.n else 0.0

    def ci95(self) -> tuple[float, float]:
        """Wilson's score interval at 95%."""
        return wilson(self.hits, self.n)


def wilson(hits: int, n: int) -> tuple[float, float]:
    """Wilson's 95% score interval of a proportion ``hits / n`` ((0, 1) with no trial)."""
    if n == 0:
        return 0.0, 1.0
    p = hits / n
    z2 = Z95 * Z95
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = Z95 * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def t_quantile(df: int) -> float:
    """The two-sided 95% quantile of Student's t with ``df`` degrees of freedom."""
    if df >= 30:
        return Z95 + (Z95**3 + Z95) / (4 * df)  # Cornish-Fisher, within 0.001 from 30 on
    lo, hi = Z95, 20.0
    for _ in range(60):  # bisection on the distribution function
        mid = (lo + hi) / 2
        if t_two_sided_p(mid, df) > 0.05:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def _betacf(a: float, b: float, x: float) -> float:
    """The continued fraction of the incomplete beta function (Lentz's method)."""
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 300):
        m2 = 2 * m
        aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2))
        d = 1.0 + aa * d
        c = 1.0 + aa / c
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1))
        d = 1.0 + aa * d
        c = 1.0 + aa / c
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = c if abs(c) > tiny else tiny
        step = d * c
        h *= step
        if abs(step - 1.0) < 1e-12:
            break
    return h


def incomplete_beta(a: float, b: float, x: float) -> float:
    """The regularised incomplete beta function I_x(a, b)."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    front = math.exp(log_front)
    if x < (a + 1) / (a + b + 2):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, 1 - x) / b


def t_two_sided_p(t: float, df: int) -> float:
    """The two-sided p-value of Student's t statistic ``t`` with ``df`` degrees of freedom."""
    if df < 1:
        return 1.0
    return incomplete_beta(df / 2, 0.5, df / (df + t * t))


def sign_test_p(plus: int, minus: int) -> float:
    """The exact two-sided p-value of the sign test (ties left out): the chance of a split at
    least this uneven when either side is equally likely."""
    n = plus + minus
    if n == 0:
        return 1.0
    k = min(plus, minus)
    log_half = n * math.log(0.5)
    tail = sum(
        math.exp(math.lgamma(n + 1) - math.lgamma(i + 1) - math.lgamma(n - i + 1) + log_half)
        for i in range(k + 1)
    )
    return min(1.0, 2 * tail)


class Paired:
    """A paired comparison of two strategies on the same seeds: the score difference (paired t
    test) and the games one won and the other lost (sign test on the discordant pairs, i.e.
    McNemar's exact test)."""

    def __init__(self) -> None:
        self.diff = Running()
        self.only_a = 0  # seeds where A won and B did not
        self.only_b = 0

    def add(self, score_a: float, score_b: float, won_a: bool, won_b: bool) -> None:
        """Take one seed's pair of games."""
        self.diff.add(score_a - score_b)
        self.only_a += won_a and not won_b
        self.only_b += won_b and not won_a

    @property
    def n(self) -> int:
        """Pairs seen."""
        return self.diff.n

    def win_rate_difference(self) -> float:
        """A's win rate minus B's."""
        return (self.only_a - self.only_b) / self.n if self.n else 0.0

    def score_p(self) -> float:
        """The paired t test's two-sided p-value for the mean score difference."""
        d = self.diff
        if d.n < 2:
            return 1.0
        if d.sd == 0:
            return 1.0 if d.mean == 0 else 0.0
        return t_two_sided_p(d.mean / (d.sd / math.sqrt(d.n)), d.n - 1)

    def win_p(self) -> float:
        """The sign test's two-sided p-value for the win-rate difference."""
        return sign_test_p(self.only_a, self.only_b)


def holm(p_values: list[float], alpha: float = 0.05) -> list[bool]:
    """Which of many tests stay significant at ``alpha`` after Holm's correction for
    multiple comparisons (in the order given)."""
    order = sorted(range(len(p_values)), key=p_values.__getitem__)
    significant = [False] * len(p_values)
    m = len(p_values)
    for rank, i in enumerate(order):
        if p_values[i] > alpha / (m - rank):
            break
        significant[i] = True
    return significant


def pvalue(p: float) -> str:
    """A p-value for a table cell (``<0.001`` below a thousandth)."""
    return "<0.001" if p < 0.001 else f"{p:.3f}"
