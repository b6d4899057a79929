"""sim.base.safe_io: readers take regular files only, inside their folder and within a limit;
writers replace a file all at once, never through a link out of the folder; text is never a
formula."""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import string
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.base import safe_io
from sim.base.safe_io import FileRefusedError

MB = 1024 * 1024


@contextlib.contextmanager
def no_hang(seconds: int = 20):
    """Fail (rather than hang the suite) if the block blocks: a FIFO opened for reading waits
    for a writer forever."""

    def alarm(*_):
        raise TimeoutError("the reader blocked")

    old = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


@pytest.fixture
def folder(tmp_path):
    f = tmp_path / "results"
    f.mkdir()
    (f / "days.csv").write_text("day,followers\n0,1\n1,2\n")
    return f


READERS = [
    lambda p, f: safe_io.read_bytes(p, "day table", f),
    lambda p, f: safe_io.read_text(p, "day table", f),
    lambda p, f: safe_io.read_toml(p, "spec", f),
    lambda p, f: safe_io.read_json(p, "metadata", f),
    lambda p, f: safe_io.read_csv(p, "day table", f),
    lambda p, f: safe_io.read_parquet(p, "day table", f),
    lambda p, f: safe_io.parquet_schema(p, "day table", f),
]


@pytest.mark.parametrize("read", READERS)
def test_a_fifo_is_refused_at_once_and_named(folder, read):
    fifo = folder / "pipe.csv"
    os.mkfifo(fifo)
    with no_hang(), pytest.raises(FileRefusedError, match="pipe.csv is not a regular file"):
        read(fifo, folder)
    with no_hang(), pytest.raises(FileRefusedError, match="not a regular file"):
        read(fifo, None)  # a direct input, no folder


@pytest.mark.parametrize("read", READERS)
def test_dev_zero_is_refused_directly_and_through_a_link(folder, read):
    before = _maxrss_mb()
    with no_hang(), pytest.raises(FileRefusedError, match="/dev/zero is not a regular file"):
        read("/dev/zero", None)
    link = folder / "meta.json"
    link.symlink_to("/dev/zero")
    with (
        no_hang(),
        pytest.raises(
            FileRefusedError,
            match=r"meta.json: .*link to /dev/zero, "
            r"outside",
        ),
    ):
        read(link, folder)
    assert _maxrss_mb() - before < 200  # nothing was read into memory


def test_a_link_inside_the_folder_is_followed_one_leaving_it_is_refused(folder, tmp_path):
    (folder / "copy.csv").symlink_to(folder / "days.csv")
    assert safe_io.read_text(folder / "copy.csv", "table", folder).startswith("day,")
    outside = tmp_path / "secret.csv"
    outside.write_text("day\n0\n")
    (folder / "leak.csv").symlink_to(outside)
    with pytest.raises(FileRefusedError, match=r"leak.csv: this table is a link to .*secret"):
        safe_io.read_text(folder / "leak.csv", "table", folder)
    # Without a folder (a file the user named) the link is the user's choice.
    assert safe_io.read_text(folder / "leak.csv", "table") == "day\n0\n"


def test_folders_missing_files_and_large_files(folder):
    with pytest.raises(FileRefusedError, match="is a folder, not a table"):
        safe_io.read_bytes(folder, "table")
    with pytest.raises(FileNotFoundError, match="gone.csv: no such table"):
        safe_io.read_bytes(folder / "gone.csv", "table", folder)
    big = folder / "big.toml"
    big.write_bytes(b"#" * 5000)
    with pytest.raises(FileRefusedError, match="5,000 bytes; a spec holds at most 4,096"):
        safe_io.read_bytes(big, "spec", folder, limit=4096)


def test_text_encodings_named(folder):
    path = folder / "s.toml"
    path.write_bytes(b"\xef\xbb\xbfdays = 3\n")  # Notepad's byte-order mark
    assert safe_io.read_toml(path, "scenario file") == {"days": 3}
    path.write_bytes("days = 3\n".encode("utf-16"))
    with pytest.raises(
        FileRefusedError,
        match=r"s.toml: this scenario file is UTF-16 text, "
        "not UTF-8",
    ):
        safe_io.read_text(path, "scenario file")
    path.write_bytes(b"\x8f\x90 binary \x00\x01")
    with pytest.raises(FileRefusedError, match=r"s.toml: this scenario file is not UTF-8 text"):
        safe_io.read_text(path, "scenario file")
    path.write_bytes(b"caf\xe9 = 1\n")  # cp1252
    with pytest.raises(FileRefusedError, match=r"not UTF-8 text .*save it as UTF-8"):
        safe_io.read_text(path, "scenario file")


def test_a_cut_csv_is_refused_when_whole_is_asked(folder):
    path = folder / "days.csv"
    path.write_bytes(b"day,followers\n0,1\n1,2")
    assert len(safe_io.read_csv(path, "day table", folder)) == 2
    with pytest.raises(ValueError, match="days.csv: this day table is cut"):
        safe_io.read_csv(path, "day table", folder, whole=True)
    path.write_bytes(b"")
    with pytest.raises(ValueError, match="days.csv: this day table is empty"):
        safe_io.read_csv(path, "day table", folder)


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------


def test_an_interrupted_write_leaves_the_earlier_file_and_no_temporary(folder):
    target = folder / "report-en.pdf"
    target.write_bytes(b"the earlier report")
    for exc in (KeyboardInterrupt(), OSError(28, "No space left on device")):
        with pytest.raises(type(exc)), safe_io.atomic_file(target, folder) as fh:
            fh.write(b"half a new rep")
            raise exc
        assert target.read_bytes() == b"the earlier report"
        assert not [p for p in os.listdir(folder) if ".tmp-" in p]
    safe_io.atomic_write(target, b"the new report", folder)
    assert target.read_bytes() == b"the new report"


def test_a_link_out_of_the_folder_is_never_written_through(folder, tmp_path):
    outside = tmp_path / "outside.xlsx"
    outside.write_bytes(b"not yours")
    target = folder / "tables-en.xlsx"
    target.symlink_to(outside)
    with pytest.raises(FileRefusedError, match=r"tables-en.xlsx is a link to .*outside.xlsx"):
        safe_io.atomic_write(target, b"data", folder)
    assert outside.read_bytes() == b"not yours"
    # A link inside the folder is replaced by the file; the file it pointed to is kept.
    inner = folder / "old.xlsx"
    inner.write_bytes(b"old")
    target.unlink()
    target.symlink_to(inner)
    safe_io.atomic_write(target, b"new", folder)
    assert not target.is_symlink() and target.read_bytes() == b"new"
    assert inner.read_bytes() == b"old"


def test_a_folder_linked_elsewhere_is_refused(folder, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (folder / "charts-nl").symlink_to(elsewhere)
    with pytest.raises(FileRefusedError, match="charts-nl: this folder is a link to"):
        safe_io.make_folder(folder / "charts-nl", folder)
    with pytest.raises(FileRefusedError):
        safe_io.atomic_write(folder / "charts-nl" / "a.png", b"x", folder)
    assert list(elsewhere.iterdir()) == []
    assert safe_io.make_folder(folder / "charts-en", folder).is_dir()


def test_temporaries_of_killed_writers_are_removed(folder):
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    stale = folder / f".days.parquet.tmp-{int(dead.stdout)}"
    stale.write_bytes(b"half")
    mine = folder / f".runs.csv.tmp-{os.getppid()}"  # a live process: perhaps still writing
    mine.write_bytes(b"busy")
    assert safe_io.clean_stale(folder) == [stale]
    assert not stale.exists() and mine.exists()


# ---------------------------------------------------------------------------------------------
# Text is never a formula
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["=1+1", "+31 6 1234", "-2+3", "@SUM(A1)", "\tx", "\rx", "'=already", "''-x"]
)
def test_formula_text_is_quoted_and_restored(text):
    quoted = safe_io.neutral(text)
    assert quoted == "'" + text
    assert safe_io.restore(quoted) == text


@given(st.text(alphabet=string.printable + "'é€", max_size=12))
@settings(max_examples=200, deadline=None, derandomize=True, database=None)
def test_neutral_round_trips_and_never_starts_a_formula(text):
    quoted = safe_io.neutral(text)
    assert not quoted.startswith(safe_io.FORMULA_STARTS)
    assert safe_io.restore(quoted) == text


def test_numbers_stay_numbers():
    frame = pd.DataFrame(
        {"arm": ["=evil", "plain", "-3"], "delta": [-5, 2, 0], "share": [-0.5, np.nan, 1.0]}
    )
    out = safe_io.neutral_frame(frame)
    assert out["arm"].tolist() == ["'=evil", "plain", "'-3"]
    assert out["delta"].tolist() == [-5, 2, 0] and out["delta"].dtype == frame["delta"].dtype
    assert out["share"].equals(frame["share"])
    text = safe_io.csv_bytes(frame, index=False).decode()
    assert text.splitlines()[1:] == ["'=evil,-5,-0.5", "plain,2,", "'-3,0,1.0"]
    assert frame["arm"].tolist() == ["=evil", "plain", "-3"]  # the caller's table is unchanged
