"""Reading and writing the project's files safely: regular files only, inside their folder,
within a size limit, and written all at once.

Every file a command reads (a scenario, sweep or comparison file, an export, and every file of
a results folder) goes through :func:`open_regular`: it is opened without blocking and checked
*after* opening (``fstat``) to be a regular file, so a FIFO, a device such as ``/dev/zero``, a
socket or a folder is refused at once, and a file larger than the reader's limit is refused
before it is read. A file of a results folder may be a symbolic link only to somewhere inside
that folder: a link that leaves it is refused, so a folder someone else prepared cannot make a
report read (or embed) a file from elsewhere.

Every file a command writes goes through :func:`atomic_file`: it is written under a temporary
name in the same folder and renamed onto its name, so a kill or a full disk mid-write leaves the
earlier file whole; the temporary is removed on any exit, including Ctrl-C, and temporaries left
by a killed process are removed by the next writer. Renaming onto a symbolic link replaces the
link, never the file it points to; a target or a folder that links outside its folder is refused.

Text cells written to spreadsheets and CSV files pass :func:`neutral` (spreadsheet text that is
never a formula; :mod:`sim.base.cells`, whose names this module re-exports).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from sim.base.cells import (  # noqa: F401  (re-exported: the cells every table writer uses)
    FORMULA_STARTS,
    csv_bytes,
    neutral,
    neutral_frame,
    restore,
    restore_frame,
)

# Limits: the files a person writes (scenario, sweep, comparison files) are a few kilobytes;
# the metadata a command writes (TOML, JSON) stays under a few megabytes even for sweeps of
# thousands of points; tables and charts may be large, but never without bound.
INPUT_LIMIT = 1_000_000
META_LIMIT = 64_000_000
TABLE_LIMIT = 16_000_000_000
IMAGE_LIMIT = 64_000_000

_TMP = re.compile(r"^\.(?P<name>.+)\.tmp-(?P<pid>\d+)$")


class FileRefusedError(OSError):
    """A file a command will not read or write: not a regular file, too large, a link leaving
    its folder, not UTF-8 text. The message names the file and says why."""


# ---------------------------------------------------------------------------------------------
# Folders
# ---------------------------------------------------------------------------------------------


def _a(what: str) -> str:
    """``what`` with its article: "a run file", "an export"."""
    return f"{'an' if what[:1].lower() in 'aeiou' else 'a'} {what}"


def inside(root: str | Path, path: str | Path) -> bool:
    """Whether ``path`` resolves (links followed) to ``root`` itself or somewhere below it."""
    root_r, path_r = Path(os.path.realpath(root)), Path(os.path.realpath(path))
    return path_r == root_r or root_r in path_r.parents


def _check_inside(path: Path, folder: str | Path | None, what: str) -> None:
    if folder is not None and not inside(folder, path):
        raise FileRefusedError(
            f"{path}: this {what} is a link to {os.path.realpath(path)}, "
            f"outside {folder}; a result folder's files stay inside it "
            "(replace the link by the file itself)"
        )


def make_folder(path: str | Path, folder: str | Path | None = None) -> Path:
    """Create the folder ``path`` (and its parents) if it is missing and return it.

    Args:
        folder: if given, ``path`` must resolve inside it: an existing ``path`` that is a link
            to a folder elsewhere is refused, so nothing is written through it.

    Raises:
        FileRefusedError: ``path`` leaves ``folder``, or is a file.
    """
    path = Path(path)
    _check_inside(path, folder, "folder")
    path.mkdir(parents=True, exist_ok=True)
    _check_inside(path, folder, "folder")  # made by someone else between the two
    if not path.is_dir():
        raise FileRefusedError(f"{path} is not a folder")
    return path


# ---------------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------------


def open_regular(
    path: str | Path, what: str = "file", folder: str | Path | None = None, limit: int = TABLE_LIMIT
) -> IO[bytes]:
    """Open ``path`` for reading in binary, if it is a regular file of at most ``limit`` bytes.

    Args:
        path: the file.
        what: what the file is, for messages ("scenario file", "day table", ...).
        folder: the folder the file belongs to: a link leading out of it is refused.
        limit: the largest size accepted.

    Raises:
        FileNotFoundError: no such file (the message names it).
        FileRefusedError: a folder, a FIFO, a device or a socket, a link out of ``folder``,
            or more than ``limit`` bytes. Never blocks: a FIFO is opened without waiting.
    """
    path = Path(path)
    _check_inside(path, folder, what)
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    target: str | Path = path
    if folder is not None:
        target = os.path.realpath(path)  # checked inside above; the last step may not change
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(target, flags)
    except FileNotFoundError:
        raise FileNotFoundError(f"{path}: no such {what}") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise FileRefusedError(
                f"{path}: this {what} was replaced by a link while being opened; refusing it"
            ) from None
        raise FileRefusedError(f"{path}: cannot read this {what}: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise FileRefusedError(f"{path} is a folder, not {_a(what)}")
        if not stat.S_ISREG(info.st_mode):
            raise FileRefusedError(
                f"{path} is not a regular file (a pipe, socket or device); "
                f"{_a(what)} must be an ordinary file"
            )
        if info.st_size > limit:
            raise FileRefusedError(
                f"{path} is {info.st_size:,} bytes; {_a(what)} holds at most "
                f"{limit:,} bytes (is it the right file?)"
            )
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_bytes(
    path: str | Path, what: str = "file", folder: str | Path | None = None, limit: int = META_LIMIT
) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (see :func:`open_regular`); at
    most ``limit + 1`` bytes are ever read, so a file growing while it is read is refused."""
    with open_regular(path, what, folder, limit) as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise FileRefusedError(f"{path}: more than {limit:,} bytes; {_a(what)} is smaller")
    return data


def decode_text(data: bytes, path: str | Path, what: str = "file") -> str:
    """``data`` as UTF-8 text, a leading byte-order mark dropped.

    Raises:
        FileRefusedError: UTF-16 or UTF-32 text, binary data or other encodings, with the file
            named and the fix.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileRefusedError(f"{path}: this {what} is UTF-16 text, not UTF-8; save it as UTF-8")
    if b"\x00" in data[:4096]:
        raise FileRefusedError(
            f"{path}: this {what} is not UTF-8 text (it holds binary data); is it the right file?"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileRefusedError(
            f"{path}: this {what} is not UTF-8 text ({exc.reason} at byte "
            f"{exc.start}); save it as UTF-8"
        ) from None


def read_text(
    path: str | Path, what: str = "file", folder: str | Path | None = None, limit: int = META_LIMIT
) -> str:
    """The UTF-8 text of a regular file (a byte-order mark dropped); see :func:`read_bytes`."""
    return decode_text(read_bytes(path, what, folder, limit), path, what)


def read_toml(
    path: str | Path, what: str = "file", folder: str | Path | None = None, limit: int = META_LIMIT
) -> dict[str, Any]:
    """A TOML file as a dict.

    Raises:
        FileRefusedError: as :func:`read_text`.
        ValueError: not valid TOML (the message names the file).
    """
    import tomllib

    text = read_text(path, what, folder, limit)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path}: not valid TOML: {exc}") from None
    except RecursionError:
        raise ValueError(f"{path}: tables or lists nested too deeply") from None


def read_json(
    path: str | Path, what: str = "file", folder: str | Path | None = None, limit: int = META_LIMIT
) -> Any:
    """A JSON file's value. Raises ValueError naming the file if it is not valid JSON."""
    import json

    text = read_text(path, what, folder, limit)
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise ValueError(f"{path}: not valid JSON: {exc}") from None


def read_csv(
    path: str | Path,
    what: str = "table",
    folder: str | Path | None = None,
    limit: int = TABLE_LIMIT,
    whole: bool = False,
    **options,
):
    """A CSV table the project wrote, as a pandas DataFrame, its text cells restored
    (:func:`restore`). ``options`` go to ``pandas.read_csv``.

    Args:
        whole: refuse a table whose last line is cut (every table the project writes ends with
            a line break: one without was cut by a full disk, a copy or an edit).

    Raises:
        FileRefusedError: as :func:`open_regular`.
        ValueError: an empty, cut or damaged table (pandas' errors), naming the file.
    """
    import pandas as pd

    with open_regular(path, what, folder, limit) as fh:
        if whole and os.fstat(fh.fileno()).st_size:
            fh.seek(-1, os.SEEK_END)
            if fh.read(1) != b"\n":
                raise ValueError(
                    f"{path}: this {what} is cut (its last line is not whole); rerun what wrote it"
                )
            fh.seek(0)
        try:
            frame = pd.read_csv(fh, **options)
        except pd.errors.EmptyDataError:
            raise ValueError(f"{path}: this {what} is empty") from None
        except (pd.errors.ParserError, UnicodeDecodeError) as exc:
            detail = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ""
            raise ValueError(f"{path}: this {what} is damaged ({detail})") from None
    return restore_frame(frame)


def read_study_table(folder: str | Path, name: str, study: str):
    """A finished study's result table ``name`` in ``folder`` (text cells kept as written, empty
    cells as missing), for the study named ``study`` in the message.

    Raises:
        FileNotFoundError: the table is not there yet: the study has not finished.
        FileRefusedError, ValueError: as :func:`read_csv`.
    """
    path = Path(folder) / name
    if not path.exists():
        raise FileNotFoundError(
            f"{folder} has no {name}: the {study} has not finished; run "
            "the same command again to complete it"
        )
    return read_csv(path, "result table", folder, whole=True, keep_default_na=False, na_values=[""])


def read_parquet(
    path: str | Path,
    what: str = "table",
    folder: str | Path | None = None,
    columns: list[str] | None = None,
    limit: int = TABLE_LIMIT,
):
    """A Parquet file as a pyarrow Table (``columns``: only these).

    Raises:
        FileRefusedError: as :func:`open_regular`.
        ValueError: not a Parquet file, or a cut one (pyarrow's errors), naming the file.
    """
    import pyarrow.parquet as pq

    with open_regular(path, what, folder, limit) as fh:
        try:
            return pq.read_table(fh, columns=columns, use_threads=False)
        except (OSError, ValueError) as exc:  # ArrowInvalid is a ValueError
            detail = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ""
            raise ValueError(f"{path}: this {what} is cut or not Parquet ({detail})") from None


def parquet_schema(
    path: str | Path,
    what: str = "table",
    folder: str | Path | None = None,
    limit: int = TABLE_LIMIT,
):
    """A Parquet file's schema (with its metadata), read from its footer."""
    import pyarrow.parquet as pq

    with open_regular(path, what, folder, limit) as fh:
        try:
            return pq.read_schema(fh)
        except (OSError, ValueError) as exc:
            detail = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ""
            raise ValueError(f"{path}: this {what} is cut or not Parquet ({detail})") from None


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process: alive
    return True


def clean_stale(folder: str | Path, name: str | None = None) -> list[Path]:
    """Remove temporaries (``.NAME.tmp-PID``) left in ``folder`` by writers that were killed
    (whose process no longer runs); only those of ``name`` if given. Returns what was removed."""
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        m = _TMP.match(entry.name)
        if not m or (name is not None and m["name"] != name):
            continue
        pid = int(m["pid"])
        if pid == os.getpid() or _alive(pid):
            continue
        with contextlib.suppress(OSError):
            if entry.is_dir(follow_symlinks=False):
                continue
            os.unlink(entry.path)
            removed.append(Path(entry.path))
    return removed


def temporary_name(path: str | Path) -> Path:
    """The temporary a writer of ``path`` uses: ``.NAME.tmp-PID`` beside it."""
    path = Path(path)
    return path.with_name(f".{path.name}.tmp-{os.getpid()}")


def check_target(path: str | Path, folder: str | Path | None = None) -> Path:
    """Check that ``path`` may be written: its folder (and ``path`` itself, if it is a link)
    stays inside ``folder`` (default: the folder ``path`` is in), and it is not a folder.

    Raises:
        FileRefusedError: naming the file and why.
    """
    path = Path(path)
    parent = path.parent
    if folder is not None:
        _check_inside(parent, folder, "folder")
    if path.is_symlink() and not inside(folder if folder is not None else parent, path):
        raise FileRefusedError(
            f"{path} is a link to {os.path.realpath(path)}, outside "
            f"{folder if folder is not None else parent}; refusing to write "
            "through it (remove the link)"
        )
    if path.is_dir() and not path.is_symlink():
        raise FileRefusedError(f"{path} is a folder; cannot write a file there")
    return path


@contextlib.contextmanager
def atomic_file(
    path: str | Path, folder: str | Path | None = None, fsync: bool = False, clean: bool = True
) -> Iterator[IO[bytes]]:
    """Write ``path`` all at once: yields a binary file to write into; when the block ends
    without error the file takes ``path``'s place (a reader sees the old file or the new one).

    The temporary is created afresh (never through a link) beside ``path`` and removed if the
    block raises or is interrupted. ``fsync``: also wait until the file is on the disk (so it
    survives a power cut, not only a kill). ``clean``: first remove temporaries of ``path`` left
    by killed writers (a look through the folder: a writer of many files into one folder, such
    as a sweep's run files, cleans once at its start instead). A link at ``path`` is replaced
    by the file, not written through; a link out of ``folder`` is refused (see
    :func:`check_target`).
    """
    path = check_target(path, folder)
    if clean:
        clean_stale(path.parent, path.name)
    tmp = temporary_name(path)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)  # this very process's, left by an earlier failure
    flags = (
        os.O_WRONLY
        | os.O_CREAT
        | os.O_EXCL
        | getattr(os, "O_NOFOLLOW", 0)
        | getattr(os, "O_CLOEXEC", 0)
    )
    fd = os.open(tmp, flags, 0o644)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            if fsync:
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        # Ctrl-C, a kill signal turned into an exception, a full disk: no half file is left.
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def atomic_write(
    path: str | Path,
    data: bytes,
    folder: str | Path | None = None,
    fsync: bool = False,
    clean: bool = True,
) -> Path:
    """Write ``data`` to ``path`` all at once (see :func:`atomic_file`)."""
    with atomic_file(path, folder, fsync, clean) as fh:
        fh.write(data)
    return Path(path)
