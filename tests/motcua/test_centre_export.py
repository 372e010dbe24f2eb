"""`motcua centre export`: the centre file of the configuration the database holds (the
web console's changes included), which `motcua init --config` imports back unchanged."""

from pathlib import Path

import yaml

from server.centre import load_centre_file
from tests.motcua.test_cli import SAMPLE, motcua


def test_export_imports_back_unchanged(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'centre.db'}"
    assert motcua("init", "--db", db, "--config", str(SAMPLE)).returncode == 0
    shown = motcua("centre", "export", "--db", db)
    assert shown.returncode == 0, shown.stderr
    assert "Trung tâm Phục vụ hành chính công tỉnh Lâm Đồng" in shown.stdout  # not escaped
    exported = yaml.safe_load(shown.stdout)
    assert exported == load_centre_file(SAMPLE).model_dump(mode="json")
    out = tmp_path / "exported.yaml"
    written = motcua("centre", "export", "--db", db, "--out", str(out))
    assert written.returncode == 0 and str(out) in written.stdout, written.stderr
    assert out.read_text(encoding="utf-8") == shown.stdout
    again = motcua("init", "--db", db, "--config", str(out))
    assert again.returncode == 0 and "unchanged" in again.stdout, again.stderr


def test_export_mistakes_are_explained(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'centre.db'}"
    before_init = motcua("centre", "export", "--db", db)
    out = before_init.stdout + before_init.stderr
    assert before_init.returncode != 0 and "Traceback" not in out, out
    assert "motcua init" in out and not (tmp_path / "centre.db").exists()
    assert motcua("init", "--db", db, "--config", str(SAMPLE)).returncode == 0
    nowhere = tmp_path / "no-such-folder" / "centre.yaml"
    r = motcua("centre", "export", "--db", db, "--out", str(nowhere))
    out = r.stdout + r.stderr
    assert r.returncode == 2 and "Traceback" not in out, out
    assert f"{nowhere}: cannot write it" in out
    r = motcua("centre", "export", "--db", db, "--site", "khong-co")
    out = r.stdout + r.stderr
    assert r.returncode != 0 and "no site 'khong-co'" in out and "Traceback" not in out, out
