"""A report is replaced all at once: a full disk, Ctrl-C or a kill while a new report is being
written leaves the earlier report byte for byte, and no temporary file is left for good."""

from __future__ import annotations

import gc
import os
import shutil
import signal
import subprocess
import sys
import textwrap

import pytest

from sim import cli

TINY = """\
days = 12
[audience]
users = 800
[brand]
initial_followers = 60
"""
FILES = ("report-en.pdf", "report-en.pptx", "tables-en.xlsx")


@pytest.fixture(scope="module")
def reported(tmp_path_factory):
    """A run folder with its report written once."""
    root = tmp_path_factory.mktemp("made")
    (root / "tiny.toml").write_text(TINY)
    assert cli.main(["run", str(root / "tiny.toml"), "--out", str(root / "runs"), "--quiet"]) == 0
    run = next((root / "runs" / "tiny").iterdir())
    assert cli.main(["report", str(run)]) == 0
    return run


@pytest.fixture
def run(reported, tmp_path):
    folder = tmp_path / "run"
    shutil.copytree(reported, folder)
    return folder


def _earlier(folder) -> dict:
    return {name: (folder / name).read_bytes() for name in FILES}


def _temporaries(folder) -> list[str]:
    return [p.name for p in folder.iterdir() if ".tmp-" in p.name]


# The workbook's row writer, never run by the stand-in for save, is reported when collected.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_full_disk_while_writing_the_spreadsheet_keeps_the_earlier_one(run, capsys, monkeypatch):
    from openpyxl import Workbook

    before = _earlier(run)

    def full(self, fh):
        fh.write(b"PK\x03\x04 half a workbook")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Workbook, "save", full)
    assert cli.main(["export", str(run)]) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert _earlier(run) == before
    assert _temporaries(run) == []
    gc.collect()  # the unsaved workbook's writers, while their report is ignored


def test_ctrl_c_while_writing_the_pdf_keeps_the_earlier_report(run, monkeypatch):
    from matplotlib.backends.backend_pdf import PdfPages

    before = _earlier(run)
    real = PdfPages.savefig
    pages = []

    def interrupted(self, *args, **kwargs):
        pages.append(1)
        if len(pages) == 3:
            raise KeyboardInterrupt
        return real(self, *args, **kwargs)

    monkeypatch.setattr(PdfPages, "savefig", interrupted)
    assert cli.main(["report", str(run)]) == 130
    assert _earlier(run) == before
    assert _temporaries(run) == []


def test_a_report_killed_mid_write_keeps_the_earlier_one_and_the_next_cleans_up(run):
    before = _earlier(run)
    # A real SIGKILL: the deck's writer writes part of the file, then the process is killed.
    code = textwrap.dedent(f"""
        import os, signal, sys
        import pptx.presentation
        def killed(self, fh):
            fh.write(b"PK\\x03\\x04 half a deck")
            fh.flush()
            os.kill(os.getpid(), signal.SIGKILL)
        pptx.presentation.Presentation.save = killed
        from sim import cli
        sys.exit(cli.main(["report", {str(run)!r}]))
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=300)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    after = _earlier(run)
    # The deck being written, and the spreadsheet not yet reached, as they were; the PDF,
    # finished before the kill, a whole new one.
    assert after["report-en.pptx"] == before["report-en.pptx"]
    assert after["tables-en.xlsx"] == before["tables-en.xlsx"]
    assert after["report-en.pdf"].rstrip().endswith(b"%%EOF")
    assert _temporaries(run) == [f".report-en.pptx.tmp-{_pid_of(run)}"]
    assert cli.main(["report", str(run)]) == 0
    assert _temporaries(run) == []  # the killed writer's temporary removed by the next


def _pid_of(folder) -> int:
    (name,) = _temporaries(folder)
    pid = int(name.rsplit("-", 1)[1])
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # its writer is gone
    return pid
