"""Sweeps on a real Dask cluster started as separate processes (``dask scheduler`` and ``dask
worker``, on loopback only): the same ``runs.csv`` as the local process pool, also when a worker
is killed mid-sweep (its runs are done again elsewhere, nothing is lost); a worker that returns a
crafted object instead of a run file cannot run code in the sweep's process, and its runs are
recorded as failed.

Runs are tiny (500 users, 10 days) so the whole module takes seconds beyond process start-up.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed")

import sim  # noqa: E402
from sim.scenario import resolve  # noqa: E402
from sim.studies import sweep  # noqa: E402

DASK = Path(sys.executable).with_name("dask")
pytestmark = [
    pytest.mark.cluster,
    pytest.mark.skipif(
        not DASK.exists() and shutil.which("dask") is None,
        reason="the `dask` command is not installed",
    ),
]
ROOT = Path(sim.__file__).resolve().parents[1]


def _env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def _dask(*args: str, cwd: Path) -> subprocess.Popen:
    exe = str(DASK) if DASK.exists() else shutil.which("dask")
    return subprocess.Popen(
        [exe, *args],
        cwd=cwd,
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


class Cluster:
    """A scheduler and its workers, each a process of its own on 127.0.0.1."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.file = folder / "scheduler.json"
        self.procs: list[subprocess.Popen] = [
            _dask(
                "scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--no-dashboard",
                "--scheduler-file",
                str(self.file),
                cwd=folder,
            )
        ]
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not self.file.exists():
            time.sleep(0.1)
        assert self.file.exists(), "the scheduler did not start"
        time.sleep(0.2)
        self.address = json.loads(self.file.read_text())["address"]

    def worker(self, *extra: str) -> subprocess.Popen:
        proc = _dask(
            "worker",
            "--scheduler-file",
            str(self.file),
            "--host",
            "127.0.0.1",
            "--nthreads",
            "1",
            "--no-nanny",
            "--no-dashboard",
            "--death-timeout",
            "30",
            *extra,
            cwd=self.folder,
        )
        self.procs.append(proc)
        return proc

    def wait_for(self, n: int) -> None:
        from distributed import Client

        with Client(self.address, timeout="30s") as client:
            client.wait_for_workers(n, timeout=60)

    def close(self) -> None:
        # A test cluster holds nothing worth a graceful shutdown (which takes seconds).
        for proc in reversed(self.procs):
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@pytest.fixture
def cluster(tmp_path):
    c = Cluster(tmp_path)
    try:
        yield c
    finally:
        c.close()


@pytest.fixture(scope="module")
def spec():
    base = resolve(
        {
            "name": "tiny",
            "days": 10,
            "audience": {"users": 500},
            "brand": {"initial_followers": 50},
            "strategies": {"buy": {"days": [3], "count": 0}},
        },
        source="tiny",
    )
    return sweep.make_spec(base, [("strategies.buy.count", [0, 100])], seeds=4)


@pytest.fixture(scope="module")
def local_runs(spec, tmp_path_factory) -> bytes:
    folder = tmp_path_factory.mktemp("local") / "sw"
    sweep.run_sweep(spec, folder, workers=2, progress=False)
    return (folder / "runs.csv").read_bytes()


def test_a_scheduler_and_two_worker_processes_give_the_local_pools_runs(
    cluster, spec, local_runs, tmp_path
):
    cluster.worker()
    cluster.worker()
    cluster.wait_for(2)
    out = sweep.run_sweep(spec, tmp_path / "dask", dask=cluster.address, progress=False)
    assert (out.ran, out.failed) == (8, [])
    assert (tmp_path / "dask" / "runs.csv").read_bytes() == local_runs


def test_a_worker_killed_mid_sweep_loses_nothing(cluster, spec, local_runs, tmp_path):
    cluster.worker()
    cluster.worker()
    cluster.wait_for(2)
    killed: list[int] = []
    with sweep.DaskPool(cluster.address) as pool:
        client = pool._client

        def kill_a_busy_worker(run_id: str, status: str) -> None:
            if killed:
                return
            busy = {addr: len(tasks) for addr, tasks in client.processing().items()}
            pids = client.run(os.getpid)  # worker address -> its process id
            addr = max(busy, key=busy.get) if busy and max(busy.values()) else next(iter(pids))
            pid = pids[addr]
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)

        out = sweep.run_sweep(
            spec, tmp_path / "dask", pool=pool, progress=False, on_result=kill_a_busy_worker
        )
    assert killed and any(
        p.pid == killed[0] and p.wait(timeout=10) is not None for p in cluster.procs
    )
    assert out.failed == [] and out.done == 8
    assert (tmp_path / "dask" / "runs.csv").read_bytes() == local_runs


EVIL_PRELOAD = '''\
"""A hostile worker: every sweep run returns an object whose unpickling runs code."""
import os

import sim.studies.sweep.run


class Crafted:
    def __reduce__(self):
        return (os.system, ("touch {marker}",))


def run_one(scenario, seed, extra):
    return ("ok", Crafted())


sim.studies.sweep.run.run_one = run_one
'''


def test_a_worker_returning_a_crafted_object_runs_no_code_here(cluster, spec, tmp_path):
    marker = tmp_path / "code-ran-in-the-client"
    preload = tmp_path / "evil_preload.py"
    preload.write_text(EVIL_PRELOAD.format(marker=marker))
    cluster.worker("--preload", str(preload))
    cluster.wait_for(1)
    out = sweep.run_sweep(spec, tmp_path / "evil", dask=cluster.address, progress=False)
    assert not marker.exists(), "a worker's result was unpickled in the sweep's process"
    assert len(out.failed) == 8 and out.done == 0
    text = next((tmp_path / "evil" / "failed").glob("*.txt")).read_text()
    assert "Dask task failed" in text or "refused" in text, text


HOSTILE_PRELOAD = '''\
"""A hostile worker: each run (by its seed) answers with one shape of executable data, each
 of which runs code (it creates ran-in-PID in MARKER_DIR) in whatever process unpickles it."""
import copyreg
import os
import pickle

import sim.studies.sweep.run
from distributed.core import Status
from distributed.protocol.serialize import Pickled, Serialized, ToPickle

MARKER_DIR = {marker_dir!r}
CODE = ("import os; open(os.path.join(" + repr(MARKER_DIR) + ", 'ran-in-' + str(os.getpid())), "
        "'w').close()")
SHAPES = ["relay", "serialized-pickle", "serialized-dask", "serialized-cloudpickle", "error",
          "type", "warn"]


class Crafted:
    def __reduce__(self):
        return (exec, (CODE,))


CRAFTED = pickle.dumps(Crafted())


class Boom(Exception):
    def __reduce__(self):
        return (exec, (CODE,))


class EvilMeta(type):
    pass


copyreg.pickle(EvilMeta, lambda cls: (exec, (CODE,)))


class Evil(tuple, metaclass=EvilMeta):
    pass


def run_one(scenario, seed, extra):
    shape = SHAPES[seed % len(SHAPES)]
    if shape == "error":
        raise Boom()
    if shape == "type":
        return Evil(("ok", b"x"))
    if shape == "warn":  # an event every client listens to, its message pickled
        from distributed import get_worker

        get_worker().log_event("warn", {{"message": CRAFTED, "category": CRAFTED}})
        return ("ok", b"not a run file")
    return ("hostile", shape)


sim.studies.sweep.run.run_one = run_one


def answer(value):
    shape = value[1] if isinstance(value, tuple) and value[:1] == ("hostile",) else None
    if shape == "relay":  # the scheduler unpickles the outer layer and relays the inner one
        return ToPickle(Pickled({{"pickled-obj": CRAFTED}}, []))
    if shape == "serialized-pickle":
        return Serialized({{"serializer": "pickle", "writeable": ()}}, [CRAFTED])
    if shape == "serialized-dask":
        return Serialized({{"serializer": "dask", "type-serialized": CRAFTED,
                           "sub-header": {{}}}}, [])
    if shape == "serialized-cloudpickle":
        return Serialized({{"serializer": "cloudpickle"}}, [CRAFTED])
    return ToPickle(tuple(value))


def dask_setup(worker):
    async def get_data(comm, keys=(), who=None, serializers=None):
        data = {{k: answer(worker.data[k]) for k in keys if k in worker.data}}
        await comm.write({{"status": "OK", "data": data}}, serializers=serializers)
        await comm.read(deserializers=serializers)
        return Status.dont_reply

    worker.handlers["get_data"] = get_data
'''

SHAPES = [
    "relay",
    "serialized-pickle",
    "serialized-dask",
    "serialized-cloudpickle",
    "error",
    "type",
    "warn",
]


def _hostile_worker(cluster: Cluster, tmp_path: Path) -> Path:
    """Start a worker with the hostile preload; returns the folder its markers go to."""
    markers = tmp_path / "markers"
    markers.mkdir()
    preload = tmp_path / "hostile_preload.py"
    preload.write_text(HOSTILE_PRELOAD.format(marker_dir=str(markers)))
    cluster.worker("--preload", str(preload))
    cluster.wait_for(1)
    return markers


def _ran_here(markers: Path, cluster: Cluster) -> set[str]:
    """Markers left by a process other than the scheduler and the worker (which unpickle what
    the hostile worker sends them; that is their business, not this machine's)."""
    theirs = {f"ran-in-{p.pid}" for p in cluster.procs}
    return {p.name for p in markers.glob("ran-in-*")} - theirs


def test_a_hostile_workers_executable_answers_are_refused_in_the_client(cluster, tmp_path, feedsim):
    """Each shape a worker can answer with: a pickle the scheduler relays as a __Pickled__
    frame, pickled data under the "pickle", "dask" and "cloudpickle" serializers, a pickled
    error (a task that raises), a pickled result type and a "warn" event with a pickled
    message. None runs code in `feedsim sweep`; each run is a failed run saying why, and the
    sweep ends cleanly."""
    from sim.studies.sweep.untrusted import REFUSED, REFUSED_ERROR

    markers = _hostile_worker(cluster, tmp_path)
    scen = tmp_path / "tiny.toml"
    scen.write_text("days = 5\n[audience]\nusers = 300\n[brand]\ninitial_followers = 30\n")
    r = feedsim(
        "sweep",
        scen,
        "--seeds",
        str(len(SHAPES)),
        "--dask",
        cluster.address,
        "--out",
        tmp_path / "out",
        "--no-charts",
        "--quiet",
    )
    assert _ran_here(markers, cluster) == set(), "a worker's data was unpickled by feedsim"
    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr  # failed runs: exit 1
    folder = tmp_path / "out" / "tiny-sweep"
    assert not list((folder / "runs").glob("*.parquet"))
    failed = {
        int(f.stem.split("seed")[1]): f.read_text() for f in (folder / "failed").glob("*.txt")
    }
    assert sorted(failed) == list(range(len(SHAPES))), r.stdout + r.stderr
    for seed, shape in enumerate(SHAPES):
        if shape in ("type", "warn"):  # refused unread; the run's bytes are then not a run
            assert "the returned run file was refused" in failed[seed], failed[seed]
        elif shape == "error":
            assert REFUSED_ERROR in failed[seed], failed[seed]
        else:
            assert REFUSED in failed[seed], (shape, failed[seed])
    assert f"{len(SHAPES)} run(s) failed" in r.stderr, r.stderr
    assert "a warning from the Dask cluster was not read" in r.stderr, r.stderr


def test_trusting_the_workers_lets_their_pickles_run_here(cluster, spec, tmp_path):
    """What --dask-trust-workers gives up (and the proof that the test above can fail): the
    same hostile worker's relayed pickle runs code in this process."""
    import distributed.protocol.pickle as dpickle

    loads = dpickle.loads
    markers = _hostile_worker(cluster, tmp_path)
    relay = sweep.make_spec(spec.points[0].scenario, [], seeds=[SHAPES.index("relay")])
    out = sweep.run_sweep(
        relay, tmp_path / "sw", dask=cluster.address, progress=False, trust_workers=True
    )
    assert out.failed and f"ran-in-{os.getpid()}" in _ran_here(markers, cluster)
    # And the refusal is only in force while an untrusting sweep runs: nothing is left swapped.
    assert dpickle.loads is loads


def _certificates(folder: Path) -> tuple[Path, Path, Path]:
    """A throw-away certificate authority and one certificate for 127.0.0.1 it signed."""
    ca_key, ca, key, csr, cert = (
        folder / n for n in ("ca.key", "ca.pem", "key.pem", "req.csr", "cert.pem")
    )
    ext = folder / "san.cnf"
    ext.write_text("subjectAltName = IP:127.0.0.1, DNS:localhost\n")

    def openssl(*args):
        subprocess.run(["openssl", *map(str, args)], check=True, capture_output=True)

    openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=feedsim-test-ca",
        "-keyout",
        ca_key,
        "-out",
        ca,
    )
    openssl(
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=127.0.0.1",
        "-keyout",
        key,
        "-out",
        csr,
    )
    openssl(
        "x509",
        "-req",
        "-in",
        csr,
        "-CA",
        ca,
        "-CAkey",
        ca_key,
        "-CAcreateserial",
        "-days",
        "1",
        "-extfile",
        ext,
        "-out",
        cert,
    )
    return ca, cert, key


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")
def test_a_tls_cluster_is_reached_with_the_users_certificates(tmp_path, feedsim):
    ca, cert, key = _certificates(tmp_path)
    tls = ["--tls-ca-file", str(ca), "--tls-cert", str(cert), "--tls-key", str(key)]
    sched_file = tmp_path / "scheduler.json"
    procs = [
        _dask(
            "scheduler",
            "--protocol",
            "tls",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--no-dashboard",
            "--scheduler-file",
            str(sched_file),
            *tls,
            cwd=tmp_path,
        )
    ]
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not sched_file.exists():
            time.sleep(0.1)
        time.sleep(0.2)
        address = json.loads(sched_file.read_text())["address"]
        assert address.startswith("tls://")
        procs.append(
            _dask(
                "worker",
                address,
                "--host",
                "127.0.0.1",
                "--nthreads",
                "1",
                "--no-nanny",
                "--no-dashboard",
                *tls,
                cwd=tmp_path,
            )
        )
        scen = tmp_path / "tiny.toml"
        scen.write_text("days = 5\n[audience]\nusers = 300\n[brand]\ninitial_followers = 30\n")
        args = [
            "sweep",
            scen,
            "--seeds",
            "2",
            "--dask",
            address,
            "--out",
            tmp_path / "out",
            "--no-charts",
            "--quiet",
        ]
        # Without the certificates the scheduler cannot be reached: refused, exit 2.
        plain = feedsim(*args)
        assert plain.returncode == 2 and "cannot reach the scheduler" in plain.stderr, plain.stderr
        assert "Traceback" not in plain.stderr
        ok = feedsim(*args, "--dask-tls-ca", ca, "--dask-tls-cert", cert, "--dask-tls-key", key)
        assert ok.returncode == 0, ok.stderr
        assert len(list((tmp_path / "out" / "tiny-sweep" / "runs").glob("*.parquet"))) == 2
    finally:
        for proc in reversed(procs):
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
