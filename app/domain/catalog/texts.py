"""Catalog texts in the customer's language: module names, finishes, options, rule messages.

What a customer reads about the furniture is catalog data, so its translations
are catalog files too: ``<catalog>/translations/<language>.toml`` (``sv.toml``,
``zh_CN.toml``), keyed by entry id and field::

    [modules.door]
    name = "Dörr"
    description = "..."
    params = { width = "Bredd", handle = "Handtag" }

    [finishes]            [materials]          [hardware]
    white = "Arktisk vit" mfc18 = "..."        handle_knob = "..."

    [loads]               [compatibility]      [options]
    books = "Böcker"      <rule id> = "..."    left = "Vänster"   # option words that are no catalog item

    [presets.bookcase]
    name = "Bokhylla"
    need = "Förvara böcker"
    description = "..."

English is the catalog's own text.  A missing key falls back to English (the
kiosk stays usable) and :func:`missing_keys` lists every such key, so a test or
``modulor kiosk --check-translations`` catches it before a customer does.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from app.domain.catalog.catalog import Catalog
from app.domain.catalog.model import Parameter

SOURCE_LANGUAGE = "en"
FOLDER = "translations"


class TranslationFileError(ValueError):
    """A translation file cannot be read; the message names the file."""


def expected_keys(catalog: Catalog) -> dict[str, str]:
    """Every customer-visible catalog text: dotted key -> the catalog's English."""
    keys = {"catalog.name": catalog.info.name, "catalog.description": catalog.info.description}
    for type_id, mtype in catalog.modules.items():
        keys[f"modules.{type_id}.name"] = mtype.name
        if mtype.description:
            keys[f"modules.{type_id}.description"] = mtype.description
        for name, param in mtype.params.items():
            keys[f"modules.{type_id}.params.{name}"] = param.label
            if param.options and catalog.item_kind(param) is None:
                for option in param.options:
                    if isinstance(option, str):
                        keys[f"options.{option}"] = option.replace("_", " ").capitalize()
    for table, entries in (("finishes", catalog.finishes), ("materials", catalog.materials),
                           ("hardware", catalog.hardware)):
        for entry_id, entry in entries.items():
            keys[f"{table}.{entry_id}"] = entry.name
    for load_id, load in catalog.shelf_loads.items():
        keys[f"loads.{load_id}"] = load.label
    for rule in catalog.info.compatibility:
        keys[f"compatibility.{rule.id}"] = rule.message
    for preset_id, preset in catalog.presets.items():
        keys[f"presets.{preset_id}.name"] = preset.name
        keys[f"presets.{preset_id}.need"] = preset.need
        if preset.description:
            keys[f"presets.{preset_id}.description"] = preset.description
    return keys


def translation_path(catalog: Catalog, language: str) -> Path:
    return catalog.root / FOLDER / f"{language}.toml"


def _flatten(table: Mapping[str, object], prefix: str = "") -> dict[str, object]:
    flat: dict[str, object] = {}
    for key, value in table.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, dotted + "."))
        else:
            flat[dotted] = value
    return flat


def read_translation(catalog: Catalog, language: str) -> dict[str, str]:
    """The flat key -> text table of one language ({} for English or a language without a file)."""
    if language == SOURCE_LANGUAGE:
        return {}
    path = translation_path(catalog, language)
    if not path.is_file():
        return {}
    try:
        flat = _flatten(tomllib.loads(path.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise TranslationFileError(f"{path}: cannot be read: {exc}") from None
    wrong = [k for k, v in flat.items() if not isinstance(v, str) or not v.strip()]
    if wrong:
        raise TranslationFileError(f"{path}: {', '.join(wrong)}: expected non-empty text")
    return cast(dict[str, str], flat)  # every value was just checked to be text


def missing_keys(catalog: Catalog, language: str) -> list[str]:
    """'file: key (English text)' for each catalog text the language lacks, and each key it has
    that the catalog does not (a renamed entry)."""
    if language == SOURCE_LANGUAGE:
        return []
    path = translation_path(catalog, language)
    have = read_translation(catalog, language)
    want = expected_keys(catalog)
    lines = [f"{path}: missing '{key}' ({text!r})" for key, text in want.items() if key not in have]
    lines += [f"{path}: '{key}' is not in the catalog" for key in have if key not in want]
    return lines


@dataclass
class CatalogTexts:
    """Catalog texts of one catalog in one language, English where a translation is missing."""

    catalog: Catalog
    language: str = SOURCE_LANGUAGE
    table: dict[str, str] = field(default_factory=dict)
    _english: dict[str, str] | None = field(default=None, repr=False)

    @classmethod
    def load(cls, catalog: Catalog, language: str) -> CatalogTexts:
        return cls(catalog, language, read_translation(catalog, language))

    def text(self, key: str) -> str:
        found = self.table.get(key)
        if found is not None:
            return found
        if self._english is None:
            self._english = expected_keys(self.catalog)
        return self._english.get(key, key)

    # Named lookups: the call sites read as what they show.
    def module_name(self, type_id: str) -> str:
        return self.text(f"modules.{type_id}.name")

    def finish(self, finish_id: str) -> str:
        return self.text(f"finishes.{finish_id}")

    def hardware(self, item_id: str) -> str:
        return self.text(f"hardware.{item_id}")

    def material(self, material_id: str) -> str:
        return self.text(f"materials.{material_id}")

    def load_label(self, load_id: str) -> str:
        return self.text(f"loads.{load_id}")

    def rule_message(self, rule_id: str) -> str:
        return self.text(f"compatibility.{rule_id}")

    def preset(self, preset_id: str, field_name: str) -> str:
        return self.text(f"presets.{preset_id}.{field_name}")

    def option_text(self, param: Parameter, value: float | str) -> str:
        """An option as the customer reads it: an item's name, a load class, or an option word."""
        kind = self.catalog.item_kind(param)  # not None: every option is an item id (a str)
        if kind == "material":
            return self.material(str(value))
        if kind == "hardware":
            return self.hardware(str(value))
        if kind == "load":
            return self.load_label(str(value))
        if isinstance(value, str):
            return self.text(f"options.{value}")
        return f"{value:g}"
