"""The shared paired t-test against SciPy's own, and its critical values against the printed
tables the statistical tests used to copy (one-sided, α = 0.001; tolerance 0.001)."""

import numpy as np
import pytest
from paired import paired_t, t_critical
from scipy import stats


@pytest.mark.parametrize(("pairs", "table"), [(8, 4.785), (10, 4.297), (16, 3.733)])
def test_critical_values_match_the_printed_tables(pairs, table):
    assert t_critical(pairs) == pytest.approx(table, abs=1e-3)


def test_statistic_is_scipys_paired_t():
    rng = np.random.default_rng(7)
    a, b = rng.normal(1.0, 1.0, 12), rng.normal(0.0, 1.0, 12)
    assert paired_t(a, b) == pytest.approx(stats.ttest_rel(a, b).statistic, rel=1e-12)


def test_one_pair_is_refused():
    with pytest.raises(ValueError, match="at least 2 pairs"):
        t_critical(1)
