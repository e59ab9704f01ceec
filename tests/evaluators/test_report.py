"""report.html renders in headless Chromium: every image decodes, tables present, zh intact.

Chromium loads a copy of the page with a small script appended that writes
what the browser saw (image sizes, table count, charset, a zh line) into the
DOM; `--dump-dom` returns it. Skipped only when /usr/bin/chromium is absent
(apt-get install -y chromium fonts-noto-cjk).
"""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path

import pytest

from debtsim.scoring_stage import score_run
from scenarios import CollectorAct, DebtorAct, plan_offer
from simulator.transcript import Termination
from tests.evaluators.eval_dialogues import RICH, Dialogue, persona

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--virtual-time-budget=5000",
)
PROBE = """<script>
window.addEventListener("load", function () {
  var out = {
    images: Array.prototype.map.call(document.images, function (i) { return [i.complete, i.naturalWidth]; }),
    tables: document.querySelectorAll("table").length,
    rows: document.querySelectorAll("tbody tr").length,
    charset: document.characterSet,
    lang: document.documentElement.lang,
    text: document.body.textContent.slice(0, 400000)
  };
  var pre = document.createElement("pre");
  pre.id = "render-check";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>"""

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="/usr/bin/chromium absent: apt-get install chromium"
)


def render(report: Path, tmp: Path) -> dict:
    page = tmp / "probe.html"
    page.write_text(
        report.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), encoding="utf-8"
    )
    result = subprocess.run(
        [str(CHROMIUM), *FLAGS, f"--user-data-dir={tmp / 'profile'}", "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    found = re.search(r'<pre id="render-check">(.*?)</pre>', result.stdout, re.S)
    assert found, f"no render result; chromium stderr: {result.stderr[-500:]}"
    return json.loads(html.unescape(found.group(1)))


def check_page(seen: dict, tables: int) -> None:
    assert seen["charset"] == "UTF-8"
    assert len(seen["images"]) == 4 and all(done and width > 0 for done, width in seen["images"])
    assert seen["tables"] == tables and seen["rows"] > 0


def test_run_report_renders(small_run: Path, tmp_path: Path) -> None:
    seen = render(small_run / "report.html", tmp_path)
    # by strategy, pairwise, by root cause, by jurisdiction, terminations (no findings: "None."),
    # + the cuts that vary in this run: band, stage and product × strategy (light noise is one level: no
    # noise cut; a single-call run has no day)
    check_page(seen, tables=8)
    for cut in ("By financial band × strategy", "By account stage × strategy", "By product × strategy"):
        assert cut in seen["text"]
    assert "By noise level" not in seen["text"] and "By campaign day" not in seen["text"]
    assert seen["lang"] == "en"
    assert "plan_and_judge" in seen["text"] and "Pairwise strategy differences" in seen["text"]
    assert "Compliance by jurisdiction" in seen["text"] and "Terminations" in seen["text"]


def test_chinese_report_renders(tmp_path: Path) -> None:
    full = plan_offer(1200.0, 0.0, 1200.0, 0, 7)
    d = Dialogue(language="zh")
    d.say(CollectorAct.GREET, "您好，我是华信银行的小王，请问是李安女士吗？").say(DebtorAct.ANSWER, "是我。")
    d.say(CollectorAct.VERIFY_IDENTITY, "请您提供身份证后四位。").say(DebtorAct.PROVIDE_IDENTITY, "1234。")
    t = d.deal(full).finish(persona(**RICH, language="zh"), Termination.AGREEMENT, full)
    run = tmp_path / "zh"
    run.mkdir()
    (run / "transcripts.jsonl").write_text(t.model_dump_json() + "\n", encoding="utf-8")
    score_run(run, {"bootstrap": 200})
    seen = render(run / "report.html", tmp_path)
    # one strategy: no pairwise table; rule findings, jurisdiction, terminations present; one dialogue:
    # no cut varies, so none is shown
    check_page(seen, tables=5)
    assert seen["lang"] == "zh-Hans"
    assert "您好，我是华信银行的小王" in seen["text"]
