"""ZPL labels: the field data of every label parsed back, one label per piece, ids and texts as the model says."""

from __future__ import annotations

import re
from datetime import date

import pytest

from app.domain.design.presets import design_from_preset
from app.domain.production.bom import build_bom
from app.domain.production.exports import write_export
from app.domain.production.exports.reference import OrderReference, OrderReferenceError
from app.domain.production.quantities import plain
from tests.domain.workshop_designs import built

PRESETS = ("bookcase", "sideboard", "wardrobe", "tv_bench")
ORDER = OrderReference("7K2M-Q9TX", "Ann ^XZ~JA_ Björk", date(2026, 12, 4))
FIELD = re.compile(r"\^(?P<cmd>[A-Z0-9@]{2})(?P<args>[^\^]*)|\^FD(?P<data>.*?)\^FS", re.S)


def _unescape(data: str) -> str:
    """^FH's hex escapes (_5E) back to characters, as the printer reads them (UTF-8 under ^CI28)."""
    return re.sub(rb"_([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]),
                  data.encode("utf-8")).decode("utf-8")


def parse(zpl: str) -> list[dict]:
    """Per ^XA..^XZ block: barcode data (^BC), QR data (^BQ) and the text fields, each field by the
    command that formats it (the last ^A/^BC/^BQ before its ^FD), ^FH escapes decoded."""
    blocks = re.findall(r"\^XA(.*?)\^XZ", zpl, re.S)
    assert zpl.count("^XA") == zpl.count("^XZ") == len(blocks)
    labels = []
    for block in blocks:
        label: dict = {"texts": [], "code128": [], "qr": [], "block": block}
        kind, escaped = None, False
        for token in re.finditer(r"\^FD(.*?)\^FS|\^([A-Z0-9]{2})([^\^]*)", block, re.S):
            if token.group(2):
                cmd = token.group(2)
                if cmd in ("A0", "BC", "BQ"):
                    kind = cmd
                elif cmd == "FH":
                    escaped = True
                continue
            data = _unescape(token.group(1)) if escaped else token.group(1)
            {"A0": label["texts"], "BC": label["code128"], "BQ": label["qr"]}[kind].append(data)
            kind, escaped = None, False
        labels.append(label)
    return labels


@pytest.mark.parametrize("name", [*PRESETS, "study", "kitchen"])
def test_every_zpl_label_holds_its_piece_id_in_barcode_and_qr(catalog, tmp_path, name):
    design = design_from_preset(catalog, name) if name in PRESETS else built(catalog, name)
    bom = build_bom(catalog, design)
    (path,) = write_export("zpl", tmp_path / "labels.zpl", catalog, design, bom, reference=ORDER)
    labels = parse(path.read_text(encoding="utf-8"))
    expected = [(p, k) for p in bom.parts for k in range(1, p.qty + 1)]
    assert len(labels) == len(expected)
    for label, (part, k) in zip(labels, expected):
        piece = f"7K2M-Q9TX-{part.number}-{k}"
        assert label["code128"] == [piece]
        assert label["qr"] == [f"MA,{piece}"]          # error correction M, automatic input mode
        texts = label["texts"]
        # The customer's ^ ~ _ arrive as text, never as commands; every label carries the reference.
        assert texts[0] == "Order 7K2M-Q9TX · Ann ^XZ~JA_ Björk · 2026-12-04"
        assert f"{part.number}   piece {k} / {part.qty}" in texts
        assert f"{plain(part.length)} x {plain(part.width)} x {plain(part.thickness)} mm" in texts
        assert catalog.materials[part.material].name[:20] in " ".join(texts)
        if part.finish in catalog.finishes:
            assert catalog.finishes[part.finish].name in texts
        assert "^PW812" in label["block"] and "^LL406" in label["block"] and "^CI28" in label["block"]


def test_zpl_cabinets_follow_design_order_and_4x3_has_the_banding_line(catalog, tmp_path):
    design = built(catalog, "kitchen")
    bom = build_bom(catalog, design)
    (path,) = write_export("zpl", tmp_path / "l.zpl", catalog, design, bom, label_stock="4x3")
    labels = parse(path.read_text(encoding="utf-8"))
    (doors_left,) = [p for p in bom.parts if p.label == "Door" and p.hinge == "left"]
    (door,) = [lab for lab in labels if lab["code128"] == [f"{bom.design_id}-{doors_left.number}-1"]]
    assert "Door - hinge left" in door["texts"] and "k1d Door in k1" in door["texts"]
    # The door is banded all round with abs1 (catalog: door.toml's edges), front/back = L1/L2, left/right = W1/W2.
    assert "Edges: abs1 all round" in door["texts"]
    # A base cabinet's shelf is banded on its front edge alone (shelf.toml: L1).
    shelf = next(p for p in bom.parts if p.label == "Shelf")
    assert shelf.edge_map.keys() == {"L1"}
    (shelf_label,) = [lab for lab in labels if lab["code128"] == [f"{bom.design_id}-{shelf.number}-1"]]
    assert f"Edges: front {shelf.edge_map['L1']}" in shelf_label["texts"]
    assert "^PW812" in door["block"] and "^LL609" in door["block"]


def test_order_codes_that_could_break_a_label_are_refused():
    for code in ("7K2M Q9TX", "AB^XZ", "A~B", "A_B", "", "ÅB"):
        with pytest.raises(OrderReferenceError, match="letters, digits and '-'"):
            OrderReference(code)
    assert OrderReference(" 7K2M-Q9TX ", "Ann\nBjörk\t").customer == "Ann Björk"
