"""`shanhai ask --json` in a subprocess, on a fresh build."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from graph.reference import REPO_ROOT


def shanhai() -> list[str]:
    """The installed console script beside this interpreter, else the module it runs."""
    script = Path(sys.executable).with_name("shanhai")
    return [str(script)] if script.exists() else [sys.executable, "-m", "api.cli"]


def test_ask_json(built: Path) -> None:
    cmd = [*shanhai(), "ask", "谁在医疗卫生方面帮扶永嘉县？", "--json", "--graph", str(built)]
    out = subprocess.run(cmd, cwd=REPO_ROOT, capture_output=True, text=True, timeout=120, check=True)
    answer = json.loads(out.stdout)
    assert answer["query"] == "supporters_of" and answer["interpretation"]["intent"] == "supporters_of"
    # Named as YJ 附件2 五.4 writes them, the reference's official name beside.
    assert {a["name"] for a in answer["answers"]} == {"瓯海区", "浙中医大二院", "温州市中心医院"}
    assert {a.get("official_name") for a in answer["answers"]} == {None, "浙江中医药大学附属第二医院"}
    assert all(a["evidence"] for a in answer["answers"])


def test_ask_text_not_in_graph(built: Path) -> None:
    cmd = [*shanhai(), "ask", "Who supports Atlantis?", "--graph", str(built)]
    out = subprocess.run(cmd, cwd=REPO_ROOT, capture_output=True, text=True, timeout=120, check=True)
    assert "not in the graph" in out.stdout.lower()
