"""The centre file (YAML): read and validated against protocol.centre's schema, so an
installer gets a clear message for a typo, not a crash at the first ticket."""

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from protocol.centre import (
    Announcement,
    CentreConfig,
    CounterConf,
    CounterService,
    KioskLimit,
    Numbers,
    ServiceConf,
)

__all__ = [
    "Announcement",
    "CentreConfig",
    "CounterConf",
    "CounterService",
    "KioskLimit",
    "Numbers",
    "ServiceConf",
    "CentreFileError",
    "dump_centre_yaml",
    "line_of",
    "load_centre_file",
]


class CentreFileError(ValueError):
    """What is wrong with a centre file, each problem as `file:line: where: what`."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def load_centre_file(path: str | Path) -> CentreConfig:
    """Read and validate a centre file; every mistake is reported at its line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CentreFileError([f"{path}: no such file"]) from None
    except (OSError, UnicodeDecodeError) as e:
        raise CentreFileError([f"{path}: cannot read it as UTF-8 text ({e})"]) from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        raw = yaml.safe_load(text)
    except yaml.MarkedYAMLError as e:
        # The context (e.g. where an unclosed bracket opened) is where the mistake is;
        # the problem mark is where the parser noticed it.
        mark = e.context_mark or e.problem_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        what = " ".join(x for x in (e.context, e.problem) if x)
        if e.context_mark and e.problem_mark and e.problem_mark.line != e.context_mark.line:
            what += f" (noticed at line {e.problem_mark.line + 1})"
        raise CentreFileError(
            [f"{where}: YAML syntax error: {what} (check indentation, colons and quotes)"]
        ) from None
    except yaml.YAMLError as e:
        raise CentreFileError([f"{path}: YAML error: {e}"]) from None
    if not isinstance(raw, dict) or root is None:
        raise CentreFileError(
            [f"{path}:1: a centre file is a mapping (site:, name:, services:, counters: …)"]
        )
    dupes = _duplicate_keys(root, ())
    if dupes:
        raise CentreFileError([f"{path}:{line}: {msg}" for line, msg in dupes])
    try:
        return CentreConfig.model_validate(raw)
    except ValidationError as e:
        raise CentreFileError(
            [f"{path}:{line_of(root, loc)}: {where}: {msg}" for loc, where, msg in explain(e)]
        ) from None


def dump_centre_yaml(cfg: CentreConfig | dict[str, Any]) -> str:
    """The centre file of `cfg` (the database's version; a dict: as stored): UTF-8 YAML,
    Vietnamese as written, keys in the schema's order; `load_centre_file` reads it back
    equal."""
    data = cfg.model_dump(mode="json") if isinstance(cfg, CentreConfig) else cfg
    head = (
        f"# Centre file of {data.get('site')!r}, exported from its database. Edit it, then\n"
        "# load it with `motcua init --config FILE`, or change it in the web console.\n"
    )
    return head + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def explain(e: ValidationError) -> list[tuple[tuple[Any, ...], str, str]]:
    """(path, `services[3].numbers`, message) for each error: the checks that look at
    the whole file (duplicate ids, colliding numbers) give each problem's path in ctx."""
    out = []
    for err in e.errors():
        ctx = err.get("ctx") or {}
        for p in ctx.get("problems") or [{"path": ctx.get("path"), "msg": err["msg"]}]:
            loc = tuple(p["path"] or err["loc"])
            msg = p["msg"].removeprefix("Value error, ")
            if err["type"] == "extra_forbidden":
                msg = f"unknown key {loc[-1]!r} (a typo? see `motcua sample-centre`)"
            out.append((loc, dotted(loc) or "(the file)", msg))
    return out


def dotted(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def line_of(node: Any, loc: tuple[Any, ...]) -> int:
    """The line (1-based) of the deepest node of `loc` the YAML has."""
    line = node.start_mark.line + 1
    for part in loc:
        nxt = None
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.value == str(part):
                    nxt, line = v, k.start_mark.line + 1
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            nxt = node.value[part] if 0 <= part < len(node.value) else None
            line = nxt.start_mark.line + 1 if nxt is not None else line
        if nxt is None:
            break
        node = nxt
    return line


def _duplicate_keys(node: Any, loc: tuple[Any, ...]) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for k, v in node.value:
            key = k.value if isinstance(k, yaml.ScalarNode) else None
            if key is not None and key in seen:
                out.append(
                    (
                        k.start_mark.line + 1,
                        f"{dotted((*loc, key))}: key {key!r} given twice "
                        f"(first at line {seen[key]}); keep one",
                    )
                )
            elif key is not None:
                seen[key] = k.start_mark.line + 1
            out += _duplicate_keys(v, (*loc, key))
    elif isinstance(node, yaml.SequenceNode):
        for i, v in enumerate(node.value):
            out += _duplicate_keys(v, (*loc, i))
    return out
