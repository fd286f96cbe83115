"""Kiosk settings: defaults, bad fields named and ignored, the PIN only as a salted scrypt hash."""

from __future__ import annotations

import os
import stat

from app.domain.showroom.kiosk_settings import (
    KioskSettings,
    hash_pin,
    load_settings,
    save_settings,
    settings_path,
    verify_pin,
)


def test_pin_is_stored_only_as_a_salted_hash(tmp_path):
    settings = KioskSettings().with_pin("482916")
    path = save_settings(settings, tmp_path / "kiosk.toml")
    text = path.read_text()
    assert "482916" not in text and "scrypt$" in text
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    loaded = load_settings(path)
    assert loaded.check_pin("482916")
    assert not loaded.check_pin("482917") and not loaded.check_pin("")
    assert hash_pin("482916") != hash_pin("482916")   # salted
    assert not verify_pin("1234", "garbage")


def test_round_trip_and_defaults(tmp_path):
    settings = KioskSettings(idle_timeout_s=30, countdown_s=5, languages=("sv", "en"), default_language="sv",
                             collect_contact=True, order_store=str(tmp_path / "o.sqlite3"))
    loaded = load_settings(save_settings(settings, tmp_path / "kiosk.toml"))
    assert loaded == settings and not loaded.problems
    assert load_settings(tmp_path / "missing.toml") == KioskSettings()


def test_bad_fields_are_named_and_fall_back(tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_text('idle_timeout_s = "soon"\nlanguages = ["fr"]\ncolour = "red"\ncountdown_s = 10\n')
    loaded = load_settings(path)
    assert loaded.idle_timeout_s == KioskSettings().idle_timeout_s and loaded.countdown_s == 10
    text = "\n".join(loaded.problems)
    assert "'idle_timeout_s'" in text and "'languages'" in text and "'colour'" in text and str(path) in text


def test_settings_live_in_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("MODULOR_DATA_DIR", str(tmp_path))
    assert settings_path() == tmp_path / "kiosk.toml"
    assert KioskSettings().order_store_path() == tmp_path / "orders.sqlite3"


def test_hostile_settings_files_are_refused_with_the_file_named(tmp_path):
    import pytest

    from app.domain.showroom.kiosk_settings import MAX_SETTINGS_BYTES, SettingsError

    deep = tmp_path / "deep.toml"
    deep.write_text("x = " + "[" * 10_000 + "]" * 10_000 + "\n")   # 20 kB, nested 10,000 deep
    with pytest.raises(SettingsError, match=r"deep\.toml: cannot be read: nested too deeply"):
        load_settings(deep)
    huge = tmp_path / "huge.toml"
    huge.write_text("# " + "x" * MAX_SETTINGS_BYTES + "\n")
    with pytest.raises(SettingsError, match=r"huge\.toml: .* bytes is over"):
        load_settings(huge)
    nul = tmp_path / "nul.toml"
    nul.write_text('order_store = "orders\\u0000.sqlite3"\n')
    settings = load_settings(nul)
    assert settings.order_store != "orders\x00.sqlite3"
    assert any("field 'order_store'" in p for p in settings.problems)
