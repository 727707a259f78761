"""Bad documents: a cut-off key-measures table, a missing 帮扶单位 column, duplicated rows, paths outside the sources.

Each case must end in a clear error or warning naming the file (document) and line. On an error the
previous snapshot survives byte for byte; a warning is carried in the new snapshot. The fixtures
are small action plans for 永嘉县 in the layout of the real one (tests/fixtures/bad/measures_*.txt),
added as extra sources to a base build of the pairing guidance, like tests/test_bad_input.py.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from api.app import create_app
from api.build import build
from api.settings import Settings
from graph import snapshot as snapshot_io
from graph.model import InputError
from graph.reference import REPO_ROOT
from tests.reliability.procs import SHANHAI, clean_env

BAD = REPO_ROOT / "tests" / "fixtures" / "bad"
PAIRING = REPO_ROOT / "data" / "sources" / "zhejiang_2021_pairing_guidance.txt"
CAPTION = "附件2:山海协作重点举措清单(2025-2027年)"  # as the loader normalises the table's caption


def _warnings(out: Path, document: str) -> list[dict[str, Any]]:
    return [w for w in snapshot_io.read(out).warnings if w["document"] == document]


def test_cut_off_measures_table_names_file_and_line(base: tuple[Path, Path, bytes]) -> None:
    src, out, before = base
    with pytest.raises(InputError) as err:
        build([BAD / "measures_cut_off.txt"], out, sources_dir=src)
    assert err.value.path.endswith("measures_cut_off.txt")
    assert err.value.line == 23  # row 7 starts there; the text ends after 3 of its 7 cells
    assert "cut off" in err.value.message and "3 of 7 cells" in err.value.message
    assert (out / "graph.json").read_bytes() == before


def test_cut_off_measures_table_from_the_cli(base: tuple[Path, Path, bytes]) -> None:
    _src, out, before = base
    proc = subprocess.run([str(SHANHAI), "build", "--out", str(out), "--source", str(BAD / "measures_cut_off.txt")],
                          capture_output=True, text=True, cwd=REPO_ROOT, env=clean_env(), timeout=120, check=False)
    assert proc.returncode == 2
    assert "measures_cut_off.txt:23" in proc.stderr and "cut off" in proc.stderr
    assert "Traceback" not in proc.stderr and "previous snapshot" in proc.stderr
    assert (out / "graph.json").read_bytes() == before


def test_measures_table_without_supporters_column_is_reported(base: tuple[Path, Path, bytes]) -> None:
    src, out, _ = base
    report = build([BAD / "measures_no_supporters_column.txt"], out, sources_dir=src)
    measures = [n for n in report.snapshot.nodes if n.id.startswith("measure:measures-no-supporters-column")]
    assert len(measures) == 2 and not any("supporting_units" in m.props for m in measures)
    warnings = _warnings(out, "measures-no-supporters-column")
    assert any("帮扶单位" in w["message"] and "L5" in w["locator"] for w in warnings), warnings


def test_duplicated_row_builds_into_one_measure(base: tuple[Path, Path, bytes]) -> None:
    """The row 四.7 appears twice (L23 and L31): one measure, with both rows as evidence, and no crash
    (before graph/build.py's fix a repeated relationship in a document without a round raised KeyError)."""
    src, out, _ = base
    report = build([BAD / "measures_duplicated_rows.txt"], out, sources_dir=src)
    measures = {n.id: n for n in report.snapshot.nodes if n.id.startswith("measure:measures-duplicated-rows")}
    assert sorted(measures) == ["measure:measures-duplicated-rows-si-6", "measure:measures-duplicated-rows-si-7"]
    locators = [e.locator for e in measures["measure:measures-duplicated-rows-si-7"].evidence]
    assert locators == [f"{CAPTION}/row 四.7 (L23)", f"{CAPTION}/row 四.7 (L31)"]
    ids = [r.id for r in report.snapshot.relations]
    assert len(ids) == len(set(ids))


def test_duplicated_row_is_reported(base: tuple[Path, Path, bytes]) -> None:
    src, out, _ = base
    build([BAD / "measures_duplicated_rows.txt"], out, sources_dir=src)
    warnings = _warnings(out, "measures-duplicated-rows")
    assert any("L31" in w["locator"] + w["message"] for w in warnings), warnings


# -- paths outside data/sources ------------------------------------------------------------------

def test_cli_missing_source_is_refused(base: tuple[Path, Path, bytes]) -> None:
    _src, out, before = base
    source = "../../x"
    proc = subprocess.run([str(SHANHAI), "build", "--out", str(out), "--source", source], capture_output=True,
                          text=True, cwd=REPO_ROOT, env=clean_env(), timeout=120, check=False)
    assert proc.returncode == 2, proc.stderr
    first = proc.stderr.splitlines()[0]
    assert first.startswith(f"error: {source}") and "no such file or directory" in first, proc.stderr
    assert "Traceback" not in proc.stderr
    assert (out / "graph.json").read_bytes() == before


def test_cli_source_of_no_known_kind_is_recorded_not_read(base: tuple[Path, Path, bytes]) -> None:
    """A text no loader recognises (here /etc/passwd) no longer stops the build (issue 13): the document
    is recorded, a warning names it, and nothing of it becomes a fact."""
    _src, out, _ = base
    proc = subprocess.run([str(SHANHAI), "build", "--out", str(out), "--source", "/etc/passwd"], capture_output=True,
                          text=True, cwd=REPO_ROOT, env=clean_env(), timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "nothing read from passwd" in proc.stdout
    snap = snapshot_io.read(out)
    assert not [r for r in snap.relations if any(e.document == "passwd" for e in r.evidence)]


def test_admin_rebuild_takes_no_source_path(built: Path, tmp_path: Path) -> None:
    """The admin rebuild builds data/sources only: it has no parameter or body that could name a file,
    and a path smuggled in anyway is ignored."""
    graph_dir = tmp_path / "graph"
    shutil.copytree(built, graph_dir)
    settings = Settings(graph_dir=graph_dir, admin_enabled=True, admin_token=SecretStr("let-me-in"))
    with TestClient(create_app(settings)) as client:
        operation = client.get("/openapi.json").json()["paths"]["/api/admin/rebuild"]["post"]
        assert [p["name"] for p in operation.get("parameters", [])] == ["authorization"]
        assert "requestBody" not in operation
        resp = client.post("/api/admin/rebuild?source=/etc/passwd&path=../../x",
                           json={"source": "/etc/passwd", "sources": ["../../x"]},
                           headers={"Authorization": "Bearer let-me-in"})
        assert resp.status_code == 200, resp.text
    documents = [d["path"] for d in snapshot_io.read(graph_dir).meta["documents"]]
    assert documents and all(Path(p).resolve().parent == REPO_ROOT / "data" / "sources" for p in documents)
