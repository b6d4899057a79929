"""Hashes of a study folder's files, leaving out what records when and how fast it ran.

    python benchmarks/folder_hashes.py results/organic-vs-bought_followers
    python benchmarks/folder_hashes.py FOLDER_A FOLDER_B      # the files that differ, if any

Every file is hashed byte for byte except:

- run files (``*/runs/*.parquet``): their rows and their metadata, with the run's timings left
  out of ``feedsim.meta`` (``seconds_audience``, ``seconds_simulation``, ``stage_seconds``:
  how long it took, different on every run of the same command);
- SVG charts: without the ``<dc:date>`` line matplotlib stamps on each, and with the random
  ids it gives markers and clip paths (``m`` or ``p`` and ten hexadecimal digits) blanked;
- the lock file a running study holds.

So two folders with equal hashes hold the same tables, summaries, figures, verdict numbers and
charts. Given two folders, prints the files whose hashes differ (or that only one holds) and
exits with 1 if any do.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

TIMINGS = ("seconds_audience", "seconds_simulation", "stage_seconds")
SKIP = (".sweep.lock",)


def run_file_hash(path: Path) -> str:
    """A run file's rows and metadata, its timings left out."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    md = dict(table.schema.metadata or {})
    meta = json.loads(md.pop(b"feedsim.meta", b"{}"))
    for k in TIMINGS:
        meta.pop(k, None)
    h = hashlib.sha256()
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema.remove_metadata()) as w:
        w.write_table(table.replace_schema_metadata(None))
    h.update(sink.getvalue().to_pybytes())
    for k in sorted(md):
        h.update(k + b"=" + md[k])
    h.update(json.dumps(meta, sort_keys=True).encode())
    return h.hexdigest()


def file_hash(path: Path) -> str:
    """One file's hash, as the module says."""
    if path.suffix == ".parquet" and path.parent.name == "runs":
        return run_file_hash(path)
    data = path.read_bytes()
    if path.suffix == ".svg":
        data = re.sub(rb"\s*<dc:date>[^<]*</dc:date>", b"", data)
        data = re.sub(rb"([\"#])([mp])[0-9a-f]{10}\b", rb"\1\2", data)
    return hashlib.sha256(data).hexdigest()


def folder_hashes(folder: Path) -> dict[str, str]:
    """Relative path -> hash of every file under ``folder``."""
    return {
        str(p.relative_to(folder)): file_hash(p)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name not in SKIP
    }


def main(argv=None) -> int:
    folders = [Path(a) for a in (sys.argv[1:] if argv is None else argv)]
    if len(folders) not in (1, 2):
        raise SystemExit(__doc__)
    hashes = [folder_hashes(f) for f in folders]
    if len(hashes) == 1:
        for name, h in hashes[0].items():
            print(f"{h[:16]}  {name}")
        return 0
    a, b = hashes
    differ = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
    for k in differ:
        print(f"differs: {k}" if k in a and k in b else f"only in one: {k}")
    print(f"{len(set(a) | set(b)) - len(differ)} files the same, {len(differ)} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
