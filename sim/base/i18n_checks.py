"""The Dutch words of refusals beyond a scenario file's keys and types: the checks a table makes
of its own values (bought fakes, participation tiers, a sensitivity range, an hourly profile), a
plan that would not fit the machine (:mod:`sim.scenario.resources`) or that cannot be searched
(:mod:`sim.studies.plan.spec`), an option the command line cannot parse
(:mod:`sim.cli.argwords`), and a folder a chart or a report cannot be made from
(:mod:`sim.present.folders`); each made as a :class:`sim.base.i18n.Said` and said in ``--lang``.

Part of the Dutch catalogue of :mod:`sim.base.i18n`, kept apart from
:mod:`sim.base.i18n_errors` only so neither file grows too long; the same rules: the English
text is the key, templates keep their {placeholders}, a count the English formats (``{n:,}``)
arrives in Dutch already written (no format in the Dutch template), and key names and values
stay as the scenario file writes them.
"""

from __future__ import annotations

# A table of words laid out by hand (an entry a line or two), not by the formatter.
# fmt: off
CHECKS_NL: dict[str, str] = {
    # Tables whose values disagree (sim.tactics.buy, sim.traits.participation)
    "bots = {bots!r} ({what})": "bots = {bots!r} ({what})",
    "never open the app: never see a post, never react":
        "openen de app nooit: zien nooit een post, reageren nooit",
    "open the app and see posts like real users but never react":
        "openen de app en zien posts zoals echte gebruikers, maar reageren nooit",
    "see posts and react like real users with the given interest":
        "zien posts en reageren zoals echte gebruikers, met de opgegeven interesse",
    "activity = {activity:g} contradicts {where}; set activity = 0, or bots = 'scroll' or "
    "'react' for fakes that open the app": "activity = {activity:g} is in strijd met {where}; "
    "zet activity = 0, of bots = 'scroll' of 'react' voor nepaccounts die de app openen",
    "interest = {interest:g} contradicts {where}: they never see a post; set interest = 0, or "
    "bots = 'react' with activity > 0": "interest = {interest:g} is in strijd met {where}: ze "
    "zien nooit een post; zet interest = 0, of bots = 'react' met activity > 0",
    "{where} needs activity > 0 (how often a fake opens the app); set e.g. activity = 0.38, "
    "the Instagram preset's mean for real users": "{where} vraagt activity > 0 (hoe vaak een "
    "nepaccount de app opent); zet bijvoorbeeld activity = 0.38, het gemiddelde van echte "
    "gebruikers in de Instagram-voorinstelling",
    "interest = {interest:g} contradicts {where}; set interest = 0, or bots = 'react'":
        "interest = {interest:g} is in strijd met {where}; zet interest = 0, of bots = 'react'",
    "{where} needs interest > 0; set e.g. interest = 0.45 (as interested as the brand's real "
    "fans), or bots = 'scroll'": "{where} vraagt interest > 0; zet bijvoorbeeld interest = 0.45 "
    "(even geïnteresseerd als de echte fans van het merk), of bots = 'scroll'",
    "lurkers + contributors = {total:g} leaves no room for a core; keep their sum at most 1":
        "lurkers + contributors = {total:g} laat geen ruimte voor een kern; houd de som op "
        "hoogstens 1",
    "contributor_share + core_share = {total:g} is more than all contributions; keep their "
    "sum at most 1": "contributor_share + core_share = {total:g} is meer dan alle bijdragen; "
    "houd de som op hoogstens 1",
    "the {tier} make {share:g} of the contributions but are no users; give them a share of "
    "users or no contributions": "de {tier} leveren {share} van de bijdragen maar zijn geen "
    "gebruikers; geef ze een aandeel in de gebruikers of geen bijdragen",
    # The sensitivity table and the other tables' own checks (sim.scenario.schema, .tables)
    "{key} = {value!r}: give a range as [low, high], two numbers":
        "{key} = {value!r}: geef een bereik als [laag, hoog], twee getallen",
    "{key} = [{low:g}, {high:g}]": "{key} = [{low:g}, {high:g}]",
    "{shown}: the low end must be below the high end":
        "{shown}: de lage grens moet onder de hoge liggen",
    "{shown}: {key} is an integer; give whole numbers":
        "{shown}: {key} is een geheel getal; geef hele getallen",
    "{shown} leaves what {key} allows: {bounds}": "{shown} valt buiten wat {key} toestaat: "
    "{bounds}",
    "seeds come from --seeds": "seeds komen uit --seeds",
    "the horizon is the question asked": "de looptijd is de vraag zelf",
    "{key} cannot be varied ({why})": "{key} kan niet gevarieerd worden ({why})",
    "{key!r} is not a numeric scenario key{hint}; allowed: the dotted key of a number, e.g. "
    "feed.test_threshold (`feedsim sensitivity FILE --list` shows the assumptions)":
        "{key!r} is geen numerieke scenariosleutel{hint}; toegestaan: de sleutel met punten "
        "van een getal, bijvoorbeeld feed.test_threshold (`feedsim sensitivity FILE --list` "
        "toont de aannames)",
    "a name made only of dots would name a folder outside the results folder; use letters, "
    "digits, '_', '-' or '.'": "een naam van alleen punten zou een map buiten de resultatenmap "
    "aanwijzen; gebruik letters, cijfers, '_', '-' of '.'",
    "every pool size must be from 1 to {most:,}; got {size}":
        "elke aanbevelingsgroep moet tussen 1 en {most} groot zijn; opgegeven: {size}",
    "needs 24 non-negative numbers, one per hour, not all zero":
        "vraagt 24 getallen van 0 of meer, één per uur, niet allemaal nul",
    "every hour's activity must be a finite number (no nan or inf)":
        "de activiteit van elk uur moet een eindig getal zijn (geen nan of inf)",
    "unknown attribute {name!r}{hint}; known: {known}":
        "onbekend kenmerk {name!r}{hint}; bekend: {known}",
    # Plans that would not fit (sim.scenario.resources)
    "{env}={text!r}: give a size such as 8G or 512M":
        "{env}={text!r}: geef een grootte zoals 8G of 512M",
    "{env}={text!r}: give a positive size such as 8G":
        "{env}={text!r}: geef een grootte boven nul, zoals 8G",
    "{what} needs about {need} of memory ({runs} runs at once, {each} each), more than the "
    "{limit} this machine can give ({env} or 80% of its memory); the largest part: {driver}. "
    "Make it smaller, use fewer --workers, or pass --force to try anyway": "{what} heeft "
    "ongeveer {need} geheugen nodig ({runs} runs tegelijk, elk {each}), meer dan de {limit} "
    "die deze computer kan geven ({env} of 80% van zijn geheugen); het grootste deel: "
    "{driver}. Maak het kleiner, gebruik minder --workers, of geef --force mee om het toch te "
    "proberen",
    "{what} needs about {need} of memory, more than the {limit} this machine can give ({env} "
    "or 80% of its memory); the largest part: {driver}. Make it smaller, or pass --force to "
    "try anyway": "{what} heeft ongeveer {need} geheugen nodig, meer dan de {limit} die deze "
    "computer kan geven ({env} of 80% van zijn geheugen); het grootste deel: {driver}. Maak "
    "het kleiner, of geef --force mee om het toch te proberen",
    "{what} would take {time} per run ({posts:,} posts; recommendation pools {pools} against "
    "{users:,} users); make the pools or the run smaller, or pass --force to try anyway":
        "{what} zou {time} per run duren ({posts} posts; aanbevelingsgroepen {pools} op "
        "{users} gebruikers); maak de groepen of de run kleiner, of geef --force mee om het toch "
        "te proberen",
    "{n:,} accounts for strategies.{tactic}": "{n} accounts voor strategies.{tactic}",
    "audience.users = {users:,} with {follows:g} follows each":
        "audience.users = {users} met elk {follows} gevolgde accounts",
    # A plan that cannot be searched (sim.studies.plan.spec)
    "test seeds {seeds} are also tuning seeds: the verdict must come from seeds the search "
    "never saw": "testseeds {seeds} zijn ook afstemmingsseeds: het oordeel moet komen van seeds "
    "die de zoektocht nooit zag",
    "give at least one tuning seed and one test seed":
        "geef minstens één afstemmingsseed en één testseed",
    "--trials {trials}: give at least {least} (one per lever alone and one even split, then the "
    "search)": "--trials {trials}: geef er minstens {least} (één per hefboom apart en één gelijke "
    "verdeling, daarna de zoektocht)",
    # A folder a chart or a report cannot be made from (sim.present.folders, .report)
    "{folder} is not a folder; pass a result folder feedsim wrote, such as "
    "results/organic/<run-id>": "{folder} is geen map; geef een resultatenmap op die feedsim "
    "schreef, zoals results/organic/<run-id>",
    "{folder} is not a folder; pass a result folder such as results/organic/<run-id>":
        "{folder} is geen map; geef een resultatenmap op, zoals results/organic/<run-id>",
    "{folder} is not a run folder, nor any other result folder feedsim writes. A result folder "
    "is one of: {kinds}. Pass such a folder, or the folder inside it that holds these files.":
        "{folder} is geen map van een run en ook geen andere resultatenmap die feedsim "
        "schrijft. Een resultatenmap is een van deze: {kinds}. Geef zo'n map op, of de map "
        "erin die deze bestanden bevat.",
    "{words} ({marker}, written by `{command}`)": "{words} ({marker}, geschreven door "
    "`{command}`)",
    "{folder} is {kind}, which has no report of its own; report each of its run folders "
    "instead": "{folder} is {kind}, en die heeft geen eigen rapport; maak in plaats daarvan een "
    "rapport van elk van de runmappen erin",
    "{folder} has no {file}: the sweep has no finished run yet":
        "{folder} heeft geen {file}: de reeks heeft nog geen voltooide run",
    "{where} holds no finished plausible-worlds study (no statement.json); pass the folder "
    "`feedsim worlds` wrote, or leave out --worlds": "{where} bevat geen voltooide studie van "
    "plausibele werelden (geen statement.json); geef de map op die `feedsim worlds` schreef, of "
    "laat --worlds weg",
    # What the command line says of options it cannot parse (sim.cli.argwords)
    "argument {arg}: invalid choice: {value} (choose from {choices})":
        "optie {arg}: ongeldige keuze: {value} (kies uit {choices})",
    "argument {arg}: {value} is not a whole number": "optie {arg}: {value} is geen geheel getal",
    "argument {arg}: {value} is not a number": "optie {arg}: {value} is geen getal",
    "argument {arg}: give it a value": "optie {arg}: geef er een waarde bij",
    "the following arguments are required: {args}": "deze argumenten ontbreken: {args}",
    "unrecognized arguments: {args}": "onbekende argumenten: {args}",
    "{prog}: error: {message}": "{prog}: fout: {message}",
    "usage: {rest}": "gebruik: {rest}",
}
# fmt: on
