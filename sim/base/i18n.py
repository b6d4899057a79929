"""Words in the reader's language: English (the source text) or Dutch.

Every user-visible string of a chart, table header or report is written in English and passed
through :func:`tr` with the reader's language; the English text is the key of the Dutch
catalogue, so a string without a translation reads in English rather than failing.
"""

from __future__ import annotations

LANGS = ("en", "nl")

# The Dutch catalogue: English text -> Dutch. Templates keep their {placeholders}; numbers go
# in already formatted for the language (sim.base.l10n). Grouped by where the words appear.
_NL: dict[str, str] = {
    # --- Report: pages, slides and the title page -------------------------------------------
    "Summary": "Samenvatting",
    "Key figures": "Kerncijfers",
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
    "effect on {figure}": "effect op {figure}",
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
    "{platform} · {users} users · seed {seed}":
        "{platform} · {users} gebruikers · toevalsreeks {seed}",
    "{p} of followers engage": "{p} van de volgers reageert",
    "{what} in the last four weeks (mean of the runs, as drawn): highest at {best} ({b}), "
    "lowest at {worst} ({w})":
        "{what} in de laatste vier weken (gemiddelde van de runs, zoals getekend): hoogst bij "
        "{best} ({b}), laagst bij {worst} ({w})",
    "{what} in the last four weeks: {v}": "{what} in de laatste vier weken: {v}",
    "{what}: {unit}{per_day} ({window}-day mean)":
        "{what}: {unit}{per_day} (gemiddelde over {window} dagen)",
    " per day": " per dag",
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
    "Real reach in the last two weeks": "Echt bereik in de laatste twee weken",
    "people a day (mean over seeds)": "mensen per dag (gemiddelde over seeds)",
    "the rest": "de rest",
    "test dilution": "verdunning van de test",
    "purges": "opschoningen",
    "discovery and trust": "ontdekking en vertrouwen",
    "spend": "uitgaven",
    "total gap": "totale verschil",
    "; zero here: {parts}": "; hier nul: {parts}",
    "contribution to the gap": "bijdrage aan het verschil",
    "total Sobol index: share of the variance the parameter takes part in":
        "totale Sobol-index: aandeel van de variantie waaraan de parameter bijdraagt",
    "raising it raises the figure": "verhogen verhoogt het cijfer",
    "raising it lowers the figure": "verhogen verlaagt het cijfer",
    "top {n} of {total} assumptions": "top {n} van {total} aannames",
    "all {total} assumptions": "alle {total} aannames",
    "Shapley split over every on/off combination of the channels, {seeds} seeds on common "
    "random numbers; whiskers: 90% across seeds":
        "Elk deel gemeten over elke aan/uit-combinatie van de delen, {seeds} gesimuleerde "
        "runs met hetzelfde toeval; snorharen: 90% van de runs",
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
    "share of trials where the effect turns": "deel van de proeven waarin het effect omslaat",
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
}


def check_lang(lang: str) -> str:
    """Return ``lang`` if feedsim speaks it, else raise ValueError naming the choices."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: choose one of {', '.join(LANGS)}")
    return lang


def tr(text: str, lang: str = "en") -> str:
    """``text`` (English) in ``lang``."""
    if check_lang(lang) == "en":
        return text
    return _NL.get(text, text)
