"""A sensitivity study's results as a table and in plain sentences.

``sensitivity.csv`` holds one row per parameter and metric: the parameter's range and source, its
indices, its rank, and the metric's figures repeated on each row (the mean of the quantity over
the design points, how many points there are and how many give the opposite sign). Sentences and
charts are written from that table alone, so a finished study can be re-read and redrawn.

A leaf of the sensitivity package: pandas and the metric catalogue only, no engine, so charts can
read a study's folder with it.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from sim.base import metrics
from sim.base.l10n import figure_value

TABLE_FILE, SUMMARY_FILE, PLAN_FILE = "sensitivity.csv", "sensitivity.md", "sensitivity.toml"
TOP = 3  # assumptions named per metric


def quantity_label(metric: str, scenario: str, baseline: str | None) -> str:
    """'real reach per post' or 'effect on real reach per post (bought − organic)'."""
    label = metrics.label(metric)
    return f"effect on {label} ({scenario} − {baseline})" if baseline else label


def value_text(metric: str, v: float, sign: bool = False) -> str:
    """A value of ``metric`` in English, by the formatter every surface uses
    (:func:`sim.base.l10n.figure_value`): '2.41%', '€1,200', '3,400', '0.42'."""
    return figure_value(metric, v, "en", sign)


# The alternatives of a structural choice (the ``choices`` column) in words.
CHOICE_WORDS = {
    "per_delivery": ("per delivery", "per aflevering"),
    "per_view": ("per view", "per weergave"),
    "absent": ("never open the app", "openen de app nooit"),
    "scroll": ("scroll without reacting", "scrollen zonder te reageren"),
    "react": ("react like real fans", "reageren als echte fans"),
    "on": ("found out", "komt uit"),
    "off": ("never found out", "komt nooit uit"),
    "waves": ("in waves", "in golven"),
    "continuous": ("a few every day", "elke dag een paar"),
    "none": ("never", "nooit"),
}


def choice_words(choices: str, lang: str = "en") -> str:
    """A structural choice's alternatives in words: 'per_delivery / per_view' -> 'per delivery
    or per view' ('per aflevering of per weergave')."""
    names = [c.strip() for c in str(choices).split("/") if c.strip()]
    said = [
        CHOICE_WORDS.get(n, (n.replace("_", " "),) * 2)[1 if lang == "nl" else 0] for n in names
    ]
    joiner = " of " if lang == "nl" else " or "
    return ", ".join(said[:-1]) + joiner + said[-1] if len(said) > 1 else "".join(said)


def plain_label(label: str) -> str:
    """A parameter's label without a formula: 'rises with …: r**k / for a score r' -> 'rises
    with …' (a formula is no words for a chart or a client)."""
    import re

    text = re.split(r":\s*[^:]*[*/=^]", str(label))[0].strip()
    return text or str(label)


# What each varied number is, in a client's words: a chart or a table names a setting by these,
# never by its technical description (which `feedsim sensitivity --list` shows with its source).
LABELS_EN = {
    "discovery.rate": "how fast the audience finds out about a purchase",
    "discovery.w_fakes": "weight of the share of fake followers in finding out",
    "discovery.w_jump": "weight of a sudden jump in followers",
    "discovery.w_weak": "weight of weak engagement in finding out",
    "discovery.expected_engagement": "engagement per follower the audience expects",
    "discovery.trust_drop": "trust followers lose when they find out",
    "discovery.public_trust_drop": "trust others lose by word of mouth",
    "discovery.recovery": "how fast lost trust comes back",
    "discovery.cooldown": "days until the next time it is found out",
    "feed.test_window_hours": "hours in which the first reactions are judged",
    "feed.test_fraction": "share of followers who see a post first",
    "feed.test_min": "smallest test group",
    "feed.test_threshold": "bar a post must clear in its first test",
    "feed.test_steepness": "how sharp the first test's bar is",
    "feed.passed_reach": "reach among followers after a passed test",
    "feed.demoted_reach": "reach among followers after a failed test",
    "feed.explore_threshold": "bar for reaching beyond the followers",
    "feed.explore_steepness": "how sharp the bar for recommendations is",
    "feed.explore_views": "views the recommendation pools are measured against",
    "feed.explore_scaling": "how the recommendation pools grow with a post's views",
    "feed.explore_max_share": "largest share of the audience one recommendation reaches",
    "feed.explore_spread": "how much the recommendation pools differ between posts",
    "feed.signal_weights.dwell": "weight of lingering in the test",
    "feed.signal_weights.like": "weight of a like in the test",
    "feed.signal_weights.comment": "weight of a comment in the test",
    "feed.signal_weights.share": "weight of a share in the test",
    "feed.social_proof_cap": "how much visible likes bring further likes",
    "feed.friend_proof": "how much friends' likes count",
    "behaviour.activity_mean": "how often people open the app",
    "behaviour.activity_spread": "how differently people open the app",
    "behaviour.dwell": "chance someone lingers on a post",
    "behaviour.like": "chance of a like",
    "behaviour.comment": "chance of a comment",
    "behaviour.share": "chance of a share",
    "behaviour.follow": "chance a non-follower follows",
    "behaviour.visit": "chance of a site visit or sign-up",
    "behaviour.unfollow": "chance an uninterested follower unfollows",
    "behaviour.forget": "how fast people forget a brand",
    "behaviour.forget_after": "days of silence before followers start to forget",
    "behaviour.distrust_unfollow": "chance a follower who feels cheated leaves",
    "brand.visit_value": "value of a site visit",
    "audience.users": "size of the simulated audience",
    "audience.niche_interest": "the audience's interest in the subject",
    "audience.other_interest": "interest of the rest of the audience",
    "audience.mean_follows": "accounts a user follows",
    "audience.popularity_tail": "how unevenly followers are spread over accounts",
    "audience.communities": "number of groups in the audience",
    "audience.homophily": "share of follows within one's own group",
    "audience.niche_share": "share of groups interested in the subject",
    "close_ties.count": "followers the owner knows personally",
    "close_ties.interest": "those acquaintances' interest in the posts",
    "audience.reciprocity": "chance a follow is returned",
    "behaviour.purchase": "chance a visitor buys",
    "effects.max_boost": "largest lift content can give",
    "fit.call_to_action": "how well a call to action suits the audience",
    "fit.emotion": "how well emotion suits the audience",
    "fit.helpful": "how well helpful content suits the audience",
    "fit.humour": "how well humour suits the audience",
    "fit.news": "how well news suits the audience",
    "fit.personal_note": "how well a personal note suits the audience",
    "fit.question": "how well a question suits the audience",
    "fit.story": "how well a story suits the audience",
    "fit.scarcity": "how well scarcity suits the audience",
    "participation.spread": "how unequally people speak up",
    "purge.every_days": "days between purges",
    "purge.daily_rate": "daily share of fakes removed",
    "strategies.community.hourly_rate": "hourly rate of community management",
    "strategies.community.hours_per_week": "hours a week spent managing the group",
    "strategies.community.join": "chance an invited follower joins the group",
    "strategies.community.learn": "how much writers learn from being answered",
    "strategies.community.motivation": "a new member's motivation to write",
    "strategies.community.reply_share": "share of members' messages the brand answers",
    "strategies.community.start": "chance a member starts a conversation",
    "strategies.community.talk": "how much likelier a reply in the group is than a comment",
    "strategies.community.thread_quality": "relevance of the brand's conversations",
    "strategies.community.threads_per_week": "conversations the brand starts a week",
    "strategies.community.watch": "how much readers follow a lively group",
    "strategies.employee_advocacy.bare_link_notice": "chance a bare link is noticed",
    "strategies.employee_advocacy.followers": "followers of each employee",
    "strategies.employee_advocacy.hourly_rate": "hourly rate of staff time",
    "strategies.employee_advocacy.minutes_per_share": "staff minutes per share",
    "strategies.employee_advocacy.notice": "chance a share with a personal note is noticed",
    "strategies.employee_advocacy.share_chance": "chance an employee shares as part of the job",
    "strategies.employee_advocacy.voluntary_share": "chance an employee shares of their own accord",
    "strategies.giveaway.attention": "entrants' attention to the brand's posts",
    "strategies.giveaway.churn_after_draw": "share of entrants who leave after the draw",
    "strategies.giveaway.prize_cost": "cost of the prize",
    "strategies.influencer.fee": "influencer's fee per share",
    "unique_value.distinctness": "chance the offer is new to a user",
    "unique_value.redundant": "pull of an offer a user gets elsewhere too",
    "vendor_risk.restrict_chance": "chance a purchase gets the account restricted",
    "vendor_risk.restrict_days": "days a restriction lasts",
    "vendor_risk.restricted_reach": "reach among followers while restricted",
    "vendor_risk.takeover_chance": "chance a purchase ends in a lost account",
    "vendor_risk.takeover_days": "days until the account is back",
    "vendor_risk.takeover_trust_drop": "trust lost over posts made in the brand's name",
}
LABELS_NL = {
    "discovery.rate": "hoe snel het publiek een aankoop ontdekt",
    "discovery.w_fakes": "gewicht van het aandeel nepvolgers bij ontdekking",
    "discovery.w_jump": "gewicht van een plotselinge sprong in volgers",
    "discovery.w_weak": "gewicht van zwakke betrokkenheid bij ontdekking",
    "discovery.expected_engagement": "betrokkenheid per volger die het publiek verwacht",
    "discovery.trust_drop": "vertrouwen dat volgers verliezen als ze het ontdekken",
    "discovery.public_trust_drop": "vertrouwen dat anderen verliezen via mond-tot-mond",
    "discovery.recovery": "hoe snel verloren vertrouwen terugkomt",
    "discovery.cooldown": "dagen tot een volgende ontdekking",
    "feed.test_window_hours": "uren waarin de eerste reacties worden beoordeeld",
    "feed.test_fraction": "deel van de volgers dat een post eerst te zien krijgt",
    "feed.test_min": "kleinste testgroep",
    "feed.test_threshold": "lat die een post in de eerste test moet halen",
    "feed.test_steepness": "hoe scherp de lat van de eerste test is",
    "feed.passed_reach": "bereik onder volgers na een geslaagde test",
    "feed.demoted_reach": "bereik onder volgers na een mislukte test",
    "feed.explore_threshold": "lat om buiten de volgers te komen",
    "feed.explore_steepness": "hoe scherp de lat voor aanbevelingen is",
    "feed.explore_views": "weergaven waarop de aanbevelingsgroepen zijn afgemeten",
    "feed.explore_scaling": "hoe de aanbevelingsgroepen meegroeien",
    "feed.explore_max_share": "grootste deel van het publiek dat één aanbeveling bereikt",
    "feed.explore_spread": "hoe verschillend de aanbevelingsgroepen per post uitvallen",
    "feed.signal_weights.dwell": "gewicht van blijven hangen in de test",
    "feed.signal_weights.like": "gewicht van een like in de test",
    "feed.signal_weights.comment": "gewicht van een reactie in de test",
    "feed.signal_weights.share": "gewicht van een deling in de test",
    "feed.social_proof_cap": "hoeveel zichtbare likes extra likes opleveren",
    "feed.friend_proof": "hoeveel likes van vrienden meetellen",
    "behaviour.activity_mean": "hoe vaak mensen de app openen",
    "behaviour.activity_spread": "hoe verschillend mensen de app openen",
    "behaviour.dwell": "kans dat iemand blijft hangen bij een post",
    "behaviour.like": "kans op een like",
    "behaviour.comment": "kans op een reactie",
    "behaviour.share": "kans op een deling",
    "behaviour.follow": "kans dat een niet-volger gaat volgen",
    "behaviour.visit": "kans op een websitebezoek of aanmelding",
    "behaviour.unfollow": "kans dat een ongeïnteresseerde volger ontvolgt",
    "behaviour.forget": "hoe snel mensen een merk vergeten",
    "behaviour.forget_after": "dagen stilte voordat volgers gaan vergeten",
    "behaviour.distrust_unfollow": "kans dat een volger die zich bedrogen voelt vertrekt",
    "brand.visit_value": "waarde van een websitebezoek",
    "audience.users": "omvang van het gesimuleerde publiek",
    "audience.niche_interest": "interesse van het publiek in het onderwerp",
    "audience.other_interest": "interesse van de rest van het publiek",
    "audience.mean_follows": "accounts die een gebruiker volgt",
    "audience.popularity_tail": "hoe ongelijk volgers over accounts verdeeld zijn",
    "audience.communities": "aantal groepen in het publiek",
    "audience.homophily": "deel van de volgrelaties binnen de eigen groep",
    "audience.niche_share": "deel van de groepen met interesse in het onderwerp",
    "close_ties.count": "volgers die de eigenaar persoonlijk kent",
    "close_ties.interest": "interesse van die bekenden in de posts",
    "audience.reciprocity": "kans dat een volger wordt teruggevolgd",
    "behaviour.purchase": "kans dat een bezoeker koopt",
    "effects.max_boost": "grootste extra effect van de inhoud",
    "fit.call_to_action": "hoe goed een oproep tot actie bij het publiek past",
    "fit.emotion": "hoe goed emotie bij het publiek past",
    "fit.helpful": "hoe goed nuttige inhoud bij het publiek past",
    "fit.humour": "hoe goed humor bij het publiek past",
    "fit.news": "hoe goed nieuws bij het publiek past",
    "fit.personal_note": "hoe goed een persoonlijke noot bij het publiek past",
    "fit.question": "hoe goed een vraag bij het publiek past",
    "fit.story": "hoe goed een verhaal bij het publiek past",
    "fit.scarcity": "hoe goed schaarste bij het publiek past",
    "participation.spread": "hoe ongelijk mensen zich laten horen",
    "purge.every_days": "dagen tussen twee opschoningen",
    "purge.daily_rate": "deel van de nepaccounts dat per dag verdwijnt",
    "strategies.community.hourly_rate": "uurtarief van het groepsbeheer",
    "strategies.community.hours_per_week": "uren per week voor het beheer van de groep",
    "strategies.community.join": "kans dat een uitgenodigde volger lid wordt",
    "strategies.community.learn": "hoeveel schrijvers leren van een antwoord",
    "strategies.community.motivation": "zin van een nieuw lid om te schrijven",
    "strategies.community.reply_share": "deel van de berichten van leden dat het merk beantwoordt",
    "strategies.community.start": "kans dat een lid een gesprek begint",
    "strategies.community.talk": "hoeveel vaker iemand in de groep reageert dan onder een post",
    "strategies.community.thread_quality": "relevantie van de gesprekken van het merk",
    "strategies.community.threads_per_week": "gesprekken die het merk per week begint",
    "strategies.community.watch": "hoeveel lezers meegaan met een levendige groep",
    "strategies.employee_advocacy.bare_link_notice": "kans dat een kale link opvalt",
    "strategies.employee_advocacy.followers": "volgers per medewerker",
    "strategies.employee_advocacy.hourly_rate": "uurtarief van medewerkers",
    "strategies.employee_advocacy.minutes_per_share": "minuten per deling door een medewerker",
    "strategies.employee_advocacy.notice": "kans dat een deling met persoonlijke noot opvalt",
    "strategies.employee_advocacy.share_chance": "kans dat een medewerker deelt als taak",
    "strategies.employee_advocacy.voluntary_share": "kans dat een medewerker uit zichzelf deelt",
    "strategies.giveaway.attention": "aandacht van deelnemers voor de posts van het merk",
    "strategies.giveaway.churn_after_draw": "deel van de deelnemers dat na de trekking vertrekt",
    "strategies.giveaway.prize_cost": "kosten van de prijs",
    "strategies.influencer.fee": "vergoeding van de influencer per deling",
    "unique_value.distinctness": "kans dat het aanbod nieuw is voor iemand",
    "unique_value.redundant": "aantrekkingskracht van een aanbod dat iemand ook elders krijgt",
    "vendor_risk.restrict_chance": "kans dat een aankoop het account laat beperken",
    "vendor_risk.restrict_days": "dagen dat een beperking duurt",
    "vendor_risk.restricted_reach": "bereik onder volgers tijdens een beperking",
    "vendor_risk.takeover_chance": "kans dat een aankoop het account kost",
    "vendor_risk.takeover_days": "dagen tot het account terug is",
    "vendor_risk.takeover_trust_drop": "vertrouwen verloren door posts uit naam van het merk",
}


def assumption_words(key: str, label: str, lang: str = "en") -> str:
    """A varied assumption in plain words: a structural choice's title from its catalogue, else
    its words in :data:`LABELS_EN` or :data:`LABELS_NL`; failing those, the study's label
    without a formula (English) or the kind of setting it is (Dutch)."""
    from sim.scenario.assumptions import BY_KEY

    if key in BY_KEY:
        return BY_KEY[key].title_nl if lang == "nl" else BY_KEY[key].title
    if lang != "nl":
        return LABELS_EN.get(key) or plain_label(label)
    if key in LABELS_NL:
        return LABELS_NL[key]
    kinds = {
        "feed": "een instelling van de feed",
        "behaviour": "een gedragskans",
        "discovery": "een instelling van de ontdekking",
        "audience": "een kenmerk van het publiek",
        "strategies": "een instelling van de tactiek",
        "purge": "een instelling van de opschoning",
    }
    return kinds.get(key.split(".")[0], "een andere aanname")


def range_text(
    low: float, high: float, integer: bool = False, choices: str = "", lang: str = "en"
) -> str:
    """'0.0085–0.0255', '90–270', or a structural choice's alternatives ('per delivery or per
    view'), in ``lang``: the one way every page (terminal, tornado, report) writes a range."""
    if isinstance(choices, str) and choices:
        return choice_words(choices, lang)
    from sim.base.l10n import number, significant

    if integer:
        return f"{number(low, lang)}–{number(high, lang)}"
    # Three significant digits and never an exponent ('25,000', not '2.5e+04').
    return f"{significant(low, lang)}–{significant(high, lang)}"


def metric_table(
    metric: str,
    quantity: str,
    params,
    ind: pd.DataFrame,
    Y: np.ndarray,
    Y_se: np.ndarray,
    flip: np.ndarray,
    method: str,
) -> pd.DataFrame:
    """The rows of one metric, ranked by influence (1 = most).

    Args:
        metric: the run figure's name.
        quantity: what was measured, in words (:func:`quantity_label`).
        params: the varied parameters, in design column order.
        ind: :func:`sim.studies.sensitivity.design.indices` for this metric.
        Y: the quantity per design point (mean over seeds).
        Y_se: its standard error over seeds per point (0 with one seed).
        flip: :func:`sim.studies.sensitivity.design.flip_shares` for this metric.
        method: ``"morris"`` or ``"sobol"``.
    """
    mean = float(np.mean(Y))
    sign = np.sign(mean)
    opposite = (np.sign(Y) == -sign) if sign != 0 else np.zeros(len(Y), dtype=bool)
    clear = opposite & (np.abs(Y) > 2 * Y_se)
    table = pd.DataFrame(
        {
            "metric": metric,
            "quantity": quantity,
            "method": method,
            "key": [p.key for p in params],
            "label": [p.label for p in params],
            "value": [p.value for p in params],
            "low": [p.low for p in params],
            "high": [p.high for p in params],
            "integer": [p.integer for p in params],
            "source": [p.source for p in params],
            "choices": [" / ".join(getattr(p, "choices", ())) for p in params],
        }
    )
    for col in ind.columns:
        if col != "key":
            table[col] = ind[col].to_numpy()
    table["flip_share"] = flip
    table["mean"] = mean
    table["points"] = len(Y)
    table["opposite_points"] = int(opposite.sum())
    table["opposite_clear_points"] = int(clear.sum())
    table = table.sort_values("influence", ascending=False, kind="stable").reset_index(drop=True)
    table.insert(3, "rank", np.arange(1, len(table) + 1))
    return table


def _sign_words(quantity: str, v: float) -> str:
    effect = quantity.startswith("effect on")
    if v > 0:
        return "a rise" if effect else "a value above zero"
    return "a fall" if effect else "a value below zero"


def _names(rows: pd.DataFrame) -> str:
    names = [
        f"{r.label} ({r.key}, "
        f"{range_text(r.low, r.high, bool(r.integer), getattr(r, 'choices', ''))})"
        for r in rows.itertuples()
    ]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def sentences(table: pd.DataFrame, seeds: int | None = None) -> list[str]:
    """The plain sentences for one metric's rows of ``sensitivity.csv``.

    The first names the mean and the three assumptions the figure depends on most; the second
    says whether the sign of the mean flips anywhere inside the ranges, and if so on what share
    of the design points and with moves of which parameters.
    """
    t = table.sort_values("rank")
    first = t.iloc[0]
    metric, quantity = first["metric"], first["quantity"]
    mean, n = float(first["mean"]), int(first["points"])
    effect = quantity.startswith("effect on")  # a change has a sign; a level is just a level
    seeds_text = f", {seeds} seed{'s' if seeds != 1 else ''} each" if seeds else ""
    top = t[t["influence"] > 0].head(TOP)
    m = metrics.lookup(metric)
    # 'people (mean over posts)' -> 'people': the sentence already says it is a mean.
    unit = f" {m.unit.split(' (')[0]}" if m and m.fmt not in ("share", "euros") and m.unit else ""
    head = (
        f"{quantity[:1].upper() + quantity[1:]}: {value_text(metric, mean, sign=effect)}{unit} "
        f"on average over {n:,} design points{seeds_text}."
    )
    if top.empty:
        head += " No assumption moves it inside its range."
    else:
        head += f" It depends most on {_names(top)}."
    out = [head]
    if mean == 0:
        out.append("On average it does not move, so it has no sign to keep.")
        return out
    opp, clear = int(first["opposite_points"]), int(first["opposite_clear_points"])
    usual, other = _sign_words(quantity, mean), _sign_words(quantity, -mean)
    if opp == 0 and not effect:  # a level: where it lies, not a direction
        out.append(f"It stays {'above' if mean > 0 else 'below'} zero at every design point.")
        return out
    if opp == 0:
        out.append(f"Its sign holds inside the ranges: every design point shows {usual}.")
        return out
    drivers = t[t["flip_share"] > 0].sort_values("flip_share", ascending=False).head(TOP)
    parts = [f"{r.label} ({r.key}, {r.flip_share:.0%})" for r in drivers.itertuples()]
    how = (
        "the design steps that carry it across zero move"
        if first["method"] == "morris"
        else "the opposite sign goes most with"
    )
    text = (
        f"Its sign flips inside the ranges: {opp / n:.0%} of design points ({opp:,} of "
        f"{n:,}) show {other} instead of {usual}"
    )
    text += (
        f", {clear:,} of them by more than two standard errors of the seed mean"
        if seeds and seeds > 1
        else ""
    )
    if parts:
        listed = parts[0] if len(parts) == 1 else "; ".join(parts[:-1]) + "; and " + parts[-1]
        text += f"; {how} {listed}"
    out.append(text + ".")
    return out


def summary_markdown(
    table: pd.DataFrame, title: str, seeds: int | None, charts: dict[str, str] | None = None
) -> str:
    """``sensitivity.md``: the sentences per metric, then the top parameters in a small table."""
    lines = [f"# {title}", ""]
    for metric, rows in table.groupby("metric", sort=False):
        q = rows["quantity"].iloc[0]
        lines += [f"## {q[:1].upper() + q[1:]}", "", *sentences(rows, seeds), ""]
        if charts and metric in charts:
            lines += [f"![tornado]({charts[metric]})", ""]
        index = "μ*" if rows["method"].iloc[0] == "morris" else "total index"
        lines += [
            f"| rank | assumption | range | {index} | pushes it | source |",
            "|---|---|---|---|---|---|",
        ]
        for r in rows.sort_values("rank").head(10).itertuples():
            way = "up" if r.mu > 0 else ("down" if r.mu < 0 else "—")
            idx = value_text(metric, r.influence) if r.method == "morris" else f"{r.influence:.2f}"
            lines.append(
                f"| {r.rank} | {r.label} (`{r.key}`) | "
                f"{range_text(r.low, r.high, bool(r.integer), getattr(r, 'choices', ''))}"
                f" | {idx} | {way} | "
                f"{str(r.source).replace('|', '/')} |"
            )
        lines.append("")
    return "\n".join(lines)


def read_table(folder: str | Path) -> pd.DataFrame:
    """A study folder's ``sensitivity.csv``.

    Raises:
        FileNotFoundError: the folder holds no finished study.
    """
    from sim.base.safe_io import read_study_table

    return read_study_table(folder, TABLE_FILE, "sensitivity study")


def is_sensitivity_folder(folder: str | Path) -> bool:
    """Whether ``folder`` holds a sensitivity study (its ``sensitivity.toml``)."""
    return (Path(folder) / PLAN_FILE).exists()
