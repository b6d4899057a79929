"""`calibrate` refuses what it cannot trust, naming the file and row, and never changes what it
fits without saying so: counts that are not finite, negative or absurd; reach below likes; a
figure in two columns; a post without the fitted measure; special files, binary data, unknown
encodings; more bytes, posts, simulations or replicates than its limits unless forced."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from sim.cli import main
from sim.studies.calibrate import export_files, exports
from sim.studies.calibrate.exports import ExportError, read_export

DATA = Path(__file__).parents[1] / "data"
HEAD = "Publish time,Reach,Views,Likes,Comments\n"


def _rows(n: int = 10, reach: int = 200) -> list[str]:
    return [f"03/{i + 1:02d}/2024 19:00,{reach + i},{2 * reach},{5 + i},1" for i in range(n)]


def _file(tmp_path: Path, rows: list[str], head: str = HEAD, name: str = "ig.csv") -> Path:
    path = tmp_path / name
    path.write_text(head + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def _refused(path: Path, *parts: str, **kw) -> str:
    with pytest.raises(ExportError) as err:
        read_export(path, "instagram", followers=kw.pop("followers", 500), **kw)
    msg = str(err.value)
    for part in parts:
        assert part in msg, (part, msg)
    return msg


def test_one_missing_reach_is_refused_not_a_silent_switch_to_views(tmp_path):
    rows = _rows()
    rows[3] = "03/04/2024 19:00,NA,400,5,1"
    _refused(_file(tmp_path, rows), "row 5", "no reach (NA)")
    # The same file with its reach filled in fits on reach.
    assert read_export(_file(tmp_path, _rows()), "instagram", followers=500).reach_kind == "reach"


@pytest.mark.parametrize(
    "cell, what",
    [
        ("nan", "not a number"),
        ("inf", "not a number"),
        ("1e308", "more than 10,000,000,000"),
        ("-4", "negative"),
        ("12x", "not a number"),
    ],
)
def test_counts_that_are_not_real_counts_are_refused_with_their_row(tmp_path, cell, what):
    rows = _rows()
    rows[6] = f"03/07/2024 19:00,300,600,{cell},1"
    _refused(_file(tmp_path, rows), "row 8", f"likes = '{cell}'", what)


def test_reach_below_likes_is_refused_with_the_rows(tmp_path):
    rows = _rows()
    rows[1] = "03/02/2024 19:00,10,400,40,1"
    rows[4] = "03/05/2024 19:00,3,400,9,1"
    _refused(_file(tmp_path, rows), "row 3", "row 6", "reach is below likes")


def test_a_figure_in_two_columns_is_refused(tmp_path):
    head = "Publish time,Reach,Likes,Comments,Reach\n"
    rows = [f"03/{i + 1:02d}/2024 19:00,200,5,1,900" for i in range(10)]
    _refused(
        _file(tmp_path, rows, head),
        "reach is in more than one column",
        "'Reach' (column 2)",
        "'Reach' (column 5)",
    )


def test_views_and_impressions_in_one_file_take_the_views_and_say_so(tmp_path):
    head = "Publish time,Reach,Impressions,Views,Likes,Comments\n"
    rows = [f"03/{i + 1:02d}/2024 19:00,200,300,{400 + i},5,1" for i in range(10)]
    ex = read_export(_file(tmp_path, rows, head), "instagram", followers=500)
    assert ex.columns["views"] == "Views" and ex.posts["views"].iloc[0] == 400
    assert any("'Impressions' left aside" in n for n in ex.notes)


def test_impressions_and_views_are_not_fitted_as_one_measure(tmp_path):
    folder = tmp_path / "two"
    folder.mkdir()
    rows = [f"03/{i + 1:02d}/2024 19:00,{300 + i},5,1" for i in range(10)]
    _file(folder, rows, "Publish time,Impressions,Likes,Comments\n", "a.csv")
    rows = [f"04/{i + 1:02d}/2024 19:00,{300 + i},5,1" for i in range(10)]
    _file(folder, rows, "Publish time,Views,Likes,Comments\n", "b.csv")
    _refused(folder, "impressions and views are not the same count", "'Impressions'", "'Views'")


def test_a_reach_column_empty_throughout_leaves_views_and_says_so(tmp_path):
    rows = [f"03/{i + 1:02d}/2024 19:00,NA,{400 + i},5,1" for i in range(10)]
    ex = read_export(_file(tmp_path, rows), "instagram", followers=500)
    assert ex.reach_kind == "views"
    assert any("NA throughout" in n for n in ex.notes)


def test_blank_na_k_and_m_counts(tmp_path):
    head = "Publish time,Reach,Likes,Comments,Shares,Saves\n"
    rows = [f'03/{i + 1:02d}/2024 19:00,"12,400",1.2K,--,,NA' for i in range(9)]
    rows.append('03/10/2024 19:00,3M,"1,234",2,1,4')
    ex = read_export(_file(tmp_path, rows, head), "instagram", followers=500)
    first, last = ex.posts.iloc[0], ex.posts.iloc[-1]
    assert (first["reach"], first["likes"], first["comments"], first["shares"]) == (
        12400,
        1200,
        0,
        0,
    )
    assert (last["reach"], last["likes"]) == (3_000_000, 1234)
    assert any(n.startswith("saves: 9 of 10 posts have none") for n in ex.notes)


def test_fifo_and_devices_are_refused_before_opening(tmp_path):
    fifo = tmp_path / "export.csv"
    os.mkfifo(fifo)  # no writer: opening it for reading would block
    _refused(fifo, "not a regular file")
    if Path("/dev/zero").exists():
        _refused(Path("/dev/zero"), "not a regular file")


def test_size_and_post_limits_and_force(tmp_path, monkeypatch):
    path = _file(tmp_path, _rows(30))
    monkeypatch.setattr(export_files, "MAX_BYTES", 200)
    _refused(path, "more than the 0 MB", "--force")
    monkeypatch.setattr(export_files, "MAX_BYTES", 50 * 2**20)
    monkeypatch.setattr(exports, "MAX_POSTS", 20)
    _refused(path, "30 posts, more than the 20", "--force")
    assert len(read_export(path, "instagram", followers=500, force=True).posts) == 30


def test_binary_and_unreadable_encodings_are_named(tmp_path):
    png = tmp_path / "chart.csv"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    _refused(png, "is a binary file")
    junk = tmp_path / "junk.csv"
    junk.write_bytes(bytes(range(1, 9)) * 50 + b"\x00" * 10)
    _refused(junk, "is a binary file")
    # 0x81 and 0x8f are neither UTF-8 here nor defined in Windows-1252.
    odd = tmp_path / "odd.csv"
    odd.write_bytes(HEAD.encode() + b"03/01/2024 19:00,\x81\x8f,1,1,1\n")
    _refused(odd, "unreadable encoding", "0x81")


@pytest.mark.parametrize(
    "bom, encoding", [(b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"), (b"", "utf-16-le")]
)
def test_utf16_with_or_without_its_mark(tmp_path, bom, encoding):
    path = tmp_path / "u16.csv"
    path.write_bytes(bom + (HEAD + "\n".join(_rows())).encode(encoding))
    ex = read_export(path, "instagram", followers=500)
    assert ex.posts["reach"].tolist() == [200.0 + i for i in range(10)]


@pytest.mark.parametrize(
    "bom, encoding", [(b"", "cp1252"), (b"\xef\xbb\xbf", "utf-8"), (b"\xef\xbb\xbf", "cp1252")]
)
def test_dutch_excel_save_keeps_working(tmp_path, bom, encoding):
    """Excel's Dutch 'CSV' save: semicolons, decimal commas, '1-3-2024 19:37', Windows-1252
    (and as 'CSV UTF-8' with a BOM, and a BOM over Windows-1252 text)."""
    head = "Publicatietijd;Bereik;Vind-ik-leuks;Opmerkingen;Omschrijving\n"
    rows = [f"{i + 1}-3-2024 19:37;{1000 + i};{3 + i};1;café {i}, ‘ja’" for i in range(10)]
    rows[0] = "1-3-2024 19:37;1.234;2,0;1;crème"
    text = head + "\n".join(rows) + "\n"
    path = tmp_path / "excel.csv"
    path.write_bytes(bom + text.encode(encoding))
    ex = read_export(path, "instagram", followers=800)
    first = ex.posts.iloc[0]
    assert (
        first["reach"],
        first["likes"],
        first["posted_at"].day,
        first["posted_at"].month,
        first["posted_at"].hour,
    ) == (1234, 2.0, 1, 3, 19)
    assert ex.language == "nl" and ex.columns["posted_at"] == "Publicatietijd"


def test_sep_line_and_title_lines_above_the_header(tmp_path):
    path = tmp_path / "titled.csv"
    path.write_text(
        "sep=;\nInstagram posts\nExported 2024-04-01\n"
        + HEAD.replace(",", ";")
        + "\n".join(r.replace(",", ";") for r in _rows()),
        encoding="utf-8",
    )
    ex = read_export(path, "instagram", followers=500)
    assert len(ex.posts) == 10 and ex.posts["likes"].iloc[0] == 5


@pytest.mark.parametrize(
    "option, value, limit",
    [
        ("--sims", "10000000", "20,000"),
        ("--refine", "5000", "2,000"),
        ("--replicates", "10000000", "200"),
    ],
)
def test_cli_limits_name_the_option_and_force(capsys, tmp_path, option, value, limit):
    code = main(
        [
            "calibrate",
            str(DATA / "instagram_export_en.csv"),
            "--platform",
            "instagram",
            option,
            value,
            "--out",
            str(tmp_path),
        ]
    )
    err = capsys.readouterr().err
    assert code == 2 and f"{option} {int(value):,} is more than {limit}" in err and "--force" in err
    assert "Traceback" not in err


def test_exports_of_one_post_taken_on_different_days_are_not_mixed(tmp_path):
    folder = tmp_path / "two"
    folder.mkdir()
    head = "Publish time,Permalink,Reach,Likes,Comments\n"
    rows = [f"03/{i + 1:02d}/2024 19:00,https://ig/p/{i},{200 + i},5,1" for i in range(10)]
    _file(folder, rows, head, "march.csv")
    # The same posts again, identical: read once.
    _file(folder, rows, head, "march_copy.csv")
    assert len(read_export(folder, "instagram", followers=500).posts) == 10
    # The same post a week later has gathered more reach: another export date.
    rows[2] = "03/03/2024 19:00,https://ig/p/2,350,7,1"
    _file(folder, rows, head, "march_later.csv")
    _refused(
        folder,
        "march.csv row 4",
        "march_later.csv row 4",
        "https://ig/p/2",
        "exports taken on different dates",
    )


def test_a_zip_that_unpacks_past_the_limit_is_refused(tmp_path, monkeypatch):
    import zipfile

    path = tmp_path / "TikTok_20240301-20240331.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("Content.csv", HEAD + "\n".join(_rows()) + "\n" + "0," * 200_000)
    assert path.stat().st_size < 5_000
    monkeypatch.setattr(export_files, "MAX_BYTES", 100_000)
    _refused(path, "Content.csv", "unpacks to", "--force")


def test_a_fifo_inside_a_folder_is_named(tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    _file(folder, _rows(), name="a.csv")
    os.mkfifo(folder / "b.csv")
    _refused(folder, "b.csv is not a regular file")


# Words an English refusal and its Dutch share: Dutch words spelled alike ("is", "in", "of"),
# loanwords the Dutch uses ("export", "post", "likes", "laptop") and names (the command, its
# options, the platform).
SHARED = {"is", "in", "of", "export", "post", "posts", "likes", "account", "download", "laptop"}
SHARED |= {"feedsim", "calibrate", "sims", "force", "instagram"}


def _english_in_dutch(en: str, nl: str, *names: str) -> set[str]:
    """The words of the English sentence its Dutch one still says, leaving out the names both
    quote: ``names``, the column names listed ('a / b') and the values quoted ('12x')."""

    def words(text: str) -> set[str]:
        for name in names:
            text = text.replace(name, " ")
        text = re.sub(r"\([^()]* / [^()]*\)|'[^']*'", " ", text)
        return {w.casefold() for w in re.findall(r"[A-Za-z]+", text)}

    return (words(en) & words(nl)) - SHARED


def _said(capsys, argv: list[str], lang: str) -> str:
    assert main(["calibrate", *argv, "--platform", "instagram", "--lang", lang]) == 2
    return capsys.readouterr().err


def test_a_file_that_is_not_an_export_is_refused_in_dutch(capsys):
    path = DATA / "not_an_export.csv"
    en, nl = (_said(capsys, [str(path)], lang) for lang in ("en", "nl"))
    assert en == (
        f"feedsim calibrate: {path} is not a post-level instagram export: no column for the "
        "time of each post (Publish time / Publicatietijdstip / Publicatietijd / Tijdstip van "
        "publicatie / Veröffentlichungszeitpunkt / Veröffentlichungszeit); its reach or views "
        "(Reach / Bereik / Reichweite / Views / Impressions / Weergaven / Impressies / Aufrufe / "
        "Impressionen); its likes (Likes / Vind-ik-leuks / Gefällt mir); its comments (Comments "
        "/ Opmerkingen / Reacties / Kommentare). Found columns: 'Order', 'Date', 'Customer', "
        "'Amount'. Download the post-level export from Meta Business Suite (Insights > Content "
        "> Export), or rename the columns to one of the names listed\n"
    )
    assert nl == (
        f"feedsim calibrate: {path} is geen Instagram-export per post: er is geen kolom voor het "
        "tijdstip van elke post (Publish time / Publicatietijdstip / Publicatietijd / Tijdstip "
        "van publicatie / Veröffentlichungszeitpunkt / Veröffentlichungszeit); het bereik of de "
        "weergaven (Reach / Bereik / Reichweite / Views / Impressions / Weergaven / Impressies / "
        "Aufrufe / Impressionen); de likes (Likes / Vind-ik-leuks / Gefällt mir); de reacties "
        "(Comments / Opmerkingen / Reacties / Kommentare). Gevonden kolommen: 'Order', 'Date', "
        "'Customer', 'Amount'. Download de export per post uit Meta Business Suite (Insights > "
        "Content > Export), of geef de kolommen een van de genoemde namen\n"
    )
    assert _english_in_dutch(en, nl, str(path), "Meta Business Suite (Insights > Content") == set()


def test_a_count_that_is_not_a_number_is_refused_in_dutch(capsys, tmp_path):
    rows = _rows()
    rows[6] = "03/07/2024 19:00,300,600,7,12x"
    path = _file(tmp_path, rows)
    en, nl = (_said(capsys, [str(path), "--followers", "500"], lang) for lang in ("en", "nl"))
    assert en == f"feedsim calibrate: {path} row 8: comments = '12x' is not a number\n"
    assert nl == f"feedsim calibrate: {path} rij 8: reacties = '12x' is geen getal\n"
    assert _english_in_dutch(en, nl, str(path)) == set()


def test_too_many_posts_are_refused_in_dutch_with_dutch_counts(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(exports, "MAX_POSTS", 1000)
    path = _file(
        tmp_path, [f"2024-03-01 {i // 60 % 24:02d}:{i % 60:02d},9,9,1,1" for i in range(1200)]
    )
    en, nl = (_said(capsys, [str(path), "--followers", "500"], lang) for lang in ("en", "nl"))
    assert en == (
        f"feedsim calibrate: {path}: 1,200 posts, more than the 1,000 one account's export holds "
        "in years; check it is one account's file, or pass --force to fit on all of them (slow)\n"
    )
    assert nl == (
        f"feedsim calibrate: {path}: 1.200 posts, meer dan de 1.000 die de export van één account "
        "in jaren bevat; controleer of het bestand van één account is, of geef --force mee om op "
        "alle posts te schatten (traag)\n"
    )
    assert _english_in_dutch(en, nl, str(path)) == set()


@pytest.mark.parametrize(
    "option, value, english, dutch",
    [
        (
            "--sims",
            "10",
            "--sims must be at least 50; got 10",
            "--sims moet minstens 50 zijn; opgegeven: 10",
        ),
        (
            "--sims",
            "10000000",
            "--sims 10,000,000 is more than 20,000, which already takes hours and memory a laptop "
            "may not have; pass --force to run it anyway",
            "--sims 10.000.000 is meer dan 20.000, en dat kost al uren en meer geheugen dan een "
            "laptop misschien heeft; geef --force mee om het toch te draaien",
        ),
        (
            "--holdout",
            "1.5",
            "--holdout must be at least 0 and below 1; got 1.5",
            "--holdout moet minstens 0 en kleiner dan 1 zijn; opgegeven: 1.5",
        ),
    ],
)
def test_an_option_out_of_range_is_refused_in_dutch(capsys, option, value, english, dutch):
    argv = [str(DATA / "instagram_export_en.csv"), option, value, "--workers", "1", "--quiet"]
    en, nl = (_said(capsys, argv, lang) for lang in ("en", "nl"))
    assert (en, nl) == (f"feedsim calibrate: {english}\n", f"feedsim calibrate: {dutch}\n")
    assert _english_in_dutch(en, nl, option) == set()


@pytest.mark.parametrize("sep", [";", "\t"])
def test_a_file_no_separator_reads_names_the_columns_it_splits_into(tmp_path, sep):
    # A semicolon file of unknown columns was read with commas: "Found columns: 'a;b;c'".
    path = tmp_path / "bad.csv"
    path.write_text(f"a{sep}b{sep}c\n1{sep}2{sep}3\n4{sep}5{sep}6\n", encoding="utf-8")
    _refused(path, "Found columns: 'a', 'b', 'c'.")


def test_known_headers_still_choose_the_separator_over_a_wider_split(tmp_path):
    # The comma finds the headers, though semicolons inside a text cell split the row wider.
    head = "Publish time,Reach,Likes,Comments,Note\n"
    rows = [f"03/{i + 1:02d}/2024 19:00,{200 + i},5,1,a;b;c;d;e;f" for i in range(10)]
    ex = read_export(_file(tmp_path, rows, head), "instagram", followers=500)
    assert ex.posts["reach"].tolist() == [200.0 + i for i in range(10)]
