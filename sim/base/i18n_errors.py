"""The Dutch words a command refuses with: what ``feedsim calibrate`` says of an export it cannot
read or trust (:class:`sim.studies.calibrate.exports.ExportError`), of a calibration it cannot
run, and of its own options (:class:`sim.cli.errors.UserError`), each made as a
:class:`sim.base.i18n.Said` and said in ``--lang``.

Part of the Dutch catalogue of :mod:`sim.base.i18n`, which merges it into its own and looks every
string up through :func:`sim.base.i18n.tr`; kept apart only so neither file grows too long. The
English text is the key; templates keep their {placeholders}. A count that the English writes
with a format (``{n:,}``) arrives in Dutch already written the Dutch way (``20.000``), so the
Dutch template gives it no format.
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
}
# fmt: on
