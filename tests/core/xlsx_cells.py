"""Read back what an xlsx file holds, cell by cell, without a spreadsheet library: enough to assert that a
cell is text, a number or a formula, and whether it carries Excel's quote prefix."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


@dataclass(frozen=True)
class Cell:
    ref: str
    kind: str  # "text", "number", "formula", "other"
    value: str
    quoted: bool
    font: str  # the fontId of the cell's style


def _text(node) -> str:
    return "".join(t.text or "" for t in node.iter(f"{{{NS['m']}}}t"))


def xlsx_cells(source: Path | bytes, sheet: int = 1) -> list[Cell]:
    """Every written cell of worksheet number ``sheet`` (1-based, in the order the workbook stores them)."""
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = set(z.namelist())
        shared = []
        if "xl/sharedStrings.xml" in names:
            shared = [_text(si) for si in ElementTree.fromstring(z.read("xl/sharedStrings.xml"))]  # noqa: S314 - our own output
        styles = ElementTree.fromstring(z.read("xl/styles.xml"))  # noqa: S314 - our own output
        xfs = styles.find("m:cellXfs", NS)
        xf_list = list(xfs) if xfs is not None else []
        root = ElementTree.fromstring(z.read(f"xl/worksheets/sheet{sheet}.xml"))  # noqa: S314 - our own output
    cells = []
    for c in root.iter(f"{{{NS['m']}}}c"):
        style = int(c.get("s", "0"))
        value = c.find("m:v", NS)
        if c.find("m:f", NS) is not None:
            kind, text = "formula", c.find("m:f", NS).text or ""
        elif c.get("t") == "s":
            kind, text = "text", shared[int(value.text)]
        elif c.get("t") == "inlineStr":
            kind, text = "text", _text(c)
        elif value is not None and c.get("t") in (None, "n"):
            kind, text = "number", value.text
        else:
            kind, text = "other", "" if value is None else value.text
        xf = xf_list[style] if style < len(xf_list) else None
        quoted = xf is not None and xf.get("quotePrefix") == "1"
        cells.append(Cell(c.get("r"), kind, text, quoted, "" if xf is None else xf.get("fontId", "")))
    return cells


def cell_with(source: Path | bytes, value: str, sheet: int = 1) -> Cell:
    """The first cell of ``sheet`` whose value is ``value`` (Excel stores a CR as ``_x000D_``)."""
    found = [c for c in xlsx_cells(source, sheet) if c.value == value.replace("\r", "_x000D_")]
    assert found, f"no cell {value!r} in sheet {sheet}"
    return found[0]
