"""Web pages (.html/.htm): the main text, its tables, title and date, as trafilatura extracts them."""

from __future__ import annotations

from xml.etree import ElementTree

import trafilatura

from graph.model import InputError
from loaders.formats.model import Document, Paragraph, Table
from loaders.formats.text import decode


def read(data: bytes, shown: str) -> Document:
    html, encoding = decode(data, shown)
    # favor_recall: a short news item is still the page's text, not boilerplate to drop.
    xml = trafilatura.extract(html, output_format="xml", include_tables=True, with_metadata=True,
                              favor_recall=True, include_comments=False)
    if not xml:
        raise InputError(shown, None, "no main text found in this web page (navigation and boilerplate "
                                      "only?); save the article's own page")
    root = ElementTree.fromstring(xml)
    meta: dict[str, str] = {"format": "html", "encoding": encoding}
    blocks: list[Paragraph | Table] = []
    title = (root.get("title") or "").strip()
    if title:
        meta["title"] = title
    date = root.get("date")
    if date:
        meta["date"] = date
    main = root.find("main")
    paragraphs = tables = 0
    for el in main if main is not None else []:
        if el.tag == "table":
            rows = [["".join(c.itertext()).strip() for c in row.findall("cell")] for row in el.findall("row")]
            rows = [r for r in rows if any(r)]
            if rows:
                tables += 1
                width = max(len(r) for r in rows)
                blocks.append(Table([r + [""] * (width - len(r)) for r in rows], f"table {tables}"))
            continue
        text = "".join(el.itertext()).strip()
        if text:
            paragraphs += 1
            blocks.append(Paragraph(text, f"para {paragraphs}"))
    if title and not any(isinstance(b, Paragraph) and title in b.text for b in blocks[:3]):
        # The extractor moves the headline into the metadata; it is part of the page's text.
        blocks.insert(0, Paragraph(title, "title"))
    if not blocks:
        raise InputError(shown, None, "no main text found in this web page")
    return Document(blocks, meta)
