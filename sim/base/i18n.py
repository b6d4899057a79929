"""Words in the reader's language: English (the source text) or Dutch.

Every user-visible string of a chart, table header or report is written in English and passed
through :func:`tr` with the reader's language; the English text is the key of the Dutch
catalogue, so a string without a translation reads in English rather than failing. The charts'
words are kept in :mod:`sim.base.i18n_charts`, what a command prints around its figures in
:mod:`sim.base.i18n_terminal` and what it refuses with in :mod:`sim.base.i18n_errors` and
:mod:`sim.base.i18n_checks`; all are merged into the catalogue here.
"""

from __future__ import annotations

from typing import NamedTuple

from sim.base.i18n_charts import CHARTS_NL
from sim.base.i18n_checks import CHECKS_NL
from sim.base.i18n_errors import ERRORS_NL
from sim.base.i18n_terminal import TERMINAL_NL

LANGS = ("en", "nl")

# The Dutch catalogue: English text -> Dutch. Templates keep their {placeholders}; numbers go
# in already formatted for the language (sim.base.l10n). Grouped by where the words appear.
# A table of words laid out by hand (an entry a line or two), not by the formatter.
# fmt: off
_NL: dict[str, str] = {
    # --- Report: pages, slides and the title page -------------------------------------------
    "Summary": "Samenvatting",
    "Key figures": "Kerncijfers",
    "The key figures give the other {n}.": "De kerncijfers geven de andere {n}.",
    "Assumptions behind the result": "Aannames achter de uitkomst",
    "One simulated run": "Eén gesimuleerde run",
    "Scenarios side by side": "Scenario's naast elkaar",
    "A sweep of settings": "Een reeks instellingen",
    "A what-if saved from the dashboard": "Een wat-als uit het dashboard",
    "The what-if against the scenario as it was":
        "De wat-als tegenover het scenario zoals het was",
    "platform": "platform",
    "days": "dagen",
    "audience (real users)": "publiek (echte gebruikers)",
    "seed": "seed",
    "seeds": "seeds",
    "posts": "posts",
    "scenarios": "scenario's",
    "scenario": "scenario",
    "baseline": "nulmeting",
    "repetitions (seeds)": "herhalingen (seeds)",
    "settings tried": "geprobeerde instellingen",
    "settings": "instellingen",
    "setting": "instelling",
    "setting number": "nummer van de instelling",
    "seeds averaged": "gemiddeld over seeds",
    "run": "run",
    "runs": "runs",
    "summary": "samenvatting",
    "value": "waarde",
    "yes": "ja",
    "no": "nee",
    # --- Report: the summary in plain words ---------------------------------------------------
    "Followers went from {start} to {end}, of whom {real} real people.":
        "Het aantal volgers ging van {start} naar {end}, van wie {real} echte mensen.",
    "{bought} followers were bought; {left} of them are still there at the end.":
        "{bought} volgers waren gekocht; {left} daarvan zijn er aan het eind nog.",
    "A post reached {reach} real people on average, and drew {comments} comments, "
    "{shares} shares and {likes} likes.":
        "Een post bereikte gemiddeld {reach} echte mensen en kreeg {comments} reacties, "
        "{shares} shares en {likes} likes.",
    "Site visits and purchases were worth {value}; the tactics cost {cost}. Net: {net}, a "
    "return of {roi} on the money spent.":
        "Websitebezoeken en aankopen waren {value} waard; de tactieken kostten {cost}. Netto: "
        "{net}, een rendement van {roi} op het bestede geld.",
    "No money was spent on tactics; site visits and purchases were worth {value}.":
        "Er is geen geld aan tactieken besteed; websitebezoeken en aankopen waren {value} waard.",
    # --- Report: key figures ------------------------------------------------------------------
    "key figure": "kerncijfer",
    "what it means": "wat het betekent",
    "no spending": "geen uitgaven",
    "no value yet": "nog geen waarde",
    # --- The what-if charts (dashboard and its slides) -------------------------------------
    "Followers: real (solid), on the profile (dashed)":
        "Volgers: echt (doorgetrokken), op het profiel (gestreept)",
    "as a share of the baseline": "als deel van de nulmeting",
    "band: 90% of the runs": "band: 90% van de runs",
    "thin lines: each run": "dunne lijnen: elke run",
    "economic value minus what the tactics cost": "economische waarde min de kosten van tactieken",
    "cost per engaged real follower": "kosten per betrokken echte volger",
    "tactics cost per real follower who liked, commented or shared":
        "kosten van tactieken per echte volger die liket, reageerde of deelde",
    "return on tactics spend": "rendement op uitgaven aan tactieken",
    "(economic value − cost) ÷ cost; none without spending":
        "(economische waarde − kosten) ÷ kosten; geen zonder uitgaven",
    "real reach per post": "echt bereik per post",
    "real people who saw a post, mean over posts":
        "echte mensen die een post zagen, gemiddeld over posts",
    "conversation": "conversatie",
    "comments per post": "reacties per post",
    "amplification": "versterking",
    "shares per post": "keer gedeeld per post",
    "applause": "applaus",
    "likes per post": "likes per post",
    "economic value": "economische waarde",
    "site visits and purchases, in euros": "websitebezoeken en aankopen, in euro's",
    "followers at the end": "volgers aan het eind",
    "all followers, bought ones included": "alle volgers, gekochte meegeteld",
    "real followers at the end": "echte volgers aan het eind",
    "real people following the brand": "echte mensen die het merk volgen",
    # --- Report: assumptions -----------------------------------------------------------------
    "The assumptions that move each figure most, from the sensitivity study in {where}: each "
    "was varied over its range, with the others varied too.":
        "De aannames die elk cijfer het meest bewegen, uit de gevoeligheidsanalyse in {where}: "
        "elke aanname is over haar bereik gevarieerd, terwijl ook de andere varieerden.",
    "No sensitivity study was found for this result, so these are the values of the "
    "{platform} preset that no public figure fixes (its sources call them assumptions). Run "
    "`feedsim sensitivity` to learn which of them the result rests on.":
        "Voor deze uitkomst is geen gevoeligheidsanalyse gevonden; dit zijn daarom de waarden "
        "van de {platform}-voorinstelling die geen openbaar cijfer vastlegt (de bronnen noemen "
        "ze aannames). Draai `feedsim sensitivity` om te zien op welke de uitkomst rust.",
    "figure": "cijfer",
    "rank": "rang",
    "assumption": "aanname",
    "range": "bereik",
    "raising it": "verhogen ervan",
    "raises the figure": "verhoogt het cijfer",
    "lowers the figure": "verlaagt het cijfer",
    "flips the sign": "slaat het effect om",
    "the tactic's effect on {figure}": "het effect van de tactiek op {figure}",
    "source (as the preset states it)": "bron (zoals de voorinstelling haar noemt)",
    # --- Metric catalogue: labels ------------------------------------------------------------
    "post": "post",
    "day": "dag",
    "post quality": "kwaliteit van de post",
    "content": "inhoud",
    "brand reputation": "reputatie van het merk",
    "followers when posted": "volgers bij plaatsing",
    "followers": "volgers",
    "test sample": "testgroep",
    "test signal": "testsignaal",
    "passed the test": "test gehaald",
    "recommendation stage": "aanbevelingsronde",
    "impressions": "vertoningen",
    "impressions among organic followers": "vertoningen bij organische volgers",
    "impressions among bought followers": "vertoningen bij gekochte volgers",
    "impressions among follow-back followers": "vertoningen bij terugvolgers",
    "impressions among giveaway followers": "vertoningen bij winactievolgers",
    "impressions among non-followers": "vertoningen bij niet-volgers",
    "impressions among followers": "vertoningen bij volgers",
    "pod impressions": "vertoningen bij de pod",
    "seeded impressions": "vertoningen via betaald of personeel delen",
    "recommended impressions": "vertoningen via aanbevelingen",
    "impressions through shares": "vertoningen via delen",
    "share depth": "diepte van delen",
    "diffusion tree size": "omvang van de verspreidingsboom",
    "reshares per share": "doorgedeelde shares per share",
    "structural virality": "structurele viraliteit",
    "impressions beyond the simulated audience": "vertoningen buiten het gesimuleerde publiek",
    "shares beyond the simulated audience": "shares buiten het gesimuleerde publiek",
    "stops": "stops",
    "likes": "likes",
    "comments": "reacties",
    "shares": "shares",
    "likes by real people": "likes van echte mensen",
    "comments by real people": "reacties van echte mensen",
    "new followers won": "nieuwe volgers gewonnen",
    "site visits": "websitebezoeken",
    "purchases": "aankopen",
    "engagement per follower": "betrokkenheid per volger",
    "engagement per impression": "betrokkenheid per vertoning",
    "real reach": "echt bereik",
    "followers from tactics": "volgers uit tactieken",
    "unfollows": "ontvolgd",
    "bought followers delivered": "gekochte volgers geleverd",
    "shares by staff": "shares door personeel",
    "accounts purged": "accounts opgeschoond",
    "likes removed": "likes verwijderd",
    "comments removed": "reacties verwijderd",
    "bought followers discovered": "gekochte volgers ontdekt",
    "restricted by the platform": "beperkt door het platform",
    "account taken over": "account overgenomen",
    "new group members": "nieuwe groepsleden",
    "brand posts seen in the group": "posts van het merk gezien in de groep",
    "group threads": "gesprekken in de groep",
    "group replies": "antwoorden in de groep",
    "paid impressions": "betaalde vertoningen",
    "impressions from shares of paid viewers": "vertoningen via delen door betaalde kijkers",
    "follows from a boost": "volgers uit een boost",
    "visits from a boost": "bezoeken uit een boost",
    "purchases from a boost": "aankopen uit een boost",
    "visits from the group": "bezoeken vanuit de groep",
    "purchases from the group": "aankopen vanuit de groep",
    "followers lost in the what-if": "volgers verloren in het wat-als",
    "comments and shares by the top 1%": "reacties en shares van de actiefste 1%",
    "comments and shares by the top 10%": "reacties en shares van de actiefste 10%",
    "followers (organic)": "volgers (organisch)",
    "followers (bought)": "volgers (gekocht)",
    "followers (follow-back)": "volgers (terugvolgen)",
    "followers (giveaway)": "volgers (winactie)",
    "real followers": "echte volgers",
    "engaged real followers": "betrokken echte volgers",
    "followers' trust": "vertrouwen van volgers",
    "likes on show": "zichtbare likes",
    "comments on show": "zichtbare reacties",
    "tactics cost": "kosten van tactieken",
    "economic value so far": "economische waarde tot nu toe",
    "tactics cost so far": "kosten van tactieken tot nu toe",
    "engagements per post": "interacties per post",
    "revenue minus tactics cost": "opbrengst min kosten van tactieken",
    "engaged real followers at the end": "betrokken echte volgers aan het eind",
    # --- Metric catalogue: units -------------------------------------------------------------
    "index": "volgnummer",
    "0-1": "0-1",
    "attributes": "kenmerken",
    "multiplier": "vermenigvuldiger",
    "weighted reactions per delivery": "gewogen reacties per bezorging",
    "yes/no": "ja/nee",
    "pools": "groepen",
    "people": "mensen",
    "steps": "stappen",
    "nodes": "knopen",
    "visits": "bezoeken",
    "share of followers": "aandeel van volgers",
    "share of impressions": "aandeel van vertoningen",
    "accounts": "accounts",
    "events": "gebeurtenissen",
    "members": "leden",
    "threads": "gesprekken",
    "messages": "berichten",
    "share of comments and shares": "aandeel van reacties en shares",
    "euros": "euro's",
    "euros returned per euro spent": "euro's terug per bestede euro",
    "people (mean over posts)": "mensen (gemiddeld over posts)",
    # --- Charts and dose-response: their words are in sim.base.i18n_charts -----------------
    **CHARTS_NL,
    # --- The dashboard (sim.dashboard, sim.present.charts.whatif) ---------------------------------
    "What-if": "Wat als",
    "Strategy what-if": "Wat als: strategie",
    "Seeds": "Seeds",
    "users": "gebruikers",
    "what-if": "wat als",
    "difference": "verschil",
    "Scenario file": "Scenariobestand",
    "followers_real_end": "echte volgers aan het eind",
    "mean_real_reach_per_post": "echt bereik per post",
    "mean_engagements_per_post": "interacties per post",
    "net_revenue": "nettoresultaat",
    "Buy followers": "Volgers kopen",
    "How many": "Hoeveel",
    "Follow-for-follow": "Follow-for-follow",
    "Giveaway": "Winactie",
    "Influencer": "Influencer",
    "Posts per week": "Posts per week",
    "Rhythm": "Ritme",
    "regular": "regelmatig",
    "erratic": "onregelmatig",
    "Hour": "Uur",
    "Reply to comments": "Reacties beantwoorden",
    "Content mix": "Contentmix",
    "question": "vraag",
    "emotion": "emotie",
    "helpful": "behulpzaam",
    "call_to_action": "oproep tot actie",
    "story": "verhaal",
    "scarcity": "schaarste",
    "Save what-if": "Wat als opslaan",
    "Saved": "Opgeslagen",
    "Simulating": "Bezig met simuleren",
    "Real reach per post": "Echt bereik per post",
    "Kaushik's four metrics": "De vier metrics van Kaushik",
    "Net euros against the baseline": "Netto euro's ten opzichte van de basis",
    "on the profile": "op het profiel",
    "organic": "organisch",
    "follow-back": "terugvolgers",
    "giveaway": "winactie",
    "bought": "gekocht",
    "bought followers": "gekochte volgers",
    "per post": "per post",
    "band: 5-95% of seeds": "band: 5-95% van de seeds",
    "Language": "Taal",
    "All followers (the profile's count)": "Alle volgers (de teller op het profiel)",
    "Real followers (bought accounts left out)": "Echte volgers (gekochte accounts niet meegeteld)",
    # --- Headlines quoting the presented figures (sim.base.presented) -----------------------------
    "bought followers purged": "gekochte volgers opgeschoond",
    "After {period}: ": "Na {period}: ",
    "Real people reached by a typical post over {period}: '{base}' {v}":
        "Echte mensen bereikt door een doorsnee post in {period}: '{base}' {v}",
    "'{arm}' {v} ({c})": "'{arm}' {v} ({c})",
    "{c} {when}": "{c} {when}",
    "(median over {n} days)": "(mediaan over {n} dagen)",
    "'{arm}' {c} comments, {s} shares and {l} likes per post, {v} in economic value":
        "'{arm}' {c} reacties, {s} keer gedeeld en {l} likes per post, {v} aan economische "
        "waarde",
    "Over {period}: ": "In {period}: ",
    "'{arm}' {v} (less money in {k} of {n} {runs})":
        "'{arm}' {v} (minder geld in {k} van de {n} {runs})",
    "'{arm}' {v} (more money in {k} of {n} {runs})":
        "'{arm}' {v} (meer geld in {k} van de {n} {runs})",
    "Net result against '{base}' over {period}: ":
        "Nettoresultaat ten opzichte van '{base}' in {period}: ",
    "Net result against '{base}' (dashed line), €":
        "Nettoresultaat ten opzichte van '{base}' (stippellijn), €",
    "over {period}: {v}": "over de hele periode ({period}): {v}",
    "Real reach of a typical post: {a} people in the first four weeks, {b} in the last four "
    "weeks{change}; {over}":
        "Echt bereik van een doorsnee post: {a} mensen in de eerste vier weken, {b} in de "
        "laatste vier weken{change}; {over}",
    "Real reach of a typical post: {a} people": "Echt bereik van een doorsnee post: {a} mensen",
    "Real reach of a typical post: ": "Echt bereik van een doorsnee post: ",
    "{a} people before day {d}": "{a} mensen vóór dag {d}",
    "{b}{change} {when}": "{b}{change} {when}",
    "{c} after the purge{change}": "{c} na de opschoning{change}",
    "{c} after the tactic ended{change}": "{c} nadat de tactiek stopte{change}",
    # --- Report: verdict, summary, key figures and slides (sim.present.report.text,
    # sim.present.report.story) -
    "{base} against {others}": "{base} tegenover {others}",
    "{base} against {n} other scenarios": "{base} tegenover {n} andere scenario's",
    "Settings compared: {points}": "Instellingen vergeleken: {points}",
    "simulated days": "gesimuleerde dagen",
    "simulated runs per scenario": "gesimuleerde runs per scenario",
    "simulated runs per setting": "gesimuleerde runs per instelling",
    "simulated runs": "gesimuleerde runs",
    "Over {period} the brand published {posts} posts.":
        "In {period} publiceerde het merk {posts} posts.",
    "A typical post reached {reach} real people, and posts drew {comments} comments, "
    "{shares} shares and {likes} likes on average.":
        "Een doorsnee post bereikte {reach} echte mensen; posts kregen gemiddeld {comments} "
        "reacties en {likes} likes en werden {shares} keer gedeeld.",
    "Site visits and purchases were worth {value}; the tactics cost {cost}, a net result of "
    "{net}. Whether that spend paid off shows only against the same brand without the "
    "tactic: a comparison of scenarios.":
        "Websitebezoeken en aankopen waren {value} waard; de tactieken kostten {cost}, een "
        "nettoresultaat van {net}. Of die uitgaven zich terugverdienden, blijkt pas in "
        "vergelijking met hetzelfde merk zonder de tactiek.",
    "{n} {what} side by side, each simulated {seeds} times on the same audience with the same "
    "luck; every figure is the median of those runs.":
        "{n} {what} naast elkaar, elk {seeds} keer gesimuleerd met hetzelfde publiek en "
        "hetzelfde toeval; elk cijfer is de mediaan van die runs.",
    "{group} spent {cost}; return on that spend: {roi}.":
        "{group} gaf {cost} uit; rendement op die uitgaven: {roi}.",
    "Highest net result: {best} ({best_net}); lowest: {worst} ({worst_net}).":
        "Hoogste nettoresultaat: {best} ({best_net}); laagste: {worst} ({worst_net}).",
    "key figure (median of {n} runs; change against the baseline)":
        "kerncijfer (mediaan van {n} runs; verschil met de nulmeting)",
    "what we assumed": "wat we aannamen",
    "why it matters": "waarom het ertoe doet",
    "values assumed": "aangenomen waarden",
    "Other settings": "Overige instellingen",
    "assumptions": "aannames",
    "share of the turns in direction it causes": "aandeel in het omdraaien van de richting",
    "The assumptions that move each figure most, from a sensitivity study: each was varied "
    "over its range, together with the others. The last column says in what share of those "
    "trials the effect turned the other way.":
        "De aannames die elk cijfer het meest bewegen, uit een gevoeligheidsanalyse: elke "
        "aanname is over haar bereik gevarieerd, samen met de andere. De laatste kolom geeft "
        "aan in welk deel van die proeven het effect omsloeg.",
    "For these points no public figure exists, so we made an assumption. No sensitivity "
    "study was run for this result yet: such a study shows which of them the conclusion "
    "depends on. Every value and its source is in the spreadsheet.":
        "Voor deze punten bestaat geen openbaar cijfer, dus hebben we een aanname gedaan. Voor "
        "deze uitkomst is nog geen gevoeligheidsanalyse gedaan: die laat zien van welke "
        "aannames de conclusie afhangt. Elke waarde en de bron ervan staan in het Excelbestand.",
    "low end of the 90% band": "onderkant van de 90%-band",
    "high end of the 90% band": "bovenkant van de 90%-band",
    "extra spend against the baseline": "extra uitgaven ten opzichte van de nulmeting",
    "One simulated run. Dotted lines mark the days a tactic acts and the days the platform "
    "purges bought followers.":
        "Eén gesimuleerde run. Stippellijnen markeren de dagen waarop een tactiek werkt en de "
        "dagen waarop het platform gekochte volgers opschoont.",
    "Each line is the median of {n} simulated runs, every scenario with the same audience and "
    "the same luck in each run; the shaded band holds 90% of the runs. Dotted lines mark the "
    "days a tactic acts and the days the platform purges bought followers.":
        "Elke lijn is de mediaan van {n} gesimuleerde runs, elk scenario met hetzelfde publiek "
        "en hetzelfde toeval in elke run; de gekleurde band bevat 90% van de runs. "
        "Stippellijnen markeren de dagen waarop een tactiek werkt en de dagen waarop het "
        "platform gekochte volgers opschoont.",
    "Followers and real reach over {period}": "Volgers en echt bereik in {period}",
    "Real reach of a typical post: {a} before, {b}{c} {when}":
        "Echt bereik van een doorsnee post: {a} vooraf, {b}{c} {when}",
    "Top: followers by origin, stacked, as the profile shows them. Bottom: every post's real "
    "reach (dots) and the median of the posts around it (line), on a logarithmic scale.":
        "Boven: volgers naar herkomst, gestapeld, zoals het profiel ze toont. Onder: het echte "
        "bereik van elke post (stippen) en de mediaan van de posts eromheen (lijn), op een "
        "logaritmische schaal.",
    "{arm}: {change} real reach per post against {base}":
        "{arm}: {change} echt bereik per post ten opzichte van {base}",
    "Real reach: the real people who saw a post, bought accounts left out. The headline quotes "
    "a typical post over the whole run and over the period the tactic acts.":
        "Echt bereik: de echte mensen die een post zagen, gekochte accounts niet meegeteld. De "
        "kop noemt een doorsnee post over de hele run en over de periode waarin de tactiek "
        "werkt.",
    "{arm} shows {n} followers; {r} of them are real":
        "{arm} toont {n} volgers; {r} daarvan zijn echt",
    "Left: the follower count the profile shows. Right: the real people among them.":
        "Links: het aantal volgers dat het profiel toont. Rechts: de echte mensen daaronder.",
    "{arm}: {net} net against {base} over {period}":
        "{arm}: {net} netto ten opzichte van {base} in {period}",
    "Customers and money": "Klanten en geld",
    "Left: purchases so far. Right: each scenario's economic value minus its spend, against "
    "the baseline in the same run (the dashed line at zero).":
        "Links: aankopen tot nu toe. Rechts: de economische waarde van elk scenario min de "
        "uitgaven, ten opzichte van de nulmeting in dezelfde run (de streepjeslijn op nul).",
    "{arm}: {change} economic value against {base}":
        "{arm}: {change} economische waarde ten opzichte van {base}",
    "Conversation, amplification, applause and economic value":
        "Gesprek, versterking, applaus en economische waarde",
    "Kaushik's four measures of social value: comments, shares and likes per post, and the "
    "euros of site visits and purchases per day.":
        "De vier maatstaven van sociale waarde volgens Kaushik: reacties, delingen en likes per "
        "post, en de opbrengst van websitebezoeken en aankopen per dag, in euro.",
    "Bought followers never react, so they lower the share of followers who engage.":
        "Gekochte volgers reageren nooit, dus verlagen ze het deel van de volgers dat reageert.",
    "What the settings change": "Wat de instellingen veranderen",
    "each figure is the median of {n} simulated runs":
        "elk cijfer is de mediaan van {n} gesimuleerde runs",
    "median": "mediaan",
    "mean of the runs": "gemiddelde van de runs",
    "median of the runs": "mediaan van de runs",
    " (medians of the runs, as drawn)": " (medianen van de runs, zoals getekend)",
    "{label} (median, 90% of runs)": "{label} (mediaan, 90% van de runs)",
    "What {key} changes ({n} runs per value)": "Wat {key} verandert ({n} runs per waarde)",
    "{kx} × {ky} ({n} runs per cell)": "{kx} × {ky} ({n} runs per cel)",
    "Every setting tried": "Alle geprobeerde instellingen",
    "Followers and real reach over time ({n} runs per line)":
        "Volgers en echt bereik in de tijd ({n} runs per lijn)",
    "{k} of {n} grid points drawn, evenly spaced; every point is in the chart of every setting "
    "tried":
        "{k} van de {n} instellingen getekend, gelijk verdeeld; elke instelling staat in de "
        "grafiek met alle geprobeerde instellingen",
    # --- What the commands print around their figures: in sim.base.i18n_terminal ----------
    **TERMINAL_NL,
    # --- What a command refuses with (sim.studies.calibrate): in sim.base.i18n_errors ------
    **ERRORS_NL,
    # --- What a scenario's tables and the resource check refuse with: sim.base.i18n_checks ---
    **CHECKS_NL,
}
# fmt: on


def check_lang(lang: str) -> str:
    """Return ``lang`` if feedsim speaks it, else raise ValueError naming the choices."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: choose one of {', '.join(LANGS)}")
    return lang


def bar_lang(progress: bool | str) -> str | None:
    """The language of a progress bar, or None for no bar: ``progress`` is False (no bar),
    True (a bar in English) or a language code (a bar in that language), as a command's
    ``--lang`` gives it."""
    if not progress:
        return None
    return check_lang(progress) if isinstance(progress, str) else "en"


def tr(text: str, lang: str = "en") -> str:
    """``text`` (English) in ``lang``."""
    if check_lang(lang) == "en":
        return text
    return _NL.get(text, text)


class Said(NamedTuple):
    """A sentence made now and said later in the reader's language: its English template (a
    key of the catalogue, with {placeholders}) and the fields that fill it."""

    template: str
    fields: dict

    def text(self, lang: str = "en") -> str:
        """The sentence in ``lang``. In English the fields fill the template as they are (its
        format specs apply); in another language a field that says itself (a Said, a
        :class:`sim.base.l10n.Count`) is said in that language."""
        if check_lang(lang) == "en":
            return self.template.format(**self.fields)
        fields = {k: v.text(lang) if hasattr(v, "text") else v for k, v in self.fields.items()}
        return tr(self.template, lang).format(**fields)

    def __str__(self) -> str:
        return self.text()


# The endings sim.registry.mark_label puts after a tactic's words, in Dutch.
_MARK_ENDINGS_NL = ((" starts", " begint"), (" ends", " eindigt"), (": draw", ": trekking"))


def mark_words(text: str, lang: str = "en") -> str:
    """A marked day's words (:func:`sim.registry.mark_label`: 'follow-for-follow starts',
    'giveaway: draw') in ``lang``: the tactic's words and the ending each translated."""
    if check_lang(lang) == "en" or text in _NL:
        return tr(text, lang)
    for en, nl in _MARK_ENDINGS_NL:
        if text.endswith(en):
            return tr(text[: -len(en)], lang) + nl
    return tr(text, lang)
