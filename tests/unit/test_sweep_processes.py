"""Which process a study's work goes in (sim.studies.sweep.processes): whether a core stays idle
beside this process, measured as other programs' use of the machine since a mark, this
process's own work and its finished children's left out."""

from __future__ import annotations

import os
import sys

import pytest

from sim.studies.sweep import processes


def test_others_busy_leaves_out_this_process_and_its_children(monkeypatch):
    # (time, the machine's processor seconds, this process's and its children's)
    mark = (100.0, 50.0, 3.0)
    monkeypatch.setattr(processes, "busy_mark", lambda: (104.0, 58.0, 9.0))
    # 8 s used in 4 s, 6 of them ours: others kept half a core busy.
    assert processes.others_busy(mark) == pytest.approx(0.5)
    monkeypatch.setattr(processes, "busy_mark", lambda: (104.0, 58.0, 12.0))
    assert processes.others_busy(mark) == 0.0  # never below nothing (ticks are coarse)
    assert processes.others_busy(None) is None
    monkeypatch.setattr(processes, "busy_mark", lambda: (100.2, 50.1, 3.0))
    assert processes.others_busy(mark) is None  # too short to tell
    monkeypatch.setattr(processes, "busy_mark", lambda: None)
    assert processes.others_busy(mark) is None  # the machine's use cannot be read


def test_a_core_is_spare_when_others_leave_one_idle(monkeypatch):
    mark = (0.0, 0.0, 0.0)
    for used, spare in ((0.9, True), (1.0, False), (1.5, False)):
        monkeypatch.setattr(processes, "others_busy", lambda since, used=used: used)
        assert processes.spare_core(mark, 2) is spare, used
    monkeypatch.setattr(processes, "others_busy", lambda since: 2.5)
    assert processes.spare_core(mark, 4)
    # Without a measure: the last minute's load average, as before.
    monkeypatch.setattr(processes, "others_busy", lambda since: None)
    monkeypatch.setattr(os, "getloadavg", lambda: (0.5, 0.5, 0.5))
    assert processes.spare_core(None, 2)
    monkeypatch.setattr(os, "getloadavg", lambda: (1.5, 1.5, 1.5))
    assert not processes.spare_core(None, 2)


@pytest.mark.skipif(sys.platform != "linux", reason="reads Linux's /proc/stat")
def test_busy_mark_reads_the_machine_and_this_process():
    first = processes.busy_mark()
    sum(i * i for i in range(2_000_000))  # some work of this process's own
    second = processes.busy_mark()
    assert first is not None and second is not None
    assert all(b >= a for a, b in zip(first, second, strict=True))
    # The machine's count holds this process's own (both counted in clock ticks).
    assert second[1] - first[1] >= second[2] - first[2] - 0.05
