"""Sizes and colours of the kiosk: finger-sized targets scaled for the screen, one style sheet.

A finger needs about 9-10 mm; :func:`touch_target` turns 10 mm into logical
pixels with the screen's physical DPI (never below 48 px, the floor the kiosk
promises), so the same kiosk is usable on a 22" full-HD panel and a 32" 4K one.
Every button, stepper and swatch takes its size from it.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication

MIN_TARGET_PX = 48
FINGER_MM = 10.0

ACCENT = "#1F6FEB"
INK = "#1B1F24"
MUTED = "#5A6270"
PAPER = "#F6F5F2"
CARD = "#FFFFFF"
WARN_BG = "#FFF4CE"
ERROR_BG = "#FDE2E1"
OK_BG = "#E3F4E6"


def touch_target() -> int:
    """The smallest touch target in logical pixels for the primary screen."""
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return MIN_TARGET_PX
    dpi = screen.physicalDotsPerInch() or 96.0
    px = FINGER_MM / 25.4 * dpi / max(screen.devicePixelRatio(), 1.0)
    return max(MIN_TARGET_PX, round(px))


def style_sheet(target: int) -> str:
    big = round(target * 1.3)
    return f"""
QWidget {{ color: {INK}; font-size: 22px; }}
#kiosk, #kioskPage {{ background: {PAPER}; }}
QPushButton, QToolButton {{ min-height: {target}px; min-width: {target}px; padding: 6px 18px;
    border-radius: 12px; border: 2px solid #C9CDD3; background: {CARD}; font-size: 22px; }}
QPushButton:pressed, QToolButton:pressed {{ background: #DCE6F7; }}
QPushButton:checked, QToolButton:checked {{ border: 3px solid {ACCENT}; background: #E8F0FE; }}
QPushButton:disabled, QToolButton:disabled {{ color: #A7ADB5; border-color: #E3E5E8; background: #F2F3F5; }}
QPushButton[unavailable="true"] {{ color: #A7ADB5; border-color: #E3E5E8; background: #F2F3F5; }}
QPushButton[unavailable="true"]:pressed {{ background: #ECEDEF; }}
QPushButton[primary="true"] {{ background: {ACCENT}; color: white; border: none; min-height: {big}px;
    font-size: 26px; font-weight: 600; padding: 6px 32px; }}
QPushButton[primary="true"]:disabled {{ background: #9DB9E8; color: #EEF3FB; }}
QLabel[role="title"] {{ font-size: 44px; font-weight: 700; }}
QLabel[role="heading"] {{ font-size: 28px; font-weight: 600; }}
QLabel[role="muted"] {{ color: {MUTED}; font-size: 20px; }}
QLabel[role="price"] {{ font-size: 34px; font-weight: 700; }}
QLabel[role="code"] {{ font-size: 96px; font-weight: 700; letter-spacing: 6px; }}
QLabel[role="feedback"] {{ border-radius: 10px; padding: 10px 14px; font-size: 20px; }}
QLabel[tone="ok"] {{ background: {OK_BG}; }}
QLabel[tone="warning"] {{ background: {WARN_BG}; }}
QLabel[tone="error"] {{ background: {ERROR_BG}; }}
QFrame[role="card"] {{ background: {CARD}; border-radius: 16px; border: 1px solid #E1E3E6; }}
QSlider::groove:horizontal {{ height: 10px; background: #C8CCD2; border-radius: 5px; }}
QSlider::sub-page:horizontal {{ background: {ACCENT}; border-radius: 5px; }}
QSlider::handle:horizontal {{ width: {target}px; height: {target}px; margin: -{(target - 10) // 2}px 0;
    border-radius: {target // 2}px; background: white; border: 2px solid #8A8F98; }}
QLineEdit {{ min-height: {target}px; font-size: 24px; border: 2px solid #C9CDD3; border-radius: 10px;
    padding: 0 12px; background: white; }}
QScrollBar:vertical {{ width: 18px; }}
"""
