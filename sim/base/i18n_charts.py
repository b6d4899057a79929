"""The Dutch words of the charts: headlines, titles, axes, legends and notes, and the
dose-response sentences.

Part of the Dutch catalogue of :mod:`sim.base.i18n`, which merges it into its own and looks every
string up through :func:`sim.base.i18n.tr`; kept apart only so neither file grows too long. The
English text is the key; templates keep their {placeholders}.
"""

from __future__ import annotations

# A table of words laid out by hand (an entry a line or two), not by the formatter.
# fmt: off
CHARTS_NL: dict[str, str] = {
    # --- Charts: headlines, titles, notes (sim.present.charts) ------------------------------------
    "'{arm}' shows {n} followers ({r} real)": "'{arm}' toont {n} volgers ({r} echt)",
    "'{base}': {v}.": "'{base}': {v}.",
    "'{lb}' {n} ({real} real)": "'{lb}' {n} ({real} echt)",
    "Economic value in the last four weeks, before any tactic's cost (the money chart subtracts "
    "it): highest '{best}' {b} a day, lowest '{worst}' {w}.":
        "Economische waarde in de laatste vier weken, vóór de kosten van tactieken (de "
        "geldgrafiek trekt die af): hoogst '{best}' {b} per dag, laagst '{worst}' {w}.",
    "Extra revenue minus cost against '{base}', by day {d}: '{arm}' {v}.":
        "Extra opbrengst min kosten tegenover '{base}', tot dag {d}: '{arm}' {v}.",
    "Extra revenue minus cost against '{base}', by day {d}: best '{best}' {b}; worst '{worst}' "
    "{w}.":
        "Extra opbrengst min kosten tegenover '{base}', tot dag {d}: best '{best}' {b}; "
        "slechtst '{worst}' {w}.",
    "Extra revenue minus cost vs '{base}' (dashed), €":
        "Extra opbrengst min kosten tegenover '{base}' (gestippeld), €",
    "Followers (solid: the profile's count; dashed: real followers)":
        "Volgers (doorgetrokken: de teller op het profiel; gestippeld: echte volgers)",
    "From day {since} on: '{base}' {v}.": "Vanaf dag {since}: '{base}' {v}.",
    "From day {since} on: '{base}' {v}; '{arm}' {av}{ar}.":
        "Vanaf dag {since}: '{base}' {v}; '{arm}' {av}{ar}.",
    "From day {since} on: '{base}' {v}; lowest '{lo}' {lv}{lr}; highest '{hi}' {hv}{hr}.":
        "Vanaf dag {since}: '{base}' {v}; laagst '{lo}' {lv}{lr}; hoogst '{hi}' {hv}{hr}.",
    "μ*: mean absolute change across the parameter's range":
        "μ*: gemiddelde absolute verandering over het bereik van de parameter",
    "a choice between alternatives": "een keuze tussen alternatieven",
    "mean change of the figure across the assumption's range":
        "gemiddelde verandering van het cijfer over het bereik van de aanname",
    "one assumption at 0.5x or 1.5x, or a structural alternative":
        "één aanname op 0,5x of 1,5x, of een structureel alternatief",
    " (logarithmic scale)": " (logaritmische schaal)",
    " (mean of the runs; band: 90% of runs)": " (gemiddelde van de runs; band: 90% van de runs)",
    " (means of the runs, as drawn)": " (gemiddelden van de runs, zoals getekend)",
    "(median of the posts within ±7 days)": "(mediaan van de posts binnen ±7 dagen)",
    "90% of runs": "90% van de runs",
    "; {n} design points ({method})": "; {n} ontwerppunten ({method})",
    "Follower count: what the profile shows, and who is real":
        "Aantal volgers: wat het profiel toont, en wie echt is",
    "Followers at the end of each run: ": "Volgers aan het eind van elke run: ",
    "Followers by origin (what the profile shows, stacked)":
        "Volgers naar herkomst (wat het profiel toont, gestapeld)",
    "Followers {a} → {b}": "Volgers {a} → {b}",
    "Followers, all origins (mean of the runs; band: 90% of runs)":
        "Volgers, alle herkomsten (gemiddelde van de runs; band: 90% van de runs)",
    "From {key} = {a} to {b}: ": "Van {key} = {a} naar {b}: ",
    "Lines: the median of {n} simulated runs per arm (each run gives every arm the same "
    "audience and the same luck); bands: 90% of runs.":
        "Lijnen: de mediaan van {n} gesimuleerde runs per variant (elke run geeft elke variant "
        "hetzelfde publiek en hetzelfde toeval); banden: 90% van de runs.",
    "Median real reach per post: {a} people {w1}, {b} {w2}{change}":
        "Mediaan echt bereik per post: {a} mensen {w1}, {b} {w2}{change}",
    "Median real reach per post: {a} people": "Mediaan echt bereik per post: {a} mensen",
    "Not like for like: ": "Niet gelijk van opzet: ",
    "On day {d}: ": "Op dag {d}: ",
    "Purchases so far": "Aankopen tot nu toe",
    "Runs overlaid: {title}": "Runs over elkaar: {title}",
    "Social value: conversation, amplification, applause and economic value":
        "Sociale waarde: gesprek, versterking, applaus en economische waarde",
    "\n(logarithmic scale)": "\n(logaritmische schaal)",
    "dashed: real followers only": "gestippeld: alleen echte volgers",
    "mean": "gemiddelde",
    "median of the posts within ±{h} days": "mediaan van de posts binnen ±{h} dagen",
    "most {label} at {kx} = {x}, {ky} = {y} ({v})":
        "meeste {label} bij {kx} = {x}, {ky} = {y} ({v})",
    "{a} against {b}": "{a} tegenover {b}",
    "{k} of {n} grid points drawn, evenly spaced; every point is in sweep_points and summary.csv":
        "{k} van {n} roosterpunten getekend, gelijk verdeeld; elk punt staat in sweep_points en "
        "summary.csv",
    "{label} (mean, 90% of runs)": "{label} (gemiddelde, 90% van de runs)",
    "{label} ({unit}, mean of the runs)": "{label} ({unit}, gemiddelde van de runs)",
    "{label}, {unit}\n(logarithmic scale)": "{label}, {unit}\n(logaritmische schaal)",
    "{name}: every grid point": "{name}: elk roosterpunt",
    "{name}: followers and real reach over time ({n} runs per line)":
        "{name}: volgers en echt bereik in de tijd ({n} runs per lijn)",
    "{name}: what {key} changes ({n} runs per value)":
        "{name}: wat {key} verandert ({n} runs per waarde)",
    "{name}: {kx} × {ky} ({n} runs per cell)": "{name}: {kx} × {ky} ({n} runs per cel)",
    "{n} real people per post": "{n} echte mensen per post",
    "{n} real": "{n} echt",
    "{n} bought": "{n} gekocht",
    "{n} follow-backs": "{n} terugvolgers",
    "{n} giveaway entrants": "{n} deelnemers aan de winactie",
    "{platform} · {users} users · {days} days · seed {seed}":
        "{platform} · {users} gebruikers · {days} dagen · toevalsreeks {seed}",
    "{p} of followers engage": "{p} van de volgers reageert",
    "{what} in the last four weeks (mean of the runs, as drawn): highest at {best} ({b}), "
    "lowest at {worst} ({w})":
        "{what} in de laatste vier weken (gemiddelde van de runs, zoals getekend): hoogst bij "
        "{best} ({b}), laagst bij {worst} ({w})",
    "{what} in the last four weeks: {v}": "{what} in de laatste vier weken: {v}",
    "{what}: {unit}{per_day} ({window}-day mean)":
        "{what}: {unit}{per_day} (gemiddelde over {window} dagen)",
    " per day": " per dag",
    # --- Dose-response ------------------------------------------------------------------------
    "rises": "stijgt",
    "falls": "daalt",
    "does not change": "verandert niet",
    "flat": "vlak",
    "steadily": "gestaag",
    "not steadily (it turns)": "niet gestaag (de lijn keert)",
    "and turns": "en keert",
    "{label} {way} from {a} to {b} as the dose goes from {d0} to {d1}; {shape}, "
    "its largest step {step} of the whole change":
        "{label} {way} van {a} naar {b} als de dosis van {d0} naar {d1} gaat; {shape}, "
        "de grootste stap {step} van de hele verandering",
    "; the direction holds with each of {n} parameter(s) at 0.5x and 1.5x":
        "; de richting blijft bij elk van {n} parameter(s) op 0,5x en 1,5x",
    "; the direction flips with {names}": "; de richting keert bij {names}",
    "direction holds in every variant": "richting blijft in elke variant",
    "direction flips in {n} variant(s)": "richting keert in {n} variant(en)",
    "{label}: {way} {shape}; largest step {step}; {held}":
        "{label}: {way} {shape}; grootste stap {step}; {held}",
    "followers bought": "gekochte volgers",
    "preset values (median over seeds)": "presetwaarden (mediaan over seeds)",
    "one assumption at 0.5x or 1.5x its preset value":
        "één aanname op 0,5x of 1,5x de presetwaarde",
    "people (median over posts)": "mensen (mediaan over posts)",
    "typical real reach per post": "typisch echt bereik per post",
    "chance of widening": "kans op verbreding",
    "probability": "kans",
    "share of followers (median post)": "aandeel van volgers (mediane post)",
    "likes + comments + shares (mean over posts)":
        "likes + reacties + shares (gemiddeld over posts)",
    # --- Charts: titles, axes, legends and notes (sim/present/charts) -----------------------------
    "Followers by origin": "Volgers naar herkomst",
    "each post": "elke post",
    "median of {n} posts": "mediaan van {n} posts",
    "No days simulated.": "Geen dagen gesimuleerd.",
    "Followers {start} → {end}": "Volgers {start} → {end}",
    "({bought} bought, {real} real)": "({bought} gekocht, {real} echt)",
    "unique real people who saw the post": "unieke echte mensen die de post zagen",
    "Follower count: what the profile shows": "Aantal volgers: wat het profiel laat zien",
    "Real reach per post: people who actually saw it":
        "Echt bereik per post: mensen die hem echt zagen",
    "Engagement rate: likes, comments and shares per follower":
        "Betrokkenheid: likes, reacties en shares per volger",
    "Social value, as Kaushik measures it": "Sociale waarde, zoals Kaushik haar meet",
    "Customers and return on the money spent": "Klanten en rendement op het bestede geld",
    "lines: median of {seeds} seeds; bands: 90% of seeds":
        "lijnen: mediaan van {seeds} seeds; banden: 90% van de seeds",
    "{days}-day median": "mediaan over {days} dagen",
    "{days}-day mean": "gemiddelde over {days} dagen",
    "per day": "per dag",
    "so far": "tot nu toe",
    "Extra revenue minus cost, vs '{base}' (dashed), €":
        "Extra opbrengst min kosten, tegenover '{base}' (gestippeld), €",
    "(dashed: real only)": "(gestippeld: alleen echte)",
    "median of 14 posts": "mediaan van 14 posts",
    "side by side": "naast elkaar",
    "grid point": "instelling",
    "each run": "elke run",
    "mean over seeds": "gemiddelde over seeds",
    "followers bought per package": "gekochte volgers per pakket",
    "posts per week": "posts per week",
    "test sample (share of followers)": "testgroep (aandeel van volgers)",
    "followers at the start": "volgers aan het begin",
    "follow-for-follow: users followed per day": "volgen-voor-volgen: gebruikers gevolgd per dag",
    # The days a tactic acts, as the charts mark them (sim.registry.mark_label; the endings
    # "starts", "ends" and ": draw" are said by sim.base.i18n.mark_words).
    "follow-for-follow": "volgen-voor-volgen",
    "engagement pod": "engagementgroep",
    "staff sharing": "delen door personeel",
    "boost": "betaalde promotie",
    "Real reach in the last two weeks": "Echt bereik in de laatste twee weken",
    "people a day (mean over seeds)": "mensen per dag (gemiddelde over seeds)",
    "the rest": "de rest",
    "test dilution": "verdunning van de test",
    "purges": "opschoningen",
    "discovery and trust": "ontdekking en vertrouwen",
    "spend": "uitgaven",
    "total gap": "totaal verschil",
    "; zero here: {parts}": "; hier nul: {parts}",
    "contribution to the gap": "bijdrage aan het verschil",
    "total Sobol index: share of the variance the parameter takes part in":
        "totale Sobol-index: aandeel van de variantie waaraan de parameter bijdraagt",
    "raising it raises the figure": "hogere waarde, hoger cijfer",
    "raising it lowers the figure": "hogere waarde, lager cijfer",
    "top {n} of {total} assumptions": "top {n} van {total} aannames",
    "all {total} assumptions": "alle {total} aannames",
    "Shapley split over every on/off combination of the channels, {seeds} seeds on common "
    "random numbers; whiskers: 90% across seeds":
        "Elk deel gemeten over elke aan/uit-combinatie van de delen, {seeds} gesimuleerde "
        "runs met hetzelfde toeval; snorharen: 90% van de runs",
}
# fmt: on
