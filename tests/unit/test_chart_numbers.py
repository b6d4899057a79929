"""Charts write numbers with their language's signs, and only while that chart is drawn."""

from sim.base import l10n
from sim.present.charts.common import count, euros, metric_text, percent, speaks, tick_formatter


@speaks
def _numbers(lang: str = "en"):
    return (
        count(12345.6),
        euros(-1234),
        percent(0.0241),
        metric_text("real_reach", 7.25),
        tick_formatter("engagement_rate_follower")(0.0125, None),
    )


def test_dutch_charts_write_dutch_number_signs():
    assert _numbers("en") == ("12,346", "-€1,234", "2.41%", "7.2", "1.25%")
    assert _numbers(lang="nl") == ("12.346", "€\xa0-1.234", "2,41%", "7,2", "1,25%")


def test_charts_write_money_as_the_one_formatter_does():
    # One formatter for every surface: a chart's euros are sim.base.l10n's, in either language.
    for lang in ("en", "nl"):

        @speaks
        def drawn(lang: str = "en"):
            return euros(-1234.4), euros(99, sign=True), count(1234567)

        assert drawn(lang=lang) == (
            l10n.money(-1234.4, lang),
            l10n.money(99, lang, sign=True),
            l10n.number(1234567, lang),
        )


def test_the_language_ends_with_the_chart():
    _numbers("nl")
    assert count(12345.6) == "12,346"


def test_the_language_ends_even_when_drawing_fails():
    @speaks
    def broken(lang: str = "en"):
        raise RuntimeError("no data")

    try:
        broken("nl")
    except RuntimeError:
        pass
    assert count(1000) == "1,000"


def test_a_rate_without_a_value_is_said_in_words():
    # A comparison of runs shorter than a rate's window has no value for it yet: the headline
    # says so in the reader's language instead of failing on NaN.
    @speaks
    def said(lang="en"):
        return percent(float("nan"))

    assert said(lang="en") == "no value yet"
    assert said(lang="nl") == "nog geen waarde"
