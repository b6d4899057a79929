"""The Dutch words a command refuses with: what ``feedsim calibrate`` says of an export it cannot
read or trust (:class:`sim.studies.calibrate.exports.ExportError`) and of a calibration it cannot
run; what every command says of a scenario file it cannot run (:class:`sim.scenario.ScenarioError`,
with pydantic's and tomllib's words from :mod:`sim.scenario.translated`), of ``--seeds`` and
``--set``, and of its own options (:class:`sim.cli.errors.UserError`); each made as a
:class:`sim.base.i18n.Said` and said in ``--lang``.

Part of the Dutch catalogue of :mod:`sim.base.i18n`, which merges it into its own and looks every
string up through :func:`sim.base.i18n.tr`; kept apart only so neither file grows too long. The
English text is the key; templates keep their {placeholders}. A count that the English writes
with a format (``{n:,}``) arrives in Dutch already written the Dutch way (``20.000``), so the
Dutch template gives it no format. Key names, file names and values stay as the file writes them.
"""

from __future__ import annotations

# A table of words laid out by hand (an entry a line or two), not by the formatter.
# fmt: off
ERRORS_NL: dict[str, str] = {
    # The command's own options (sim.cli.calibrate)
    "{option} must be at least {least}; got {value}":
        "{option} moet minstens {least} zijn; opgegeven: {value}",
    "{option} must be 0 or more; got {value}": "{option} moet 0 of meer zijn; opgegeven: {value}",
    "{option} must be a non-negative integer; got {value}":
        "{option} moet een geheel getal van 0 of meer zijn; opgegeven: {value}",
    "{option} {value:,} is more than {limit:,}, which already takes hours and memory a laptop "
    "may not have; pass --force to run it anyway": "{option} {value} is meer dan {limit}, en "
    "dat kost al uren en meer geheugen dan een laptop misschien heeft; geef --force mee om het "
    "toch te draaien",
    "{path}: cannot be read as a CSV export ({reason}); is it the platform's post export?":
        "{path}: niet te lezen als CSV-export ({reason}); is het wel de export met de posts van "
        "het platform?",
    "--holdout must be at least 0 and below 1; got {holdout}":
        "--holdout moet minstens 0 en kleiner dan 1 zijn; opgegeven: {holdout}",
    # A calibration that cannot be run (sim.studies.calibrate.design, .abc)
    "{source}: {posts} posts leave {fit} to fit on; at least {least} are needed (export a "
    "longer period or lower --holdout)": "{source}: van de {posts} posts blijven er {fit} over "
    "om op te schatten; er zijn er minstens {least} nodig (exporteer een langere periode of "
    "verlaag --holdout)",
    "{followers:,} followers: calibration handles accounts below {most:,} followers":
        "{followers} volgers: de kalibratie werkt voor accounts met minder dan {most} volgers",
    "only {n} valid simulations; at least {least} are needed":
        "maar {n} bruikbare simulaties; er zijn er minstens {least} nodig",
    "no summary to compare": "geen samenvattende cijfers om te vergelijken",
    # A file that cannot be read (sim.studies.calibrate.export_files)
    "{path}: no such file": "{path}: dit bestand bestaat niet",
    "{path}: cannot read it ({reason})": "{path}: het bestand is niet te lezen ({reason})",
    "{path} is {size:.0f} MB, more than the {limit:.0f} MB an analytics export of one account "
    "takes; check it is the right file, or pass --force to read it anyway": "{path} is "
    "{size:.0f} MB, meer dan de {limit:.0f} MB die een analytics-export van één account "
    "inneemt; controleer of het het juiste bestand is, of geef --force mee om het toch te lezen",
    "{path} is a folder, not an analytics export; save the export as a regular file and give "
    "that file": "{path} is een map, geen analytics-export; sla de export op als gewoon "
    "bestand en geef dat bestand op",
    "{path} is not a regular file (a pipe, socket or device); an analytics export must be an "
    "ordinary file; save the export as a regular file and give that file": "{path} is geen "
    "gewoon bestand (maar een pipe, socket of apparaat); een analytics-export moet een gewoon "
    "bestand zijn; sla de export op als gewoon bestand en geef dat bestand op",
    "{reason}; save the export as a regular file and give that file":
        "{reason}; sla de export op als gewoon bestand en geef dat bestand op",
    "{where}: starts as {enc} (byte-order mark) but byte {byte} is not {enc}; the file is "
    "damaged: download the export again": "{where}: begint als {enc} (byte-order mark), maar "
    "byte {byte} is geen {enc}; het bestand is beschadigd: download de export opnieuw",
    "{where} is a binary file, not a CSV export; give the file as downloaded (CSV, .xlsx, .xls "
    "or the ZIP)": "{where} is een binair bestand, geen CSV-export; geef het bestand zoals het "
    "gedownload is (CSV, .xlsx, .xls of de ZIP)",
    "{where}: unreadable encoding (byte 0x{byte:02x} at {at} is neither UTF-8, UTF-16 nor "
    "Windows-1252); save the file again as CSV UTF-8": "{where}: onleesbare tekencodering "
    "(byte 0x{byte:02x} op positie {at} is geen UTF-8, UTF-16 of Windows-1252); sla het "
    "bestand opnieuw op als CSV UTF-8",
    "{where} line {line}: not readable as CSV ({reason})":
        "{where} regel {line}: niet te lezen als CSV ({reason})",
    "{where} (sheet {title!r})": "{where} (werkblad {title!r})",
    "{where}: not a readable {kind} workbook ({reason}); open it in a spreadsheet and save it "
    "again, or download it again": "{where}: geen leesbare {kind}-werkmap ({reason}); open het "
    "bestand in een spreadsheetprogramma en sla het opnieuw op, of download het opnieuw",
    "{where} is a legacy .xls workbook and the xlrd package is not installed; install "
    "feedsim's dependencies again, or open the file and save it as .xlsx": "{where} is een oude "
    ".xls-werkmap en het pakket xlrd is niet geïnstalleerd; installeer de pakketten die feedsim "
    "nodig heeft opnieuw, of open het bestand en sla het op als .xlsx",
    "{path}: not a readable ZIP ({reason}); download it again":
        "{path}: geen leesbare ZIP ({reason}); download het bestand opnieuw",
    "{path}: not a readable ZIP or workbook ({reason}); download it again":
        "{path}: geen leesbare ZIP of werkmap ({reason}); download het bestand opnieuw",
    "{where} unpacks to {size:.0f} MB, more than {limit:.0f} MB; pass --force to read it "
    "anyway": "{where} is uitgepakt {size:.0f} MB groot, meer dan {limit:.0f} MB; geef --force "
    "mee om het toch te lezen",
    "{where} unpacks to more than {limit:.0f} MB; pass --force to read it anyway":
        "{where} is uitgepakt groter dan {limit:.0f} MB; geef --force mee om het toch te lezen",
    "{path}: the ZIP holds no CSV file; give the ZIP TikTok Studio downloads (Content.csv, "
    "Overview.csv, FollowerHistory.csv)": "{path}: de ZIP bevat geen CSV-bestand; geef de ZIP "
    "die TikTok Studio downloadt (Content.csv, Overview.csv, FollowerHistory.csv)",
    "{path} is a binary file (not a CSV, .xlsx, .xls or ZIP export); give the file as "
    "downloaded": "{path} is een binair bestand (geen CSV-, .xlsx-, .xls- of ZIP-export); geef "
    "het bestand zoals het gedownload is",
    "{path}: the folder holds no export (CSV, .xlsx, .xls or ZIP)":
        "{path}: de map bevat geen export (CSV, .xlsx, .xls of ZIP)",
    "{path}: its exports together exceed {limit:.0f} MB; pass --force to read them anyway":
        "{path}: de exports in de map zijn samen groter dan {limit:.0f} MB; geef --force mee "
        "om ze toch te lezen",
    # A file that is not a post export, and values that are not counts or times
    # (sim.studies.calibrate.export_values)
    "{source} is not a post-level {platform} export: no column for {names}. Found columns: "
    "{found}. Download the post-level export from {where}, or rename the columns to one of the "
    "names listed": "{source} is geen {platform}-export per post: er is geen kolom voor "
    "{names}. Gevonden kolommen: {found}. Download de export per post uit {where}, of geef de "
    "kolommen een van de genoemde namen",
    "{what} ({names})": "{what} ({names})",
    "the time of each post": "het tijdstip van elke post",
    "its reach or views": "het bereik of de weergaven",
    "its likes": "de likes",
    "its comments": "de reacties",
    "{where}: {fld} is in more than one column: {cols}; a file cannot be read with two columns "
    "for one figure: delete or rename all but one": "{where}: {fld} staat in meer dan één "
    "kolom: {cols}; een bestand met twee kolommen voor één cijfer is niet te lezen: verwijder "
    "of hernoem alle op één na",
    "{name!r} (column {n})": "{name!r} (kolom {n})",
    "{where} row {row}: {fld} = {value!r} is not a number":
        "{where} rij {row}: {fld} = {value!r} is geen getal",
    "{where} row {row}: {fld} = {value!r} is not a finite number":
        "{where} rij {row}: {fld} = {value!r} is geen eindig getal",
    "{where} row {row}: {fld} = {value!r} is negative; a count cannot be":
        "{where} rij {row}: {fld} = {value!r} is negatief; een aantal kan dat niet zijn",
    "{where} row {row}: {fld} = {value!r} is more than {limit:,}, more than any post's real "
    "figure; the file is damaged or the column is not a count": "{where} rij {row}: {fld} = "
    "{value!r} is meer dan {limit}, meer dan het echte cijfer van welke post dan ook; het "
    "bestand is beschadigd of de kolom is geen aantal",
    "{where}: the {what} {value!r} has no year, and the file's name does not say which period "
    "it covers; keep the name the platform gave the download (it holds the dates), or add the "
    "year": "{where}: bij de {what} {value!r} staat geen jaar, en de bestandsnaam zegt niet "
    "over welke periode het gaat; houd de naam die het platform de download gaf (daarin staan "
    "de datums), of vul het jaar aan",
    "{where}: cannot read the {what} {value!r} (data row {row}); expected a date and time such "
    "as 2024-03-15 18:02, 03/15/2024 18:02, 15-03-2024 18:02, an Excel date or 'September 25'":
        "{where}: de {what} {value!r} is niet te lezen (gegevensrij {row}); verwacht werd een "
        "datum en tijd zoals 2024-03-15 18:02, 03/15/2024 18:02, 15-03-2024 18:02, een "
        "Excel-datum of 'September 25'",
    # Posts that cannot be fitted as they are (sim.studies.calibrate.exports)
    "unknown platform {platform!r}; choose one of {choices}":
        "onbekend platform {platform!r}; kies uit {choices}",
    "{path}: the file is empty; expected a {where} export with one row per post":
        "{path}: het bestand is leeg; verwacht werd een export uit {where} met één rij per post",
    "{where} has reach but no views, while another file has views but no reach; one measure "
    "must be fitted for every post: give files that share it": "{where} heeft bereik maar geen "
    "weergaven, terwijl een ander bestand weergaven heeft maar geen bereik; voor elke post moet "
    "dezelfde maatstaf geschat worden: geef bestanden met dezelfde maatstaf",
    "{path}: the files measure posts by different columns ({names}): impressions and views are "
    "not the same count (Meta replaced impressions by views in 2025), so they cannot be fitted "
    "as one; give the exports of one schema, or ones with a Reach column": "{path}: de "
    "bestanden meten posts met verschillende kolommen ({names}): impressies en weergaven zijn "
    "niet dezelfde telling (Meta verving in 2025 impressies door weergaven), dus ze kunnen niet "
    "samen geschat worden; geef exports met dezelfde opbouw, of exports met een kolom Bereik "
    "(Reach)",
    "{path}: the export has a header but no posts":
        "{path}: de export heeft een kopregel maar geen posts",
    "{path}: {n:,} posts, more than the {most:,} one account's export holds in years; check it "
    "is one account's file, or pass --force to fit on all of them (slow)": "{path}: {n} posts, "
    "meer dan de {most} die de export van één account in jaren bevat; controleer of het "
    "bestand van één account is, of geef --force mee om op alle posts te schatten (traag)",
    "{shown}{more}: {what}; {fix}": "{shown}{more}: {what}; {fix}",
    "{where} row {row}": "{where} rij {row}",
    " and {n} more": " en nog {n}",
    "no {what} (NA) where the fit needs it": "geen {what} (NA) waar de schatting die nodig heeft",
    "no {what} (NA)": "geen {what} (NA)",
    "remove those posts, or fill in their {what}": "verwijder die posts, of vul hun {what} in",
    "reach is below likes (a like comes from an account the post reached)":
        "het bereik is lager dan het aantal likes (een like komt van een account dat de post "
        "heeft bereikt)",
    "the file is damaged or its columns are mislabelled: download it again":
        "het bestand is beschadigd of de kolommen hebben verkeerde namen: download het opnieuw",
    "{path}: the export has no Followers column; give the account's follower count with "
    "--followers N (the number on the profile)": "{path}: de export heeft geen kolom Volgers "
    "(Followers); geef het aantal volgers van het account op met --followers N (het getal op "
    "het profiel)",
    "{path}: the follower count must be at least 1; got {count}":
        "{path}: het aantal volgers moet minstens 1 zijn; het is {count}",
    "{where} row {row} and {other} row {other_row} hold the same post ({link}) with different "
    "figures: exports taken on different dates, whose lifetime totals cannot be mixed; "
    "download them again on one day, or give only the latest": "{where} rij {row} en {other} "
    "rij {other_row} bevatten dezelfde post ({link}) met verschillende cijfers: exports van "
    "verschillende datums, waarvan de totalen niet te combineren zijn; download ze opnieuw op "
    "één dag, of geef alleen de laatste",
    # A scenario file that cannot be read (sim.scenario.loading, .templates)
    "scenario file": "scenariobestand",
    "template": "template",
    "sweep file": "sweepbestand",
    "scenario or sweep file": "scenario- of sweepbestand",
    "comparison file": "vergelijkingsbestand",
    "{path}: no such {what}": "{path}: dit {what} bestaat niet",
    "{path} is a folder, not a {what}": "{path} is een map, geen {what}",
    "{path}: cannot read: {reason}": "{path}: niet te lezen: {reason}",
    "{path}: not valid TOML: {reason}": "{path}: geen geldige TOML: {reason}",
    "{path}: tables or lists nested too deeply to be a scenario":
        "{path}: tabellen of lijsten zijn te diep genest voor een scenario",
    "{source}: values nested too deeply to be a scenario":
        "{source}: waarden zijn te diep genest voor een scenario",
    "{source}: a scenario must be a table of keys":
        "{source}: een scenario moet een tabel met instellingen zijn",
    "{source}: platform = {platform!r} must be a preset name (a string)":
        "{source}: platform = {platform!r} moet de naam van een voorinstelling zijn (tekst tussen "
        "aanhalingstekens)",
    "unknown platform {name!r}{hint}; available presets: {names}":
        "onbekend platform {name!r}{hint}; beschikbare voorinstellingen: {names}",
    "{path} with {what}": "{path} met {what}",
    "{dotted}: {part!r} is a value, not a table": "{dotted}: {part!r} is een waarde, geen tabel",
    "{option} {name!r}: a folder name may hold letters, digits, '_', '-' and '.' (at most 80, "
    "not dots alone), so it stays inside the results folder; e.g. {option} {example}":
        "{option} {name!r}: een mapnaam mag letters, cijfers, '_', '-' en '.' bevatten "
        "(hoogstens 80 tekens, niet alleen punten), zodat de map binnen de resultatenmap blijft; "
        "bijvoorbeeld {option} {example}",
    "the templates (the project's scenarios/ folder) are not at {folder}; pass a scenario file "
    "as the template instead": "de templates (de map scenarios/ van het project) staan niet in "
    "{folder}; geef in plaats daarvan een scenariobestand als template",
    "--template {template}: no such file": "--template {template}: dit bestand bestaat niet",
    "--template {template!r}: no such template{hint}; `feedsim new --list` shows them all "
    "({names})": "--template {template!r}: dit template bestaat niet{hint}; `feedsim new "
    "--list` toont ze allemaal ({names})",
    "template {name}": "template {name}",
    "template {name} with {chosen}": "template {name} met {chosen}",
    # What is wrong with a key or a value, and what is allowed (sim.scenario.errors)
    " (line {line})": " (regel {line})",
    " (did you mean {word!r}?)": " (bedoelt u {word!r}?)",
    "{source}{line}: {problem}": "{source}{line}: {problem}",
    "{source}{line}: unknown key {key!r} in {where}{hint}; valid keys: {valid}":
        "{source}{line}: onbekende instelling {key!r} in {where}{hint}; geldige instellingen: "
        "{valid}",
    "the top level": "het hoofdniveau",
    "{key} (entry {n} of [[{table}]])": "{key} (onderdeel {n} van [[{table}]])",
    "{source}: {dotted} is required": "{source}: {dotted} is verplicht",
    "{source}{line}: {dotted}: {problem}": "{source}{line}: {dotted}: {problem}",
    "{source}{line}: {dotted} = {value} is not allowed: {problem}; allowed: {allowed}":
        "{source}{line}: {dotted} = {value} is niet toegestaan: {problem}; toegestaan: {allowed}",
    "{source}{line}: {dotted} = {value} is not allowed: {problem}":
        "{source}{line}: {dotted} = {value} is niet toegestaan: {problem}",
    "an integer": "een geheel getal",
    "a number": "een getal",
    "text": "tekst",
    "true or false": "true of false",
    "a list of integers": "een lijst van gehele getallen",
    "a list": "een lijst",
    "one of {choices}": "een van {choices}",
    "a table": "een tabel",
    "{low} and {high}": "{low} en {high}",
    # pydantic's words for a value it refuses, by its error type (sim.scenario.translated)
    "Input should be greater than or equal to {ge}": "de waarde moet minstens {ge} zijn",
    "Input should be greater than {gt}": "de waarde moet groter zijn dan {gt}",
    "Input should be less than or equal to {le}": "de waarde mag hoogstens {le} zijn",
    "Input should be less than {lt}": "de waarde moet kleiner zijn dan {lt}",
    "Input should be a valid integer": "de waarde moet een geheel getal zijn",
    "Input should be a valid integer, got a number with a fractional part":
        "de waarde moet een geheel getal zijn, zonder cijfers achter de komma",
    "Input should be a valid number": "de waarde moet een getal zijn",
    "Input should be a finite number": "de waarde moet een eindig getal zijn",
    "Input should be a valid boolean": "de waarde moet true of false zijn",
    "Input should be a valid string": "de waarde moet tekst tussen aanhalingstekens zijn",
    "Input should be a valid list": "de waarde moet een lijst zijn",
    "Input should be a table": "de waarde moet een tabel zijn",
    "Input should be {expected}": "de waarde moet {expected} zijn",
    "{first} or {last}": "{first} of {last}",
    "Field required": "deze instelling is verplicht",
    "Extra inputs are not permitted": "deze instelling bestaat niet",
    "the list should have at least {n} {values}, not {actual}":
        "de lijst moet minstens {n} {values} bevatten, niet {actual}",
    "the list should have at most {n} {values}, not {actual}":
        "de lijst mag hoogstens {n} {values} bevatten, niet {actual}",
    "values": "waarden",
    # tomllib's words for a line it cannot read (sim.scenario.translated)
    "{what} (at line {line}, column {column})": "{what} (regel {line}, kolom {column})",
    "{what} (at end of document)": "{what} (aan het einde van het bestand)",
    "Invalid value": "ongeldige waarde",
    "Invalid statement": "ongeldige regel",
    "Expected '=' after a key in a key/value pair":
        "na de naam van een instelling hoort een '=' met de waarde",
    "Expected newline or end of document after a statement":
        "na een instelling hoort een nieuwe regel of het einde van het bestand",
    "Unterminated string": "tekst zonder afsluitend aanhalingsteken",
    "Unclosed array": "lijst zonder afsluitende ']'",
    "Unclosed inline table": "tabel op één regel zonder afsluitende accolade",
    "Cannot overwrite a value": "deze instelling heeft al een waarde",
    "Invalid date or datetime": "ongeldige datum of tijd",
    "Expected ']' at the end of a table declaration": "een tabelnaam hoort te eindigen op ']'",
    "Expected ']]' at the end of an array declaration": "een tabelnaam hoort te eindigen op ']]'",
    "Invalid initial character for a key part":
        "ongeldig eerste teken in de naam van een instelling",
    "Unescaped '\\' in a string": "losse '\\' in een tekst",
    "Invalid hex value": "ongeldige hexadecimale waarde",
    "Cannot declare {key} twice": "{key} staat twee keer in het bestand",
    "Illegal character {char}": "ongeldig teken {char}",
    # A table's or the whole scenario's own checks (sim.base.params, tactics, sim.scenario.schema)
    "every {what} must be from 0 to {most:,}; got {day}":
        "elke {what} moet tussen 0 en {most} liggen; opgegeven: {day}",
    "{what} {day} is listed twice; list each day once":
        "{what} {day} staat er twee keer in; noem elke dag één keer",
    "opening day": "openingsdag",
    "delivery day": "leverdag",
    "purge day": "opschoondag",
    "list at least one day, e.g. days = [30]": "noem minstens één dag, bijvoorbeeld days = [30]",
    "give either `days = [...]` or the older `day = N`, not both":
        "geef `days = [...]` of de oudere schrijfwijze `day = N`, niet allebei",
    "strategies.giveaway.entrants is missing: a giveaway that names no entrants brings nobody; "
    "set e.g. entrants = 3000 (the users who follow to enter)": "strategies.giveaway.entrants "
    "ontbreekt: een winactie zonder deelnemers levert niemand op; stel bijvoorbeeld entrants = "
    "3000 in (de gebruikers die volgen om mee te doen)",
    "brand.initial_followers = {n:,} is more than the audience's {users:,} users; lower it or "
    "raise audience.users": "brand.initial_followers = {n} is meer dan de {users} gebruikers "
    "van het publiek; verlaag de waarde of verhoog audience.users",
    "strategies.giveaway.entrants = {n:,} is more than the audience's {users:,} users; lower it "
    "or raise audience.users": "strategies.giveaway.entrants = {n} is meer dan de {users} "
    "gebruikers van het publiek; verlaag de waarde of verhoog audience.users",
    "content.calendar entry {n} has day {day}, but the scenario runs days 0 to {last}; move it "
    "or raise `days`": "content.calendar onderdeel {n} staat op dag {day}, maar het scenario "
    "loopt van dag 0 tot en met dag {last}; verplaats de post of verhoog `days`",
    "{where}.start_day = {start} is after {where}.end_day = {end}; the tactic would never act: "
    "swap them": "{where}.start_day = {start} ligt na {where}.end_day = {end}; de tactiek zou "
    "nooit iets doen: draai ze om",
    "{where}.start_day = {start} is after the run (days 0 to {last}); move it or raise `days`":
        "{where}.start_day = {start} valt na de run (dag 0 tot en met dag {last}); vervroeg de "
        "start of verhoog `days`",
    "{key} has day {day}, but the scenario runs days 0 to {last}; move it or raise `days`":
        "{key} bevat dag {day}, maar het scenario loopt van dag 0 tot en met dag {last}; "
        "verplaats die dag of verhoog `days`",
    # The studies' own options (sim.studies.plan, .sensitivity, .explain, .worlds)
    "--goal {goal!r}: choose from {goals}": "--goal {goal!r}: kies uit {goals}",
    "--budget {budget:g}: give a budget above 0 euros":
        "--budget {budget:g}: geef een budget van meer dan 0 euro",
    "--budget {text!r}: give euros as FROM:TO, e.g. 0:5000":
        "--budget {text!r}: geef het bedrag in euro als VAN:TOT, bijvoorbeeld 0:5000",
    "--budget {text!r}: FROM must be at least 0 and below TO, e.g. 0:5000":
        "--budget {text!r}: VAN moet minstens 0 en kleiner dan TOT zijn, bijvoorbeeld 0:5000",
    "--months {months:g}: give 1 to 120 months": "--months {months:g}: geef 1 tot 120 maanden",
    "--points {points}: give at least 2 (the base and one amount)":
        "--points {points}: geef er minstens 2 (de basis en één bedrag)",
    "--method {method!r}: choose one of {methods}": "--method {method!r}: kies uit {methods}",
    "--metric {metric!r}: not a run figure{hint}; available: {names}":
        "--metric {metric!r}: geen cijfer van een run{hint}; beschikbaar: {names}",
    "--trajectories {n}: Morris needs at least 2":
        "--trajectories {n}: Morris vraagt er minstens 2",
    "--samples {n}: Sobol needs a power of two, e.g. 64 or 256":
        "--samples {n}: Sobol vraagt een macht van twee, bijvoorbeeld 64 of 256",
    "--only {item!r}: {key!r} is not a structural assumption; choose from {known}":
        "--only {item!r}: {key!r} is geen structurele aanname; kies uit {known}",
    "--only {item!r}: {key} has no alternative {name!r}; its alternatives: {names}":
        "--only {item!r}: {key} heeft geen alternatief {name!r}; de alternatieven: {names}",
    # --set and --seeds, and the values of a sweep (sim.studies.sweep)
    "no values given": "geen waarden opgegeven",
    "empty value in {text!r}": "lege waarde in {text!r}",
    "--set {arg!r}: expected KEY=VALUE[,VALUE...], e.g. --set strategies.buy.count=0,1000,5000":
        "--set {arg!r}: schrijf KEY=VALUE[,VALUE...], bijvoorbeeld --set "
        "strategies.buy.count=0,1000,5000",
    "--set {arg!r}: {problem}": "--set {arg!r}: {problem}",
    "seeds = {value!r}: expected a count, a list or a range like 10-19":
        "seeds = {value!r}: geef een aantal, een lijst of een reeks zoals 10-19",
    "seeds = {value}: the number of seeds must be at least 1":
        "seeds = {value}: het aantal seeds moet minstens 1 zijn",
    "seeds {p!r}: the range ends before it starts":
        "seeds {p!r}: de reeks eindigt voordat hij begint",
    "seeds: {seed!r} is not a seed (a non-negative integer or a range like 10-19)":
        "seeds: {seed!r} is geen seed (een geheel getal van 0 of meer, of een reeks zoals 10-19)",
    "seeds must be non-negative integers below 2**63":
        "seeds moeten gehele getallen van 0 of meer zijn, kleiner dan 2**63",
    "seeds: {seed} is listed twice": "seeds: {seed} staat er twee keer in",
    "seeds: no seeds given": "seeds: geen seeds opgegeven",
    "seeds: {n:,} seeds asked for; a sweep takes at most {most:,} (30 already give tight bands)":
        "seeds: {n} seeds gevraagd; een sweep neemt er hoogstens {most} (30 geven al smalle "
        "banden)",
    "{path}: scenario = {scenario!r}: {problem}": "{path}: scenario = {scenario!r}: {problem}",
    "{path}: {problem}": "{path}: {problem}",
    # The commands' own options (sim.cli)
    "{option} must be between {low} and {high}; got {value}":
        "{option} moet tussen {low} en {high} liggen; opgegeven: {value}",
    "--set {item}: give one value here{why}; use `feedsim sweep` for a grid":
        "--set {item}: geef hier één waarde{why}; gebruik `feedsim sweep` voor een rooster van "
        "waarden",
    " (a run takes one value per key)": " (een run neemt één waarde per instelling)",
    " (a sensitivity study varies the assumptions itself)":
        " (een gevoeligheidsanalyse varieert de aannames zelf)",
    "give either run folders (to overlay) or scenario files (to run side by side across seeds), "
    "not both": "geef run-mappen (om ze over elkaar te tekenen) of scenariobestanden (om ze "
    "naast elkaar te draaien op dezelfde seeds), niet allebei",
    "{folder} is not a run folder (no {file}); pass folders written by `feedsim run`, or "
    "scenario files": "{folder} is geen run-map (er staat geen {file} in); geef mappen die "
    "`feedsim run` heeft geschreven, of scenariobestanden",
    "{options} apply to scenario files; run folders are drawn as they ran":
        "{options} gelden alleen voor scenariobestanden; run-mappen worden getekend zoals ze "
        "gedraaid zijn",
    "{path}: no such file or folder": "{path}: dit bestand of deze map bestaat niet",
    "{path} is one scenario; give two or more scenario files, or a comparison file with "
    "[[arms]]": "{path} is één scenario; geef twee of meer scenariobestanden, of een "
    "vergelijkingsbestand met [[arms]]",
    "--dask-tls-* options need --dask tls://HOST:PORT":
        "de opties --dask-tls-* werken alleen met --dask tls://HOST:PORT",
    "cannot read {detail}": "niet te lezen: {detail}",
    "cannot read {detail}; rerun what wrote it, or restore the folder":
        "niet te lezen: {detail}; draai opnieuw wat het schreef, of zet de map terug",
    "cannot read {folder}: a file in it is empty or damaged ({kind}: {detail}); rerun what "
    "wrote it, or restore the folder": "{folder} is niet te lezen: een bestand erin is leeg of "
    "beschadigd ({kind}: {detail}); draai opnieuw wat het schreef, of zet de map terug",
    "--host {host} would let other machines reach the dashboard, which runs simulations and "
    "writes files here; add --allow-remote to serve it to them with an access token, or leave "
    "--host out (127.0.0.1, this machine only)": "--host {host} zou andere computers toegang "
    "geven tot het dashboard, dat hier simulaties draait en bestanden schrijft; geef "
    "--allow-remote mee om het hun met een toegangstoken aan te bieden, of laat --host weg "
    "(127.0.0.1, alleen deze computer)",
    "the dashboard needs Solara: pip install 'solara>=1.40'":
        "het dashboard heeft Solara nodig: pip install 'solara>=1.40'",
    "name the scenario file to write, e.g. `feedsim new my_shop.toml --template organic`; "
    "`feedsim new --list` shows the templates": "noem het scenariobestand dat geschreven moet "
    "worden, bijvoorbeeld `feedsim new my_shop.toml --template organic`; `feedsim new --list` "
    "toont de templates",
    "{file}: a scenario file ends in .toml, e.g. {example}":
        "{file}: een scenariobestand eindigt op .toml, bijvoorbeeld {example}",
    "{file} is a folder; name a file, e.g. {example}":
        "{file} is een map; geef een bestand op, bijvoorbeeld {example}",
    "{file} already exists and was left as it is; choose another file name, or add --force to "
    "replace it": "{file} bestaat al en is ongewijzigd gelaten; kies een andere bestandsnaam, "
    "of geef --force mee om het te vervangen",
}
# fmt: on
