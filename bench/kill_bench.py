"""Kill `zvh commit` and `zvh rollback` at every write, and check what the next reader sees each time.

Run by hand: `uv run python bench/kill_bench.py [commit|rollback [N ...]]` (all writes of both by default). A first run of each command counts its writes (every
replace, link, unlink, file write, copy and removal the process makes, the build's included). Then, for each
write N, the command runs again on a fresh copy of data/ and is killed with SIGKILL just before write N.
A reader follows, in turn `zvh sql`, `zvh build` or a page of the dashboard (which settle what a dead writer
left before they read), and the bench checks database ⇔ data/ ⇔ history:
- data/ (all files but the history) is byte for byte the state before the command or the state after it;
- the database shows that same state: the reader's count of 2025 figures, and all tables of the database
  equal those of the state's own database (byte for byte where the command restores a file);
- the history's loads in effect agree; nothing is left unfinished;
- a temporary file a killed write left behind (never read by anyone) is removed by the next write.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from zvh.aanlevering import ledger  # noqa: E402
from zvh.paths import DATA, ROOT  # noqa: E402
from zvh.store.build import build  # noqa: E402

AANLEVERING = b"region;year;theme;metric;gemeente;categorie;value;unit\ngroningen;2025;mensenhandel;signalen;;;171;aantal\n"
COUNT_2025 = "select count(*) as n from facts where year = 2025"

# Runs in the process under test: kill it just before write number KILL_AT (0: only count the writes).
KILLER = r'''
import os, pathlib, shutil, signal, sys
kill_at, done = int(os.environ["KILL_AT"]), [0]
def before_write(real):
    def write(*args, **kwargs):
        done[0] += 1
        if done[0] == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    return write
for owner, name in [(os, "replace"), (os, "rename"), (os, "link"), (os, "unlink"), (os, "remove"),
                    (pathlib.Path, "write_bytes"), (pathlib.Path, "write_text"), (pathlib.Path, "unlink"),
                    (shutil, "copy2"), (shutil, "copytree"), (shutil, "rmtree")]:
    setattr(owner, name, before_write(getattr(owner, name)))
import atexit
atexit.register(lambda: print(f"WRITES {done[0]}", file=sys.stderr))
from zvh.cli import main
sys.exit(main(sys.argv[1:]))
'''


def snapshot(data_dir: Path) -> dict[str, str]:
    """Every file in data/ but the history, by content; the database by its tables. An aanlevering's stored name
    carries the time it was checked: it is written as D, so that one run's state compares with another's."""
    documents = [Path(d).stem for d in ledger.history(data_dir)["aanlevering"].unique().to_list() if d]

    def same_in_every_run(text: str) -> str:
        for document in documents:
            text = text.replace(document, "D")
        return text

    files = {}
    for path in sorted(data_dir.rglob("*")):
        if path.is_file() and path.name != ledger.HISTORY_FILE and not path.name.endswith(".lock"):
            content = tables(path) if path.name == "zvh.duckdb" else path.read_bytes().decode("utf-8", "replace")
            files[same_in_every_run(str(path.relative_to(data_dir)))] = same_in_every_run(content)
    return files


def tables(db: Path) -> str:
    import duckdb
    con = duckdb.connect(str(db), read_only=True)
    try:
        names = [n for (n,) in con.sql("select table_name from information_schema.tables order by 1").fetchall()]
        return str({n: sorted(con.sql(f'select * from "{n}"').fetchall(), key=repr) for n in names})
    finally:
        con.close()


def zvh(args: list[str], data_dir: Path, kill_at: int = 0) -> subprocess.CompletedProcess:
    env = os.environ | {"KILL_AT": str(kill_at), "ZVH_DATA": str(data_dir), "ZVH_DB": str(data_dir / "zvh.duckdb")}
    return subprocess.run([sys.executable, "-c", KILLER, *args], cwd=ROOT, env=env, capture_output=True, text=True)


def read(reader: str, data_dir: Path) -> int:
    """The 2025 count as the reader sees it, after it settled what it found."""
    if reader == "zvh build":
        zvh(["build"], data_dir)
    elif reader == "pagina":
        env = os.environ | {"ZVH_DATA": str(data_dir), "ZVH_DB": str(data_dir / "zvh.duckdb")}
        code = "from tests.apptest import open_page; at = open_page('overzicht'); assert not at.exception"
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True)
    out = zvh(["sql", COUNT_2025, "--format", "csv"], data_dir)
    return int(out.stdout.splitlines()[1])


def workspace(template: Path, into: Path) -> Path:
    shutil.rmtree(into, ignore_errors=True)
    shutil.copytree(template, into)
    return into


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        aanlevering = folder / "signalen_2025.csv"
        aanlevering.write_bytes(AANLEVERING)
        before = folder / "voor"
        shutil.copytree(DATA, before, ignore=shutil.ignore_patterns("*.duckdb*", ".zvh*", ledger.HISTORY_FILE))
        build(before / "zvh.duckdb", before)
        after = workspace(before, folder / "na")
        assert zvh(["commit", str(aanlevering), "--table", "kerncijfers", "--who", "bench"], after).returncode == 0
        states = {"voor": snapshot(before), "na": snapshot(after)}
        commands = {"commit": (before, ["commit", str(aanlevering), "--table", "kerncijfers", "--who", "bench"], "voor", "na"),
                    "rollback": (after, ["rollback", "--who", "bench"], "na", "voor")}
        readers = ["zvh sql", "zvh build", "pagina"]
        failures, total = [], 0
        chosen = sys.argv[1:2] or list(commands)
        only = {int(a) for a in sys.argv[2:]}
        for name, (start, args, old, new) in ((n, c) for n, c in commands.items() if n in chosen):
            counted = zvh(args, workspace(start, folder / "telling"))
            writes = int(counted.stderr.rsplit("WRITES ", 1)[1].split()[0])
            seen, debris_seen = {"voor": 0, "na": 0}, 0
            kills = sorted(only) or range(1, writes + 1)
            for kill_at in kills:
                data_dir = workspace(start, folder / "proef")
                killed = zvh(args, data_dir, kill_at)
                reader = readers[kill_at % len(readers)]
                count = read(reader, data_dir)
                now = snapshot(data_dir)
                debris = {k for k in now if k not in states[old] and k not in states[new] and (".tmp" in k or "nieuw" in k)}
                now = {k: v for k, v in now.items() if k not in debris}
                state = next((s for s, files in states.items() if now == files), None)
                if debris:  # invisible to readers; the next write must remove it
                    ledger.recover_locked(data_dir, data_dir / "zvh.duckdb")
                    left = {k for k in snapshot(data_dir) if k in debris}
                    debris_seen += 1
                active = [load["bestand"] for load in ledger.active_aanleveringen(data_dir)]
                last = ledger.history(data_dir)["actie"].to_list()[-1:]
                expected = {"voor": (0, []), "na": (1, [aanlevering.name])}
                problem = None
                if killed.returncode != -9:
                    problem = f"not killed (exit {killed.returncode})"
                elif state is None:
                    differ = sorted(k for k in now.keys() | states[old].keys() if now.get(k) != states[old].get(k))
                    problem = f"neither before nor after; differs from {old} in {differ[:4]}"
                elif (count, active) != expected[state]:
                    problem = f"{state}: reader counts {count}, history has {active} in effect"
                elif last and last[0] in ledger.BOOKKEEPING:
                    problem = f"history left unfinished ({last[0]})"
                elif debris and left:
                    problem = f"temporary files not removed by the next write: {sorted(left)}"
                total += 1
                if problem:
                    failures.append(f"{name} killed before write {kill_at}/{writes}, read by {reader}: {problem}")
                else:
                    seen[state] += 1
            print(f"zvh {name}: {writes} writes, killed before each: {seen[old]}× state before ({old}), "
                  f"{seen[new]}× state after ({new}), {len(kills) - seen[old] - seen[new]} inconsistent; "
                  f"{debris_seen}× temporary files left, removed by the next write")
        print(f"{total} kills, {len(failures)} inconsistent")
        for failure in failures:
            print("  " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
