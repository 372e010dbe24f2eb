"""Who may import whom (DESIGN.md, "Who imports whom"), read from the source with `ast`.

Every import counts: at the top of a module, inside a function, under `if TYPE_CHECKING`.
A dependency is a dependency wherever it is written. Relative imports are resolved.
The same file also checks the packaging split (pyproject.toml) that rests on these rules.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Import:
    module: str  # absolute dotted name, e.g. "server.store.tables" or "sqlalchemy"
    file: Path
    line: int
    text: str = ""  # the statement as written, for messages

    def where(self) -> str:
        return f"{self.file.relative_to(ROOT)}:{self.line}"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports_of(path: Path) -> list[Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    me = _module_name(path)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    found: list[Import] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [Import(a.name, path, node.lineno, ast.unparse(node)) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            # `from server import domain` depends on server.domain, not just on server.
            text = ast.unparse(node)
            found += [Import(f"{target}.{a.name}", path, node.lineno, text) for a in node.names]
            found.append(Import(target, path, node.lineno, text))
    return found


def _sources(*packages: str) -> list[Path]:
    files: list[Path] = []
    for p in packages:
        files += sorted((ROOT / p).rglob("*.py"))
    return files


def _offending(packages: tuple[str, ...], forbidden: tuple[str, ...]) -> list[str]:
    def hit(module: str) -> bool:
        return any(module == f or module.startswith(f + ".") for f in forbidden)

    return sorted(
        {
            f"{i.where()} imports {i.module}"
            for f in _sources(*packages)
            for i in _imports_of(f)
            if hit(i.module)
        }
    )


def test_the_domain_knows_no_database_and_no_web_framework() -> None:
    bad = _offending(
        ("server/domain",), ("sqlmodel", "sqlalchemy", "fastapi", "starlette", "server.store")
    )
    assert not bad, "server/domain must stay pure:\n  " + "\n  ".join(bad)


APPS_SIDE = ("PySide6", "shiboken6", "clientkit", "kiosk_app", "display_app", "counter_app")


def test_server_and_protocol_import_no_app_no_qt_and_not_the_cli() -> None:
    bad = _offending(("server", "protocol"), (*APPS_SIDE, "motcua"))
    assert not bad, "server/ and protocol/ run without Qt and the apps:\n  " + "\n  ".join(bad)


def test_protocol_imports_nothing_of_the_server_or_the_clients() -> None:
    bad = _offending(("protocol",), ("server", "motcua", *APPS_SIDE))
    assert not bad, "protocol/ is the shared contract, it imports no side:\n  " + "\n  ".join(bad)


def test_the_apps_import_nothing_of_the_server_or_the_cli() -> None:
    """An app PC has no database driver and no FastAPI (`pip install '…[apps]'`)."""
    bad = _offending(
        ("clientkit", "kiosk_app", "display_app", "counter_app"),
        ("server", "motcua", "fastapi", "starlette", "sqlmodel", "sqlalchemy", "psycopg"),
    )
    assert not bad, "the apps talk to the server over the wire only:\n  " + "\n  ".join(bad)


# --- no cycles between the server's parts ---------------------------------------------


def _server_part(module: str) -> str | None:
    """server.store.tables -> server.store; server.app -> server.app; sqlalchemy -> None."""
    parts = module.split(".")
    if parts[0] != "server" or len(parts) < 2:
        return None
    candidate = f"server.{parts[1]}"
    path = ROOT / "server" / parts[1]
    return candidate if path.is_dir() or path.with_suffix(".py").is_file() else None


def server_graph() -> dict[str, dict[str, list[Import]]]:
    """part -> imported part -> the imports that make the edge (self-edges left out)."""
    graph: dict[str, dict[str, list[Import]]] = defaultdict(lambda: defaultdict(list))
    for f in _sources("server"):
        me = _server_part(_module_name(f))
        if me is None:
            continue
        graph[me]  # every part is a node, also one that imports no other part
        for imp in _imports_of(f):
            other = _server_part(imp.module)
            if other is not None and other != me:
                graph[me][other].append(imp)
    return graph


def strongly_connected(graph: dict[str, dict[str, list[Import]]]) -> list[list[str]]:
    """Tarjan's algorithm; the components with more than one node are the cycles."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, {})):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            components.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(c for c in components if len(c) > 1)


def describe_cycle(graph: dict[str, dict[str, list[Import]]], component: list[str]) -> str:
    members = set(component)
    lines = [" <-> ".join(component) + ":"]
    for a in component:
        for b in sorted(set(graph[a]) & members):
            sites = sorted({f"{i.where()}  {i.text}" for i in graph[a][b]})
            lines.append(f"  {a} -> {b}:")
            lines += [f"      {site}" for site in sites]
    return "\n".join(lines)


def test_the_cycle_finder_finds_a_cycle() -> None:
    """The check below is only as good as this: a planted cycle is found and named."""
    imp = Import("x", ROOT / "server" / "app.py", 1)
    graph = {
        "server.a": {"server.b": [imp]},
        "server.b": {"server.c": [imp]},
        "server.c": {"server.a": [imp]},
        "server.d": {"server.a": [imp]},
    }
    assert strongly_connected(graph) == [["server.a", "server.b", "server.c"]]
    assert "server.c -> server.a" in describe_cycle(graph, ["server.a", "server.b", "server.c"])


def test_the_server_graph_sees_its_parts() -> None:
    graph = server_graph()
    for part in (
        "server.domain",
        "server.commands",
        "server.queries",
        "server.store",
        "server.api",
        "server.realtime",
        "server.app",
    ):
        assert part in graph
    assert "server.domain" in graph["server.commands"]  # commands let the domain decide


def test_no_import_cycle_between_the_server_parts() -> None:
    graph = server_graph()
    cycles = strongly_connected(graph)
    assert not cycles, (
        f"{len(cycles)} import cycle(s) between the parts of server/ (DESIGN.md: no cycles):\n"
        + "\n".join(describe_cycle(graph, c) for c in cycles)
    )


# --- the packaging split -------------------------------------------------------------


def _project() -> dict[str, Any]:
    with (ROOT / "pyproject.toml").open("rb") as f:
        return tomllib.load(f)["project"]


def _declared(extra: str | None) -> list[Requirement]:
    """The core's requirements plus an extra's, with `motcua-queue[a,b]` expanded."""
    project = _project()
    out = [Requirement(r) for r in project["dependencies"]]
    if extra is None:
        return out
    for r in map(Requirement, project["optional-dependencies"][extra]):
        if canonicalize_name(r.name) == canonicalize_name(project["name"]):
            for inner in sorted(r.extras):
                out += _declared(inner)
        else:
            out.append(r)
    return out


def _names(requirements: list[Requirement]) -> set[str]:
    return {canonicalize_name(r.name) for r in requirements}


QT = {"pyside6", "pyside6-essentials", "pyside6-addons", "shiboken6"}
DATABASE = {"psycopg", "psycopg2", "psycopg-binary", "sqlmodel", "sqlalchemy", "alembic"}
WEB = {"fastapi", "starlette", "uvicorn"}


def test_the_server_extra_has_no_qt() -> None:
    assert not _names(_declared("server")) & QT


def test_the_apps_extra_has_no_database_and_no_web_framework() -> None:
    assert not _names(_declared("apps")) & (DATABASE | WEB)


def test_the_core_is_small() -> None:
    core = _names(_declared(None))
    assert not core & (QT | DATABASE | WEB), core


def test_all_is_server_and_apps() -> None:
    assert _names(_declared("all")) == _names(_declared("server")) | _names(_declared("apps"))
    assert {"pyside6-essentials", "sqlmodel", "fastapi", "python-escpos"} <= _names(
        _declared("all")
    )


def _installed_closure(requirements: list[Requirement]) -> set[str]:
    """The distributions these requirements bring, following the installed metadata."""
    seen: set[tuple[str, frozenset[str]]] = set()
    todo = list(requirements)
    names: set[str] = set()
    while todo:
        req = todo.pop()
        key = (canonicalize_name(req.name), frozenset(req.extras))
        if key in seen:
            continue
        seen.add(key)
        names.add(key[0])
        try:
            inner = metadata.requires(req.name) or []
        except metadata.PackageNotFoundError:
            continue
        for text in inner:
            r = Requirement(text)
            extras = sorted(req.extras) or [""]
            if r.marker is None or any(r.marker.evaluate({"extra": e}) for e in extras):
                todo.append(r)
    return names


FIRST_PARTY = {"server", "protocol", "motcua", *APPS_SIDE} - {"PySide6", "shiboken6"}


def _third_party_imports(*packages: str) -> dict[str, list[Import]]:
    found: dict[str, list[Import]] = defaultdict(list)
    for f in _sources(*packages):
        for imp in _imports_of(f):
            top = imp.module.split(".")[0]
            if top and top not in FIRST_PARTY and top not in sys.stdlib_module_names:
                found[top].append(imp)
    return found


@pytest.mark.parametrize(
    ("extra", "packages"),
    [
        ("server", ("server", "protocol", "motcua")),
        ("apps", ("protocol", "clientkit", "kiosk_app", "display_app", "counter_app")),
    ],
)
def test_each_side_installs_what_it_imports(extra: str, packages: tuple[str, ...]) -> None:
    """`pip install 'motcua-queue[<extra>]'` brings every module that side imports."""
    brought = _installed_closure(_declared(extra))
    provides = metadata.packages_distributions()
    missing = []
    for top, sites in sorted(_third_party_imports(*packages).items()):
        dists = {canonicalize_name(d) for d in provides.get(top, [])}
        if not dists & brought:
            missing.append(f"{top} (from {', '.join(sorted(dists)) or '?'}), {sites[0].where()}")
    assert not missing, f"[{extra}] does not bring:\n  " + "\n  ".join(missing)


# --- the server side runs without Qt --------------------------------------------------

NO_QT = textwrap.dedent(
    """
    import sys

    class NoQt:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in ("PySide6", "shiboken6"):
                raise ModuleNotFoundError(f"No module named {name!r} (blocked)", name=name)
            return None

    sys.meta_path.insert(0, NoQt())

    import server.app
    import server.asgi  # noqa: F401 (builds the app from settings)
    from motcua.cli import app

    for argv in (["--help"], ["init", "--help"], ["serve", "--help"], ["user", "add", "--help"],
                 ["device", "add", "--help"], ["kiosk", "--help"], ["display", "--help"]):
        try:
            app(argv, prog_name="motcua")
        except SystemExit as e:
            assert e.code == 0, (argv, e.code)
    loaded = sorted(m for m in sys.modules
                    if m.split(".")[0] in ("PySide6", "shiboken6", "clientkit", "kiosk_app",
                                           "display_app", "counter_app"))
    assert not loaded, loaded
    print("server without Qt: ok")

    # On such a machine a launcher names what to install instead of a traceback.
    try:
        app(["kiosk", "--server", "http://127.0.0.1:9", "--token", "t"], prog_name="motcua")
    except SystemExit as e:
        assert e.code == 3, e.code
    """
)


def test_the_server_and_its_commands_run_without_qt(tmp_path: Path) -> None:
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(ROOT),
        "MOTCUA_DATABASE_URL": f"sqlite:///{tmp_path / 'noqt.db'}",
        "HOME": str(tmp_path),
    }
    r = subprocess.run(
        [sys.executable, "-c", NO_QT],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stdout + r.stderr
    assert "server without Qt: ok" in r.stdout
    assert "pip install 'motcua-queue[apps]'" in r.stderr, r.stderr
    for command in ("init", "user", "device", "serve", "demo", "kiosk", "counter", "display"):
        assert f" {command} " in r.stdout, f"`motcua --help` lists no {command}:\n{r.stdout}"


def test_the_blocker_really_blocks_qt(tmp_path: Path) -> None:
    """If PySide6 were still importable, the test above would prove nothing."""
    probe = NO_QT.split("import server.app")[0] + "import PySide6.QtCore\n"
    r = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,
        env={"PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode != 0 and "blocked" in r.stderr, r.stdout + r.stderr
