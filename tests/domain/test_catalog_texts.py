"""Catalog texts in Swedish and Chinese: complete for Linea, missing keys reported with their file."""

from __future__ import annotations

import shutil

import pytest

from app.domain.catalog.loader import load_catalog
from app.domain.catalog.texts import CatalogTexts, TranslationFileError, expected_keys, missing_keys

LANGS = ("sv", "zh_CN")


@pytest.mark.parametrize("language", LANGS)
def test_linea_is_translated_completely(catalog, language):
    assert missing_keys(catalog, language) == []


@pytest.mark.parametrize("language", LANGS)
def test_every_customer_text_differs_from_english(catalog, language):
    """A translation that copies the English is as untranslated as a missing one."""
    texts = CatalogTexts.load(catalog, language)
    same = [k for k, english in expected_keys(catalog).items()
            if texts.text(k) == english and not k.startswith("catalog.name")]
    assert same == []


def test_lookups_read_as_the_customer_sees_them(catalog):
    sv = CatalogTexts.load(catalog, "sv")
    shelf = catalog.module("shelf")
    assert sv.module_name("door") == "Dörr"
    assert sv.option_text(shelf.params["load"], "books") == "Böcker"
    assert sv.option_text(catalog.module("door").params["hinge_side"], "left") == "Vänster"
    assert sv.rule_message("push_latch_drawer_width").startswith("Tryck-öppna")
    assert CatalogTexts.load(catalog, "en").finish("oak") == "Natural oak decor"


def test_missing_and_stale_keys_are_reported(catalog_copy):
    path = catalog_copy / "translations" / "sv.toml"
    text = path.read_text(encoding="utf-8").replace('oak = "Naturlig ekdekor"\n', "")
    path.write_text(text + '\n[extra]\nnothing = "x"\n', encoding="utf-8")
    catalog = load_catalog(catalog_copy)
    report = missing_keys(catalog, "sv")
    assert any("finishes.oak" in line and "sv.toml" in line for line in report)
    assert any("extra.nothing" in line for line in report)
    assert CatalogTexts.load(catalog, "sv").finish("oak") == "Natural oak decor"   # English, not a blank


def test_a_broken_translation_file_names_itself(catalog_copy):
    (catalog_copy / "translations" / "sv.toml").write_text("[finishes\n", encoding="utf-8")
    with pytest.raises(TranslationFileError, match=r"sv\.toml"):
        CatalogTexts.load(load_catalog(catalog_copy), "sv")
    shutil.rmtree(catalog_copy / "translations")
    assert CatalogTexts.load(load_catalog(catalog_copy), "sv").finish("oak") == "Natural oak decor"
