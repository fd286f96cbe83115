"""The welcome screen: choose a language, then a starting point by what you need.

Each preset of the catalog is a card (rendered picture, name, what it is for,
its price as designed) under the need it serves ("Store books", "Hide clutter",
...), all in the chosen language.  Pictures and prices are made once per
catalog (they do not depend on the customer); the texts follow the language.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.catalog.catalog import Catalog
from app.domain.catalog.texts import CatalogTexts
from app.domain.production.pricing import Quote
from app.ui.kiosk.i18n import NATIVE_NAMES, money

CARD_PICTURE = (390, 290)


class PresetCard(QFrame):
    """A whole card is one big target: picture, name, need, price; ``clicked`` on a tap."""

    clicked = Signal()

    def __init__(self, preset_id: str, picture: QPixmap, parent=None):
        super().__init__(parent, objectName=f"preset_{preset_id}")
        self.preset_id = preset_id
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setMinimumWidth(CARD_PICTURE[0] + 30)
        self.setStyleSheet(f"#preset_{preset_id} {{ background: white; border-radius: 18px;"
                           " border: 1px solid #DADDE1; }")
        column = QVBoxLayout(self)
        column.setContentsMargins(14, 18, 14, 18)
        self.need = QLabel(objectName="need", alignment=Qt.AlignmentFlag.AlignCenter)
        self.need.setStyleSheet("color: #1F6FEB; font-size: 24px; font-weight: 700;")
        self.need.setWordWrap(True)
        self.picture = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.picture.setPixmap(picture)
        self.name = QLabel(objectName="name", alignment=Qt.AlignmentFlag.AlignCenter)
        self.name.setStyleSheet("font-size: 28px; font-weight: 700;")
        self.description = QLabel(objectName="description", alignment=Qt.AlignmentFlag.AlignCenter)
        self.description.setWordWrap(True)
        self.description.setStyleSheet("color: #5A6270; font-size: 18px;")
        self.price = QLabel(objectName="price", alignment=Qt.AlignmentFlag.AlignCenter)
        self.price.setStyleSheet("font-size: 26px; font-weight: 600;")
        for label in (self.need, self.picture, self.name, self.description, self.price):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)   # the card takes the tap
            column.addWidget(label)
        column.addStretch(1)

    def mouseReleaseEvent(self, event) -> None:
        if self.rect().contains(event.position().toPoint()):
            self.clicked.emit()

    def click(self) -> None:
        self.clicked.emit()


class WelcomePage(QWidget):
    preset_chosen = Signal(str)
    language_chosen = Signal(str)

    def __init__(self, catalog: Catalog, languages: tuple[str, ...], pictures: dict[str, QPixmap],
                 quotes: dict[str, Quote], parent=None):
        super().__init__(parent, objectName="welcome")
        self.catalog = catalog
        self.quotes = quotes
        column = QVBoxLayout(self)
        column.setContentsMargins(40, 30, 40, 30)
        top = QHBoxLayout()
        self.title = QLabel(objectName="welcomeTitle")
        self.title.setProperty("role", "title")
        self.subtitle = QLabel(objectName="welcomeSubtitle")
        self.subtitle.setProperty("role", "muted")
        heading = QVBoxLayout()
        heading.addWidget(self.title)
        heading.addWidget(self.subtitle)
        top.addLayout(heading, 1)
        self.language_buttons: dict[str, QPushButton] = {}
        for language in languages:
            # Each language names itself, so its speakers find it whatever is shown now.
            button = QPushButton(NATIVE_NAMES[language], checkable=True, objectName=f"language_{language}")
            button.setAutoExclusive(True)
            button.clicked.connect(lambda _=False, code=language: self.language_chosen.emit(code))
            self.language_buttons[language] = button
            top.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        column.addLayout(top)
        column.addSpacing(30)
        grid = QGridLayout()
        grid.setSpacing(24)
        self.cards: dict[str, PresetCard] = {}
        for i, preset_id in enumerate(self._by_need()):
            card = PresetCard(preset_id, pictures.get(preset_id, QPixmap()))
            card.clicked.connect(lambda _=False, p=preset_id: self.preset_chosen.emit(p))
            self.cards[preset_id] = card
            grid.addWidget(card, i // 4, i % 4)
        column.addLayout(grid)
        column.addStretch(1)
        self.hint = QLabel(objectName="welcomeHint", alignment=Qt.AlignmentFlag.AlignCenter)
        self.hint.setProperty("role", "muted")
        column.addWidget(self.hint)

    def _by_need(self) -> list[str]:
        """Presets grouped by their need, needs in catalog order."""
        needs: dict[str, list[str]] = {}
        for preset_id, preset in self.catalog.presets.items():
            needs.setdefault(preset.need, []).append(preset_id)
        return [p for group in needs.values() for p in group]

    def retranslate(self, texts: CatalogTexts, language: str) -> None:
        self.title.setText(self.tr("What would you like to furnish?"))
        self.subtitle.setText(self.tr("Choose a starting point. You can change its size, inside, fronts and "
                                      "colours next."))
        self.hint.setText(self.tr("Touch a picture to start. Your design is not kept after you leave."))
        for language_id, button in self.language_buttons.items():
            button.setChecked(language_id == language)
        for preset_id, card in self.cards.items():
            card.need.setText(texts.preset(preset_id, "need"))
            card.name.setText(texts.preset(preset_id, "name"))
            card.description.setText(texts.preset(preset_id, "description"))
            quote = self.quotes.get(preset_id)
            card.price.setText(self.tr("As shown: %1").replace("%1", money(quote.price_gross, quote.currency,
                                                                         language)) if quote else "")
            card.setAccessibleName(texts.preset(preset_id, "name"))
