"""A walk through every kiosk screen: for the screenshot script and the translation tests.

:func:`show` puts the window on one named screen as a customer (or the
administrator) would reach it, with a sample design, so every screen can be
looked at in every language.
"""

from __future__ import annotations

from dataclasses import replace

SCREENS = ("welcome", "editor", "editor_drawers", "summary", "summary_contact", "done", "still_there", "pin",
           "settings", "attract")
SAMPLE_PRESET = "sideboard"


def show(window, name: str, language: str) -> None:
    """Reset the kiosk, choose ``language`` and go to screen ``name``."""
    window.apply_settings(replace(window.settings, collect_contact=name == "summary_contact"))
    window.reset()
    window.set_language(language)
    if name == "welcome":
        return
    if name == "attract":
        window.show_page(window.attract)
        return
    if name in ("pin", "settings"):
        window.ask_pin()
        if name == "settings":
            window.pin_pad.close_pad()
            window.open_settings()
        return
    window.start(SAMPLE_PRESET)
    if name == "editor_drawers":
        editor = window.session.editor
        window.editor.panel.select_unit("c3")
        window.session.apply(editor.set_fronts(window.session.design, "c3", "drawers", 2))
        return
    if name in ("editor", "still_there"):
        if name == "still_there":
            window.still_there.ask(window.settings.countdown_s)
        return
    window.show_summary()
    if name == "done":
        window.place_order({})
