"""A designer's round trip without a window: import a foreign mesh, fix it, define zones, publish.

The cabinet comes in metres, Y up, origin in the middle; after publishing into a
copy of the catalog it must load as a module type, and stretch so that its 18 mm
side panels stay 18 mm at the width parameter's minimum and maximum.
"""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pytest

from app.domain.catalog.check import check_catalog
from app.domain.catalog.loader import load_catalog
from app.domain.catalog.module_eval import module_env, module_size, resolve_params
from app.domain.mesh.clean import Choices, clean, suggest_zone, to_glb
from app.domain.mesh.entry_toml import AxisParam, ModuleDraft, new_module_text, updated_module_text
from app.domain.mesh.inspection import inspect_file
from app.domain.mesh.loading import load_mesh
from app.domain.mesh.publish import PublishConflict, PublishError, plan_publish, publish
from app.domain.mesh.report import CheckContext, build_report
from app.domain.mesh.stretch import stretch_vertices
from tests.designer_meshes import BOARD, DEPTH, HEIGHT, WIDTH, foreign_cabinet

MODULE = "designer_cabinet"


def _distinct(values) -> list[float]:
    return sorted(set(np.round(np.asarray(values, dtype=float), 6)))


@pytest.fixture
def prepared(tmp_path, catalog_copy):
    """The foreign cabinet read, judged, and cleaned as the designer would: (catalog, report, clean mesh)."""
    catalog = load_catalog(catalog_copy)
    inspected = inspect_file(foreign_cabinet(tmp_path))
    report = build_report(inspected, CheckContext.from_catalog(catalog))
    return catalog, report, clean(inspected, Choices(report.units.value, report.up.value, fix_origin=True))


def _draft(mesh) -> ModuleDraft:
    zones = {axis: [suggest_zone(mesh.vertices, i)] for i, axis in enumerate("xyz")}
    return ModuleDraft(MODULE, "Designer cabinet", "carcass", tuple(mesh.size), zones,
                       {"x": AxisParam(300, 1200, 50), "y": AxisParam(350, 600, 10), "z": AxisParam(400, 900, 20)},
                       hardware=[("connector", "8")], labour_minutes="30")


def test_the_report_sees_metres_y_up_and_an_off_centre_origin(prepared):
    _catalog, report, mesh = prepared
    assert (report.units.value, report.up.value) == ("m", "Y")
    assert report.finding("origin").level == "fix" and report.finding("closed").level == "ok"
    assert np.allclose(report.corner_mm, (-WIDTH / 2, DEPTH / 2, -HEIGHT / 2))
    lo, hi = mesh.bounds
    assert np.allclose(lo, (0, -DEPTH, 0)) and np.allclose(hi, (WIDTH, 0, HEIGHT))


def test_suggested_zones_lie_between_the_boards(prepared):
    mesh = prepared[2]
    assert suggest_zone(mesh.vertices, 0) == pytest.approx((BOARD, WIDTH - BOARD))
    assert suggest_zone(mesh.vertices, 2) == pytest.approx((BOARD, HEIGHT - BOARD))


def test_round_trip_publish_load_and_stretch(prepared):
    catalog, _report, mesh = prepared
    draft = _draft(mesh)
    plan = plan_publish(catalog, MODULE)
    assert plan.mesh_rel == "linea/designer_cabinet.glb" and not plan.existing and not plan.updating
    text = new_module_text(draft, catalog, plan.mesh_rel, "cabinet.glb")
    result = publish(catalog, plan, to_glb(mesh, draft.reference_size, draft.zones), text)
    assert result.written == [plan.mesh_path, plan.entry_path] and not result.backups

    reloaded = load_catalog(catalog.root)
    assert not reloaded.problems, [str(p) for p in reloaded.problems]
    mtype = reloaded.module(MODULE)
    assert mtype.reference_size == (WIDTH, DEPTH, HEIGHT) and mtype.stretch.x == [(BOARD, WIDTH - BOARD)]
    assert check_catalog(reloaded.root).ok
    stored = load_mesh(reloaded.mesh_path(mtype.mesh))
    for width in (mtype.params["width"].min, mtype.params["width"].max):
        size = module_size(mtype, module_env(reloaded, mtype, resolve_params(mtype, {"width": width})))
        assert size == (width, DEPTH, HEIGHT)
        stretched = stretch_vertices(stored.vertices, mtype.reference_size, size, mtype.stretch.model_dump())
        front = stretched[stretched[:, 1] < -BOARD]   # away from the back panel: only the sides' faces
        assert _distinct(front[:, 0]) == [0, BOARD, width - BOARD, width]   # both sides still 18 mm


def test_publishing_again_needs_confirmation_and_keeps_a_backup(prepared):
    catalog, _report, mesh = prepared
    draft = _draft(mesh)
    plan = plan_publish(catalog, MODULE)
    first_text = new_module_text(draft, catalog, plan.mesh_rel)
    publish(catalog, plan, to_glb(mesh, draft.reference_size, draft.zones), first_text)
    catalog = load_catalog(catalog.root)
    plan = plan_publish(catalog, MODULE)
    assert plan.updating and plan.existing == [plan.mesh_path, plan.entry_path]
    old_glb = plan.mesh_path.read_bytes()
    draft.zones["x"] = [(BOARD, 300.0), (300.0, WIDTH - BOARD)]
    text = updated_module_text(plan.entry_path.read_text(), plan.mesh_rel, draft.reference_size, draft.zones)
    glb = to_glb(mesh, draft.reference_size, draft.zones)
    with pytest.raises(PublishConflict) as conflict:
        publish(catalog, plan, glb, text)
    assert conflict.value.existing == [plan.mesh_path, plan.entry_path]
    assert plan.mesh_path.read_bytes() == old_glb   # nothing touched without the designer's yes
    result = publish(catalog, plan, glb, text, overwrite=True, now=datetime(2026, 11, 22, 9, 30, 5))
    assert [b.name for b in result.backups] == ["designer_cabinet.glb.bak-20261122-093005",
                                                "designer_cabinet.toml.bak-20261122-093005"]
    assert result.backups[0].read_bytes() == old_glb and result.backups[1].read_text() == first_text
    assert "# To complete" in plan.entry_path.read_text()   # the designer's comments survive the update
    assert load_catalog(catalog.root).module(MODULE).stretch.x == [(BOARD, 300.0), (300.0, WIDTH - BOARD)]


def test_nothing_is_written_when_the_check_fails(prepared):
    catalog, _report, mesh = prepared
    draft = _draft(mesh)
    draft.zones["x"] = [(BOARD, WIDTH + 100)]          # a zone beyond the mesh
    plan = plan_publish(catalog, MODULE)
    before = sorted(p.name for p in catalog.root.parent.iterdir())
    with pytest.raises(PublishError) as failure:
        publish(catalog, plan, to_glb(mesh, draft.reference_size, draft.zones),
                new_module_text(draft, catalog, plan.mesh_rel))
    assert "stretch.x" in str(failure.value) and "lies outside" in str(failure.value)
    assert not plan.mesh_path.exists() and not plan.entry_path.exists()
    assert sorted(p.name for p in catalog.root.parent.iterdir()) == before   # no staging folder left


def test_a_range_the_zones_cannot_reach_is_refused(prepared):
    catalog, _report, mesh = prepared
    draft = _draft(mesh)
    draft.params["x"] = AxisParam(20, 1200, 10)          # 20 mm wide: less than the two 18 mm sides
    plan = plan_publish(catalog, MODULE)
    with pytest.raises(PublishError, match=r"width = 20: size 20 mm is smaller than the 36 mm"):
        publish(catalog, plan, to_glb(mesh, draft.reference_size, draft.zones),
                new_module_text(draft, catalog, plan.mesh_rel))
    assert not plan.entry_path.exists()


def test_updating_a_bundled_module_keeps_its_mesh_path(catalog_copy):
    catalog = load_catalog(catalog_copy)
    plan = plan_publish(catalog, "base_cabinet")
    assert plan.updating and plan.mesh_rel == "linea/base_cabinet.glb"
    text = updated_module_text(plan.entry_path.read_text(), plan.mesh_rel, (600, 560, 720),
                               {"x": [(18, 582)], "y": [(-550, -10)], "z": [(18, 702)]})
    assert text == plan.entry_path.read_text()   # same values: byte for byte the same file


@pytest.mark.parametrize("category", ["carcass", "open_shelf", "base", "top", "front", "insert"])
def test_the_new_entry_template_passes_the_catalog_check_for_every_category(prepared, category):
    catalog, _report, mesh = prepared
    draft = _draft(mesh)
    draft.category, draft.module_id = category, f"new_{category}"
    plan = plan_publish(catalog, draft.module_id)
    publish(catalog, plan, to_glb(mesh, draft.reference_size, draft.zones),
            new_module_text(draft, catalog, plan.mesh_rel))
    assert load_catalog(catalog.root).module(draft.module_id).category == category


def test_an_stl_in_metres_y_up_is_read_standing_with_a_lying_down_warning(tmp_path, catalog):
    inspected = inspect_file(foreign_cabinet(tmp_path, ".stl"))
    guessed = build_report(inspected, CheckContext.from_catalog(catalog))
    # STL's convention (Z up) would lay it on its back, 600 x 720 x 560: it is read Y up, and asked.
    assert (guessed.units.value, guessed.up.value, guessed.up.source) == ("m", "Y", "proportions")
    assert guessed.lying_down and guessed.verdict == "UNFIT" and guessed.fit
    assert "600 x 720 x 560 mm" in guessed.finding("up").message and guessed.finding("up").level == "warning"
    assert np.allclose(guessed.size_mm, (WIDTH, DEPTH, HEIGHT))
    told = build_report(inspected, CheckContext.from_catalog(catalog, up="Y"))
    assert np.allclose(told.size_mm, (WIDTH, DEPTH, HEIGHT)) and not told.lying_down and told.verdict == "fit"
    mesh = clean(inspected, Choices("m", "Y", fix_origin=True))
    assert np.allclose(mesh.bounds[0], (0, -DEPTH, 0)) and np.allclose(mesh.bounds[1], (WIDTH, 0, HEIGHT))
    assert suggest_zone(mesh.vertices, 0) == pytest.approx((BOARD, WIDTH - BOARD))


def test_a_module_without_parts_hardware_or_labour_is_not_published(prepared):
    catalog, _report, mesh = prepared
    draft = _draft(mesh)
    draft.hardware, draft.labour_minutes = [], ""          # the bare template: labour_minutes = 0, nothing to cut
    plan = plan_publish(catalog, MODULE)
    with pytest.raises(PublishError) as refused:
        publish(catalog, plan, to_glb(mesh, draft.reference_size, draft.zones),
                new_module_text(draft, catalog, plan.mesh_rel))
    text = str(refused.value)
    assert ("designer_cabinet.toml: module 'designer_cabinet', field 'parts': has no parts and no hardware: "
            "it cannot be built, priced or sold") in text
    assert "field 'labour_minutes': is 0 minutes at the defaults" in text
    assert not plan.entry_path.exists() and not plan.mesh_path.exists()


def test_the_staged_proof_refuses_a_mesh_whose_boards_the_cut_list_does_not_have(prepared):
    """The designer window publishes with the solution-space proof of the module on the staged catalog:
    this draft has hardware and labour but no parts, while its mesh has five boards."""
    from app.domain.rules.solution_space_proof import prove_module

    catalog, _report, mesh = prepared
    draft = _draft(mesh)
    plan = plan_publish(catalog, MODULE)
    with pytest.raises(PublishError) as failure:
        publish(catalog, plan, to_glb(mesh, draft.reference_size, draft.zones),
                new_module_text(draft, catalog, plan.mesh_rel), staged_check=prove_module)
    text = str(failure.value)
    assert "3D and cut list disagree" in text and "is a 18 mm panel, but no part of the cut list is there" in text
    assert f"module '{MODULE}'" in text and str(catalog.root) in text   # the real catalog's file, not the staging
    assert not plan.mesh_path.exists() and not plan.entry_path.exists()


def test_published_meshes_entries_and_backups_are_0644_like_the_bundled_files(prepared, umask):
    """Issue 19 item 6: everything publishing writes goes through app.domain.atomic_files; with the usual
    umask 022 a new file is 0644, as the catalog's own files, and a backup has its original's mode
    (a kiosk running under another account must read them)."""
    import os
    import stat

    def mode(path) -> int:
        return stat.S_IMODE(os.stat(path).st_mode)

    umask(0o022)
    catalog, _report, mesh = prepared
    draft = _draft(mesh)
    plan = plan_publish(catalog, MODULE)
    glb = to_glb(mesh, draft.reference_size, draft.zones)
    first = publish(catalog, plan, glb, new_module_text(draft, catalog, plan.mesh_rel))
    assert [mode(p) for p in first.written] == [0o644, 0o644]
    assert mode(catalog.root / "modules" / "door.toml") == 0o644   # as the bundled entries
    catalog = load_catalog(catalog.root)
    plan = plan_publish(catalog, MODULE)
    text = updated_module_text(plan.entry_path.read_text(), plan.mesh_rel, draft.reference_size, draft.zones)
    again = publish(catalog, plan, glb, text, overwrite=True)
    assert [mode(p) for p in again.written + again.backups] == [0o644] * 4
    assert not [p for p in plan.entry_path.parent.iterdir() if p.name.startswith(".")]   # no temporary left
