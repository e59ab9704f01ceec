"""The batch layer of a campaign: work many accounts into one run directory, resumable per account.

Per account, its dialogues go to transcripts.jsonl (one line each, as in a
single-call run), its attempts to attempts.jsonl, and last its record to
accounts.jsonl: the record is the commit. On a restart, accounts with a record
are skipped, and lines of an account that has none (a crash mid-account) are
dropped before the account is worked again, so nothing is lost or doubled.
Account `i` meets strategy `i mod S` and debtor `i div S`, as dialogue `i`
does in a single-call run: strategies are compared on the same debtors.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from tqdm import tqdm

from simulator.backends import make_backend
from simulator.campaign.loop import AccountRun, account_id, run_account, start_work
from simulator.config import RunConfig
from simulator.dialogue import build_context, plan_dialogue
from simulator.graph import build_graph
from simulator.runner import check_same_run, prepare_dir, write_manifest
from simulator.store import TRANSCRIPTS, repair_tail, write_atomic
from simulator.tally import tally_file

ACCOUNTS = "accounts.jsonl"
ATTEMPTS = "attempts.jsonl"


def read_lines(path: Path) -> list[dict]:
    if not path.exists():
        return []
    repair_tail(path)
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def finished_accounts(out: Path) -> set[str]:
    return {record["account_id"] for record in read_lines(out / ACCOUNTS)}


def drop_unfinished(out: Path, done: set[str]) -> None:
    """Rewrite transcripts and attempts without the lines of accounts that never got their record."""
    for name in (TRANSCRIPTS, ATTEMPTS):
        path = out / name
        if not path.exists():
            continue
        repair_tail(path)
        lines = [line for line in path.read_text(encoding="utf-8").splitlines(keepends=True) if line.strip()]
        kept = [line for line in lines if json.loads(line).get("account_id") in done]
        if len(kept) != len(lines):
            write_atomic(path, "".join(kept))


def account_runs(config: RunConfig, indices: list[int]) -> Iterator[AccountRun]:
    """Work the given accounts in order (no I/O here)."""
    backend = make_backend(config.llm, str(config.language))
    graph, cells, run_id = build_graph(), config.grid().cells(), config.run_id()
    try:
        for i in indices:
            plan = plan_dialogue(config, cells, i)
            base = build_context(config, plan, backend)
            work = start_work(base, i, config.campaign, graph, run_id, plan.cell.key, config.llm)
            yield run_account(work)
    finally:
        backend.close()


def append(path: Path, lines: list[str]) -> None:
    with path.open("a", encoding="utf-8") as f:
        f.write("".join(lines))
        f.flush()


def simulate_accounts(config: RunConfig, out: Path, progress: bool = True) -> int:
    """Work every account not yet finished; the number worked now."""
    done = finished_accounts(out)
    drop_unfinished(out, done)
    todo = [i for i in range(config.n_dialogues) if account_id(config.seed, i) not in done]
    bar = tqdm(total=len(todo), desc="accounts", unit="acct", disable=not progress, file=sys.stderr)
    for run in account_runs(config, todo):
        append(out / TRANSCRIPTS, [t.model_dump_json() + "\n" for t in run.transcripts])
        append(out / ATTEMPTS, [a.model_dump_json() + "\n" for a in run.attempts])
        append(out / ACCOUNTS, [run.record.model_dump_json() + "\n"])  # the commit: written last
        bar.update(1)
    bar.close()
    return len(todo)


def run_campaign(config: RunConfig, config_yaml: str, progress: bool = True) -> dict:
    """`runner.run` for a campaign: the same run directory, manifest and refusal of another run's files."""
    out = prepare_dir(Path(config.output_dir))
    (out / TRANSCRIPTS).touch()
    check_same_run(config, out)
    write_atomic(out / "config.yaml", config_yaml)
    start = time.perf_counter()
    simulate_accounts(config, out, progress)
    timings = {"simulate": time.perf_counter() - start}
    accounts = len(finished_accounts(out))
    return write_manifest(
        out, config, tally_file(out / TRANSCRIPTS), timings, campaign={"accounts": accounts}
    )
