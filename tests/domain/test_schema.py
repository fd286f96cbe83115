"""The JSON Schemas editors use are current and accept exactly what the loader accepts."""

from __future__ import annotations

import tomllib

import jsonschema
import pytest

from app.domain.catalog.json_schema import schemas, stale_schemas
from tests.conftest import CATALOGS, SAMPLE


def test_written_schemas_match_the_model():
    assert stale_schemas(CATALOGS / "schema") == [], "run: modulor catalog schema"


def _files():
    yield "catalog", SAMPLE / "catalog.toml"
    yield "materials", SAMPLE / "materials.toml"
    yield "hardware", SAMPLE / "hardware.toml"
    yield "presets", SAMPLE / "presets.toml"
    yield "machining", SAMPLE / "machining.toml"
    for path in sorted((SAMPLE / "modules").glob("*.toml")):
        yield "module", path


@pytest.mark.parametrize("kind, path", list(_files()), ids=lambda v: getattr(v, "name", v))
def test_every_catalog_file_validates_against_its_schema(kind, path):
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    jsonschema.validate(data, schemas()[kind])
    assert path.read_text(encoding="utf-8").startswith("#:schema ../") and f"{kind}.schema.json" in \
        path.read_text(encoding="utf-8").splitlines()[0]


def test_schema_catches_a_misspelt_field_like_the_loader():
    data = tomllib.loads((SAMPLE / "modules" / "door.toml").read_text(encoding="utf-8"))
    data["parts"][0]["lenght"] = data["parts"][0].pop("length")
    with pytest.raises(jsonschema.ValidationError, match="lenght"):
        jsonschema.validate(data, schemas()["module"])
