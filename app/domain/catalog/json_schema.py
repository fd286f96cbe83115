"""JSON Schemas of the catalog files, generated from :mod:`app.domain.catalog.model`.

Editors (VS Code with Even Better TOML / taplo, JetBrains) read the ``#:schema``
line at the top of each catalog file and then complete and check fields as the
author types.  The schemas are written to ``catalogs/schema/`` and a test keeps
them in step with the model.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app.domain import atomic_files
from app.domain.catalog.machining_model import MachiningFile
from app.domain.catalog.model import FILE_MODELS

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schemas() -> dict[str, dict[str, Any]]:
    """File kind -> JSON Schema (draft 2020-12)."""
    result = {}
    models: dict[str, type[Any]] = {**FILE_MODELS, "machining": MachiningFile}   # machining.toml's own module
    for kind, model in models.items():
        schema = model.model_json_schema(by_alias=True)
        schema = {"$schema": SCHEMA_DIALECT, "title": f"Modulor catalog: {kind} file", **schema}
        result[kind] = schema
    return result


def schema_texts() -> dict[str, str]:
    return {f"{kind}.schema.json": json.dumps(schema, indent=2, sort_keys=True) + "\n"
            for kind, schema in schemas().items()}


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        path = folder / name
        written.append(atomic_files.write_text(path, text))
    return written


def stale_schemas(folder: Path) -> list[str]:
    """Names of schema files that are missing or differ from the model."""
    stale = []
    for name, text in schema_texts().items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            stale.append(name)
    return stale
