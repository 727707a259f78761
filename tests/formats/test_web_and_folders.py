"""A news page saved from the web, a folder with files of every kind, and a document no loader recognises."""

from __future__ import annotations

from pathlib import Path

from api.build import build
from loaders.formats import Paragraph, read_document, render
from tests.fixtures.formats import make

# A page written for this test in the shape of a county news site: navigation, the article, a footer.
NEWS = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>衢江区与鄞州区召开山海协作交流会_衢江新闻网</title>
<meta name="pubdate" content="2025-03-12">
</head><body>
<div class="nav"><a href="/">首页</a> | <a href="/news">本地新闻</a> | <a href="/video">视频</a></div>
<div class="article">
<h1>衢江区与鄞州区召开山海协作交流会</h1>
<p class="info">发布时间：2025年3月12日 来源：衢江新闻网</p>
<p>3月11日，宁波市鄞州区党政代表团来到衢州市衢江区，召开山海协作工作交流会，双方签订新一轮结对帮扶协议。</p>
<p>根据协议，鄞州区将在产业合作、飞地建设、公共服务等方面继续支持衢江区发展，今年安排援建资金2000万元，重点用于乡村振兴项目。</p>
<p>会上，两地还就教育、医疗卫生等领域合作进行了深入交流，并实地考察了衢江—鄞州山海协作产业园。</p>
</div>
<div class="footer">版权所有 衢江新闻网 浙ICP备00000000号</div>
</body></html>
"""


def test_news_page_main_text_title_and_date(tmp_path: Path) -> None:
    page = tmp_path / "news.html"
    page.write_text(NEWS, encoding="utf-8")
    doc = read_document(page)
    assert doc.meta["title"] == "衢江区与鄞州区召开山海协作交流会"
    assert doc.meta["date"] == "2025-03-12"
    texts = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert ("3月11日，宁波市鄞州区党政代表团来到衢州市衢江区，召开山海协作工作交流会，"
            "双方签订新一轮结对帮扶协议。") in texts
    rendered = render(doc).text
    assert "首页" not in rendered and "浙ICP备" not in rendered  # navigation and footer are not the article
    assert rendered.startswith("衢江区与鄞州区召开山海协作交流会\n")


def test_news_page_builds_with_title_and_date_from_the_page(base: tuple[Path, Path, bytes], tmp_path: Path) -> None:
    src, out, _ = base
    page = tmp_path / "news.htm"
    page.write_text(NEWS, encoding="utf-8")
    report = build([page], out, sources_dir=src)
    node = next(n for n in report.snapshot.nodes if n.id == "doc:news")
    assert node.name == "衢江区与鄞州区召开山海协作交流会"
    assert node.props["date"] == "2025-03-12" and node.props["format"] == "html"


def test_folder_reads_every_format_and_reports_the_rest(base: tuple[Path, Path, bytes], tmp_path: Path) -> None:
    src, out, _ = base
    folder = tmp_path / "inbox"
    folder.mkdir()
    make.pairing_xlsx(folder / "annex.xlsx")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (folder / ".DS_Store").write_bytes(b"\x00\x00")
    report = build([folder], out, sources_dir=src)
    paths = [Path(d["path"]).name for d in report.documents]
    assert "annex.xlsx" in paths and "photo.png" not in paths
    skipped = [w for w in report.snapshot.warnings if w["document"] == "photo.png"]
    assert len(skipped) == 1 and "not read" in skipped[0]["message"] and ".png" in skipped[0]["message"]
    assert not [w for w in report.snapshot.warnings if w["document"] == ".DS_Store"]  # hidden system file


def test_document_no_loader_reads_is_recorded_with_a_warning(base: tuple[Path, Path, bytes], tmp_path: Path) -> None:
    """Not a stop any more: the document is in the graph, and a warning says nothing was read from it."""
    src, out, before = base
    other = tmp_path / "recipe.txt"
    other.write_text("红烧肉的做法：五花肉切块，焯水，加冰糖炒色。\n", encoding="utf-8")
    report = build([other], out, sources_dir=src)
    assert any(n.id == "doc:recipe" for n in report.snapshot.nodes)
    warnings = [w for w in report.snapshot.warnings if w["document"] == "recipe"]
    assert warnings and "nothing read from recipe.txt" in warnings[0]["message"]
    assert not [r for r in report.snapshot.relations if any(e.document == "recipe" for e in r.evidence)]
    assert (out / "graph.json").read_bytes() != before  # a new snapshot was written
