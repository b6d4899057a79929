"""The Dutch words a command prints around its figures: its opening and closing lines, the
count of failed runs, the progress bar and the first run's compiling notice
(:func:`sim.cli.common.said`, :func:`sim.base.i18n.bar_lang`), and what a sensitivity study lists
it would vary (``--list``).

Part of the Dutch catalogue of :mod:`sim.base.i18n`, which merges it into its own and looks every
string up through :func:`sim.base.i18n.tr`; kept apart only so neither file grows too long. The
English text is the key; templates keep their {placeholders}.
"""

from __future__ import annotations

# A table of words laid out by hand (an entry a line or two), not by the formatter.
# fmt: off
TERMINAL_NL: dict[str, str] = {
    # What the commands print around their figures (sim.cli.common.said)
    "{name}: {days} days, {posts} posts, seed {seed}{engine} ({secs} s)":
        "{name}: {days} dagen, {posts} posts, seed {seed}{engine} ({secs} s)",
    ", {engine} engine": ", engine {engine}",
    "{ran} runs now, {skipped} already there": "{ran} runs nu, {skipped} waren er al",
    "{done} of {n} runs done ({skipped} already there, {ran} run now, {failed} failed) in "
    "{secs} s":
        "{done} van {n} runs klaar ({skipped} waren er al, {ran} nu gedraaid, {failed} "
        "mislukt) in {secs} s",
    "results: {path}": "resultaten: {path}",
    "sensitivity {name}: {params} assumptions, {points} design points × {seeds}{arms} = "
    "{runs} runs -> {folder}": "gevoeligheid {name}: {params} aannames, {points} ontwerppunten × "
    "{seeds}{arms} = {runs} runs -> {folder}",
    "explain {name}: channels {channels}: {combinations} combinations × {seeds} × 2 "
    "scenarios = {runs} runs -> {folder}": "verklaring {name}: kanalen {channels}: "
    "{combinations} combinaties × {seeds} × 2 scenario's = {runs} runs -> {folder}",
    " × 2 scenarios": " × 2 scenario's",
    "none": "geen",
    "chart:   {path}": "grafiek:    {path}",
    "{n} run(s) failed: {shown}; tracebacks in {where}; run the same command again to retry "
    "them": "{n} run(s) mislukt: {shown}; de foutmeldingen staan in {where}; geef hetzelfde "
    "commando opnieuw om ze nog eens te proberen",
    # What a study command says it will run (its first line on the terminal)
    "compare {name}: {arms} arms × {seeds} = {runs} runs -> {folder}":
        "vergelijking {name}: {arms} varianten × {seeds} = {runs} runs -> {folder}",
    "sweep {name}: {dims} × {seeds} = {runs} runs -> {folder}":
        "reeks {name}: {dims} × {seeds} = {runs} runs -> {folder}",
    "no grid": "geen rooster",
    "curves {name}: {points} points × {seeds} ({levers}, and bought followers) -> {folder}":
        "curves {name}: {points} punten × {seeds} ({levers}, en gekochte volgers) -> {folder}",
    "plan {name}: {trials} trials × {tune} to tune, then 5 plans × {test} to test -> {folder}":
        "plan {name}: {trials} pogingen × {tune} om af te stemmen, dan 5 plannen × {test} om "
        "te toetsen -> {folder}",
    "worlds {name}: {dims} = {worlds} worlds × {seeds}, {tactic} against {baseline} -> "
    "{folder}": "werelden {name}: {dims} = {worlds} werelden × {seeds}, {tactic} tegenover "
    "{baseline} -> {folder}",
    # What makes a comparison not like for like (sim.studies.comparison.checks), and notes
    "feedsim compare: not like for like: {line}": "feedsim compare: niet gelijk van opzet: {line}",
    "feedsim compare: not like for like: {line}; the arms do not share one audience, so part of "
    "each difference is not the tactic": "feedsim compare: niet gelijk van opzet: {line}; de "
    "varianten delen geen publiek, dus een deel van elk verschil komt niet van de tactiek",
    "feedsim compare: note: {note}": "feedsim compare: let op: {note}",
    "feedsim sweep: note: {note}": "feedsim sweep: let op: {note}",
    "{what} differ ({listed})": "{what} verschillen ({listed})",
    "platforms": "platforms",
    "audience sizes": "publieksgroottes",
    "run lengths": "looptijden",
    "followers at the start": "volgers bij de start",
    "followers on day 0": "volgers op dag 0",
    "{n} users": "{n} gebruikers",
    "{n} days": "{n} dagen",
    ": each seed draws its own audience and luck, so part of the difference is chance; compare "
    "scenario files across many seeds (`feedsim compare A.toml B.toml --seeds 20`) instead":
        ": elke seed trekt een eigen publiek en eigen toeval, dus een deel van het verschil is "
        "toeval; vergelijk liever scenariobestanden over veel seeds (`feedsim compare A.toml "
        "B.toml --seeds 20`)",
    "{label}: {tactic} days after day {last} dropped in this shorter run":
        "{label}: dagen van {tactic} na dag {last} vallen weg in deze kortere run",
    "--set {key} replaces the sweep file's {table} {key} = {value}":
        "--set {key} vervangt {table} {key} = {value} uit het sweepbestand",
    # What `feedsim new` says of the file it wrote, in the scenario's language
    "wrote {path}: {what}": "geschreven: {path}: {what}",
    "  {platform}, {users} users, {followers} followers, {posts} posts a week, {days} days; a "
    "run needs about {size} and takes at most {time}": "  {platform}, {users} gebruikers, "
    "{followers} volgers, {posts} posts per week, {days} dagen; een run vraagt ongeveer {size} "
    "en duurt hooguit {time}",
    "run it:      feedsim run {path}": "uitvoeren:   feedsim run {path}",
    "explore it:  feedsim dashboard {path}": "verkennen:   feedsim dashboard {path}",
    "about {n} days": "ongeveer {n} dagen",
    "about {n} hours": "ongeveer {n} uur",
    "about {n} minutes": "ongeveer {n} minuten",
    "about {n} seconds": "ongeveer {n} seconden",
    # A progress bar's words (its count of failures, what it counts)
    "failed": "mislukt",
    "Compiling the simulation (first run only, about half a minute)…":
        "De simulatie wordt gecompileerd (alleen de eerste keer, ongeveer een halve minuut)…",
    "calibration": "kalibratie",
    "simulations": "simulaties",
    # What `feedsim validate` prints of a file it can run (sim.cli.validate)
    "{path}: ok ({platform}, {days} days, {users:,} users; a run needs about {memory} and takes "
    "at most {time})": "{path}: in orde ({platform}, {days} dagen, {users} gebruikers; een run "
    "vraagt ongeveer {memory} en duurt hooguit {time})",
    # What a run's --set and --days changed, at the end of its description (sim.scenario.labels)
    "(changed for this run: {changes})": "(aangepast voor deze run: {changes})",
    # What `feedsim new --list` prints (sim.cli.new)
    "templates (feedsim new FILE --template NAME); title in English, then Dutch:":
        "templates (feedsim new BESTAND --template NAAM); titel in het Nederlands, daarna in "
        "het Engels:",
    # What `feedsim sensitivity --list` prints (sim.studies.sensitivity.run.Plan.listing)
    "{params} parameters varied ({method}, {points:,} design points × {seeds} seeds{arms} = "
    "{runs:,} runs):": "{params} instellingen gevarieerd ({method}, {points} ontwerppunten × "
    "{seeds} seeds{arms} = {runs} runs):",
    "not varied:": "niet gevarieerd:",
    "structural assumption": "structurele aanname",
    "range named in [sensitivity]": "bereik uit [sensitivity]",
    "named in [sensitivity] only": "alleen genoemd in [sensitivity]",
    "sourced": "met bron",
    "The sources are quoted in English: --list --lang en, docs/sources.md":
        "De bronnen staan in het Engels in --list --lang en en in docs/sources.md",
    # Why a setting is not varied (sim.studies.sensitivity.parameters)
    "excluded in [sensitivity]": "uitgesloten in [sensitivity]",
    "moves only what shares do beyond the simulated population (outside_views, "
    "outside_shares), no figure inside it": "verandert alleen wat delingen buiten de "
    "gesimuleerde populatie doen (outside_views, outside_shares), geen cijfer daarbinnen",
    "set by the structural assumption {key} ({title})":
        "bepaald door de structurele aanname {key} ({title})",
    "a list, not a single number": "een lijst, geen enkel getal",
    "the scenario never posts this content": "het scenario post deze inhoud nooit",
    "its value is 0, so ±{spread} is no range; name one in [sensitivity] ranges":
        "de waarde is 0, dus ±{spread} is geen bereik; geef er een op in [sensitivity] ranges",
    "its range collapses to one value within what it allows ({bounds})":
        "het bereik valt samen tot één waarde binnen wat de sleutel toestaat ({bounds})",
    # What `feedsim presets` prints (sim.present.presets_table)
    "Platform presets (feedsim presets NAME: one in full, with every source)":
        "Platformpresets (feedsim presets NAAM: één volledig, met elke bron)",
    "Hourly activity, 0h to 23h (audience.activity_profile; pk = peak hour):":
        "Activiteit per uur, 0u tot 23u (audience.activity_profile; pk = piekuur):",
    "Sources:": "Bronnen:",
    "A = assumption: no public figure fixes the value (the reason for each: "
    "feedsim presets NAME)": "A = aanname: geen gepubliceerd cijfer legt de waarde vast (de "
    "reden bij elke waarde: feedsim presets NAAM)",
    "(quoted in English, as docs/sources.md gives them)":
        "(aangehaald in het Engels, zoals docs/sources.md ze geeft)",
    "(the sources are quoted in English, as docs/sources.md gives them)":
        "(de bronnen zijn aangehaald in het Engels, zoals docs/sources.md ze geeft)",
    "? = no source given": "? = geen bron opgegeven",
    "(no source given)": "(geen bron opgegeven)",
    # An explanation's gap in a rare count that is noise (sim.studies.explain.report)
    "{figure}: too few to compare ({tactic} with the tactic against {baseline} in the "
    "baseline, medians of {n} runs)": "{figure}: te weinig om te vergelijken ({tactic} met de "
    "tactiek tegen {baseline} in de nulmeting, medianen van {n} runs)",
    # Why a part of an explanation's gap is zero (sim.studies.explain.channels)
    "does not apply: {why}": "telt niet mee: {why}",
    "not examined in this explanation": "niet onderzocht in deze verklaring",
    "both scenarios already score the test per view":
        "beide scenario's scoren de test al per weergave",
    "neither scenario purges within its horizon":
        "geen van beide scenario's schoont op binnen zijn looptijd",
    "discovery is off in both scenarios": "ontdekking staat in beide scenario's uit",
    "neither scenario pays for a tactic": "geen van beide scenario's betaalt voor een tactiek",
    "spending moves net euros only; nothing in a run reads money back":
        "uitgaven veranderen alleen de netto euro's; niets in een run leest geld terug",
}
# fmt: on
