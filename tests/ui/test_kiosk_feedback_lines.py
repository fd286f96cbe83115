"""The kiosk's feedback lines name their unit and never repeat (issue 15, item 6), in all three languages."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication

from app.domain.catalog.texts import CatalogTexts
from app.domain.design.presets import design_from_preset
from app.editing.kiosk_choices import KioskEditor
from app.ui.kiosk.feedback import feedback_lines, finding_text
from app.ui.kiosk.i18n import Translations

pytestmark = pytest.mark.gui

LANGUAGES = ("en", "sv", "zh_CN")
ANCHOR = {
    "en": "Parts 1 and 2: This unit is fixed to the wall so it cannot tip over. The wall anchor kit is included.",
    "sv": "Del 1 och 2: Enheten fästs i väggen så att den inte kan välta. Väggförankringen ingår.",
    "zh_CN": "第 1 和 2 部分\uff1a此柜体将固定在墙上以防倾倒。已包含墙体固定套件。",
}
PART_PREFIX = {"en": ("Part ", "Parts "), "sv": ("Del ",), "zh_CN": ("第 ",)}


@pytest.fixture
def speak(qapp):
    """Switch the application's language (as the kiosk does); English again afterwards.

    Translators an earlier test's kiosk left installed (they are the application's
    children) are set aside meanwhile, so "en" really is English, and put back after.
    """
    app = QApplication.instance()
    left = [t for t in app.findChildren(QTranslator) if app.removeTranslator(t)]   # True: it was installed
    translations = Translations(app)

    def use(catalog, language: str) -> CatalogTexts:
        assert translations.use(language)
        return CatalogTexts.load(catalog, language)

    yield use
    translations.use("en")
    for translator in left:
        app.installTranslator(translator)


@pytest.fixture(scope="module")
def editor(catalog):
    return KioskEditor(catalog)


def widen(editor, design, units=None):
    """Every unit (or the given ones) as wide as the kiosk lets it be."""
    for unit in units or editor.units(design):
        choice = editor.size_choice(design, unit, "width")
        if choice is not None:
            command = editor.resize(design, unit, "width", choice[2])
            if command is not None:
                command.apply(design)
    return design


@pytest.mark.parametrize("language", LANGUAGES)
def test_repeated_findings_give_one_line_naming_both_units(catalog, editor, speak, language):
    texts = speak(catalog, language)
    design = design_from_preset(catalog, "tv_bench")
    report = editor.check(design)
    anchors = [f for f in report.findings if f.code == "stability.anchor"]
    assert len(anchors) == 2   # one per drawer unit on its own legs: today's two identical notes
    assert len({finding_text(f, design, texts, language) for f in anchors}) == 1
    lines = feedback_lines(report, design, texts, language, editor)
    assert lines == [ANCHOR[language]]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_finding_on_one_unit_names_that_unit_only(catalog, editor, speak, language):
    texts = speak(catalog, language)
    design = widen(editor, design_from_preset(catalog, "tv_bench"), units=["c2"])
    report = editor.check(design)
    assert {f.modules for f in report.findings if f.code.startswith("compat.")} == {("c2d",)}
    push_latch = texts.rule_message("push_latch_drawer_width")
    own = {"en": "Part 2: ", "sv": "Del 2: ", "zh_CN": "第 2 部分\uff1a"}[language]
    assert own + push_latch in feedback_lines(report, design, texts, language, editor)


@pytest.mark.parametrize("language", LANGUAGES)
def test_sagging_shelves_in_two_units_are_one_line_naming_both(catalog, editor, speak, language):
    texts = speak(catalog, language)
    design = design_from_preset(catalog, "tv_bench")
    widen(editor, design, units=["wc1", "wc2"])   # the open wall cabinets: their shelves sag
    report = editor.check(design)
    assert len([f for f in report.findings if f.code == "shelf.sag"]) == 2
    sag = [line for line in feedback_lines(report, design, texts, language, editor)
           if finding_text(next(f for f in report.findings if f.code == "shelf.sag"), design, texts, language)
           in line]
    both = {"en": "Parts 3 and 4: ", "sv": "Del 3 och 4: ", "zh_CN": "第 3 和 4 部分\uff1a"}[language]
    assert len(sag) == 1 and sag[0].startswith(both)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_preset_shows_a_line_twice_at_its_defaults_or_widened(catalog, editor, speak, language):
    texts = speak(catalog, language)
    for preset_id in catalog.presets:
        for stage in ("defaults", "widened"):
            design = design_from_preset(catalog, preset_id)
            if stage == "widened":
                widen(editor, design)
            report = editor.check(design)
            lines = feedback_lines(report, design, texts, language, editor)
            where = f"{preset_id} {stage} ({language}): {lines}"
            assert len(lines) == len(set(lines)), where
            assert len(lines) == len({finding_text(f, design, texts, language) for f in report.findings}), where
            if len(editor.units(design)) > 1:   # the unit buttons show: every line says which part
                assert all(line.startswith(PART_PREFIX[language]) for line in lines), where


def test_preset_texts_say_what_the_presets_are(catalog):
    wardrobe = catalog.presets["wardrobe"]
    design = design_from_preset(catalog, "wardrobe")
    width = sum(float(design.get(u).params["width"]) for u in ("w1", "w2"))
    height = float(design.get("p1").params["height"]) + float(design.get("w1").params["height"])
    assert (width, height) == (2000, 2300)
    assert "Two-metre wardrobe" not in wardrobe.description
    assert "2 m wide" in wardrobe.description and "2.3 m tall" in wardrobe.description
    sv = CatalogTexts.load(catalog, "sv")
    assert "Två meter garderob" not in sv.preset("wardrobe", "description")
    assert sv.preset("wardrobe", "description").startswith("Tvåmetersgarderob, 2,3 m hög")
    zh = CatalogTexts.load(catalog, "zh_CN")
    assert "宽 2 米" in zh.preset("wardrobe", "description") and "高 2.3 米" in zh.preset("wardrobe", "description")
    # A need reads as a need ("Store books", "Dress a bedroom"), never lower-cased into "a tv wall".
    assert catalog.presets["tv_bench"].need == "Furnish a TV wall"
    assert sv.preset("tv_bench", "need") == "Inred en TV-vägg"
    assert zh.preset("tv_bench", "need") == "布置电视墙"


def test_the_preset_menu_writes_names_and_needs_as_they_are(make_window):
    window = make_window()
    texts = [action.text() for action in window.preset_menu.actions()]
    assert "TV bench · Furnish a TV wall" in texts and "Bookcase · Store books" in texts
    assert not any("tv wall" in text for text in texts)


def test_the_editors_feedback_bar_shows_each_note_once_naming_its_units(qtbot, catalog, tmp_path):
    """The real editor: the TV bench's open wall cabinets widened until both their shelves sag."""
    from PySide6.QtCore import Qt

    from tests.ui.kiosk_helpers import open_kiosk

    window = open_kiosk(qtbot, catalog, tmp_path)
    qtbot.mouseClick(window.welcome.cards["tv_bench"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.editor)
    session = window.session
    for unit in ("wc1", "wc2"):
        _value, _low, high, step = session.editor.size_choice(session.design, unit, "width")
        width = high
        while not session.apply(session.editor.resize(session.design, unit, "width", width)).ok:
            width -= step   # the widest the kiosk accepts (a shelf that sags too much is refused)
    sagging = [f for f in session.report.findings if f.code == "shelf.sag"]
    assert len(sagging) == 2
    lines = window.editor.feedback.text().split("\n")
    assert len(lines) == len(set(lines))
    assert sum(line.startswith("Parts 3 and 4: ") for line in lines) == 1, lines
