"""Words and number formats in the reader's language (sim.base.i18n, sim.base.l10n)."""

from __future__ import annotations

import ast
import datetime as dt
import string
from pathlib import Path

import pytest

import sim
from sim.base import i18n, metrics
from sim.base.l10n import (
    count,
    date,
    excel_format,
    money,
    number,
    percent,
    short_date,
    significant,
)

SIM = Path(sim.__file__).parent


def _tr_calls():
    """Every call ``tr(...)`` / ``x.tr(...)`` in the sim package, and of the charts' ``t(...)``
    (``tr`` with fields filled in): (file, line, first argument)."""
    for path in sorted(SIM.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            f = node.func
            name = f.id if isinstance(f, ast.Name) else getattr(f, "attr", None)
            if name == "tr" or (name == "t" and "charts" in path.parts):
                yield path.relative_to(SIM.parent), node.lineno, node.args[0]


def test_every_literal_passed_to_tr_has_a_dutch_entry():
    calls = list(_tr_calls())
    assert len(calls) > 30  # the scan finds the report's calls: it is looking in the right place
    missing = [
        f"{p}:{line}: {arg.value!r}"
        for p, line, arg in calls
        if isinstance(arg, ast.Constant) and arg.value not in i18n._NL
    ]
    assert not missing, "no Dutch for:\n" + "\n".join(missing)


def test_no_f_string_is_passed_to_tr():
    # An f-string is a different key for every value: pass a template and .format() the result.
    bad = [f"{p}:{line}" for p, line, arg in _tr_calls() if isinstance(arg, ast.JoinedStr)]
    assert not bad, (
        "tr(f'...') cannot be translated; use tr('... {x}').format(x=...): " + ", ".join(bad)
    )


def _said_templates():
    """Every English template given to ``Said(...)`` in the sim package (either branch of a
    conditional too): (file, line, template)."""
    for path in sorted(SIM.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else None
            if name != "Said" and getattr(node.func, "attr", None) != "Said":
                continue
            first = node.args[0]
            for arg in (first.body, first.orelse) if isinstance(first, ast.IfExp) else (first,):
                if isinstance(arg, ast.Constant):
                    yield path.relative_to(SIM.parent), node.lineno, arg.value


def test_every_sentence_said_later_has_a_dutch_entry():
    # A refusal of `feedsim calibrate --lang nl` once came in English: every sentence made now
    # and said later (Said, as a refusal carries it) has its Dutch, as tr's literals have.
    from sim.studies.calibrate.export_values import _WHAT

    said = list(_said_templates())
    assert len(said) > 50  # the scan finds calibrate's refusals
    # ... and a scenario's, a sweep's and the commands' (they once came in English too)
    assert {"scenario", "studies", "cli"} <= {p.parts[1] for p, _, _ in said}
    missing = [f"{p}:{line}: {t!r}" for p, line, t in said if t not in i18n._NL]
    missing += [t for t in _WHAT.values() if t not in i18n._NL]
    assert not missing, "no Dutch for:\n" + "\n".join(missing)


def test_a_count_the_english_formats_reaches_the_dutch_written_already():
    # A Count comes to a Dutch template as text ('20.000'); a format spec on it would fail there.
    from sim.base.i18n_checks import CHECKS_NL
    from sim.base.i18n_errors import ERRORS_NL

    def specs(s):
        return {f: spec for _, f, spec, _ in string.Formatter().parse(s) if f}

    for en, nl in {**ERRORS_NL, **CHECKS_NL}.items():
        for f, spec in specs(en).items():
            if "," in spec:
                assert specs(nl)[f] == "", (en, f)


def test_a_sentence_said_later_says_its_counts_and_names_in_the_language():
    from sim.base.i18n import Said
    from sim.base.l10n import Count
    from sim.studies.calibrate.words import Listed, measure

    too_many = Said(
        "{path}: {n:,} posts, more than the {most:,} one account's export holds in years; check "
        "it is one account's file, or pass --force to fit on all of them (slow)",
        {"path": "x.csv", "n": Count(21000), "most": Count(20000)},
    )
    assert str(too_many).startswith("x.csv: 21,000 posts, more than the 20,000 one")
    assert too_many.text("nl").startswith("x.csv: 21.000 posts, meer dan de 20.000 die")
    rows = Listed(tuple(Said("{where} row {row}", {"where": "x.csv", "row": r}) for r in (2, 1234)))
    what = Said("no {what} (NA)", {"what": measure("comments")})
    fields = {"shown": rows, "more": "", "what": what, "fix": "..."}
    refusal = Said("{shown}{more}: {what}; {fix}", fields)
    assert str(refusal) == "x.csv row 2; x.csv row 1234: no comments (NA); ..."
    # A row number is a place in the file, not a count: as the spreadsheet numbers it.
    assert refusal.text("nl") == "x.csv rij 2; x.csv rij 1234: geen reacties (NA); ..."


def test_every_field_a_refusal_names_has_its_dutch_words():
    from sim.studies.calibrate.export_layouts import COUNTS, FOLLOWER_HEADERS
    from sim.studies.calibrate.words import MEASURES, measure

    named = [*COUNTS, "followers", "posted_at", "post time", *FOLLOWER_HEADERS]
    assert [f for f in named if "nl" not in MEASURES.get(f, {})] == []
    assert (str(measure("comments")), measure("comments").text("nl")) == ("comments", "reacties")


def test_dutch_templates_keep_their_placeholders():
    fields = lambda s: sorted(f for _, f, _, _ in string.Formatter().parse(s) if f)  # noqa: E731
    wrong = [en for en, nl in i18n._NL.items() if fields(en) != fields(nl)]
    assert not wrong


def test_every_metric_label_and_unit_has_a_dutch_entry():
    from sim.registry import COMPONENTS

    counters = [c for comp in COMPONENTS for c in comp.counters]
    catalogue = (*metrics.POST_METRICS, *metrics.day_metrics(counters), *metrics.RUN_FIGURES)
    missing = sorted({t for m in catalogue for t in (m.label, m.unit) if t and t not in i18n._NL})
    assert not missing


def test_every_presented_figure_and_spreadsheet_word_has_dutch():
    from sim.base.presented import FIGURES
    from sim.present.report.workbook import BAND_WORDS, EXTRA, PLAIN

    assert all(f.nl and f.explain_nl and f.unit_nl for f in FIGURES)
    words = [*PLAIN.values(), *BAND_WORDS.values(), *(w for w, _ in EXTRA.values())]
    assert [w for w in words if w not in i18n._NL] == []


def test_tr_falls_back_to_english_and_refuses_unknown_languages():
    assert i18n.tr("Summary", "nl") == "Samenvatting"
    assert i18n.tr("Summary", "en") == "Summary"
    assert i18n.tr("a string nobody translated", "nl") == "a string nobody translated"
    with pytest.raises(ValueError, match="choose one of en, nl"):
        i18n.tr("Summary", "de")


def test_numbers_money_percentages_and_dates_follow_each_language():
    assert number(1234567.891, "en", 1) == "1,234,567.9"
    assert number(1234567.891, "nl", 1) == "1.234.567,9"
    assert number(float("nan"), "nl") == "–"
    assert money(-1234.4, "en") == "-€1,234"
    assert money(1234.4, "nl") == "€\u00a01.234"  # a space that never breaks the line
    assert money(0.456, "nl", decimals=2) == "€\u00a00,46"
    assert money(12, "en", sign=True) == "+€12"
    assert money(-0.4, "en") == "€0"  # no negative zero
    assert percent(0.00456, "en", 2) == "0.46%"
    assert percent(0.00456, "nl", 2) == "0,46%"
    assert percent(-0.3, "nl", 0, sign=True) == "-30%"
    assert percent(0.3, "en", 0, sign=True) == "+30%"
    assert date(dt.date(2026, 11, 22), "nl") == "22 november 2026"
    assert date(dt.date(2026, 11, 22), "en") == "22 November 2026"
    # On an axis (a calibration chart's post dates): short, in the language, no full stop.
    assert short_date(dt.datetime(2024, 3, 1, 19, 30), "nl") == "1 mrt 2024"
    assert short_date(dt.date(2024, 5, 15), "en") == "15 May 2024"


def test_a_count_or_median_of_counts_shows_a_decimal_only_where_it_has_one():
    assert count(9.0) == "9" and count(1234.0, "nl") == "1.234"
    assert count(15.5) == "15.5" and count(15.5, "nl") == "15,5"
    assert count(float("nan")) == count(None) == "–"


def test_significant_digits_keep_small_values_and_whole_parts_without_exponents():
    assert [significant(v) for v in (0.00999, 0.32, 4e-05, 26391.4, 0.99999)] == [
        "0.00999",
        "0.32",
        "0.00004",
        "26,391",
        "1",
    ]
    assert significant(0.0467, "nl") == "0,0467" and significant(104000.0, "nl") == "104.000"


def test_spreadsheet_formats_are_number_formats_not_text():
    assert excel_format("count") == "#,##0"
    assert excel_format("share", 2) == "0.00%"
    assert excel_format("euros").startswith('"€" #,##0')
    assert excel_format("number", 2) == "#,##0.00"


def test_scenario_lang_is_optional_and_validated():
    from sim.scenario import ScenarioError, resolve

    assert resolve({"days": 5}, source="x").lang is None
    assert "lang" not in resolve({"days": 5}, source="x").to_toml()  # old folders unchanged
    assert resolve({"days": 5, "lang": "nl"}, source="x").lang == "nl"
    with pytest.raises(ScenarioError, match="lang = 'de'.*one of 'en', 'nl'"):
        resolve({"days": 5, "lang": "de"}, source="x")
