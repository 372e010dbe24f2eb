"""The OpenAPI document is the wire contract: every operation answers a typed model and
lists the application/problem+json errors it can give; FastAPI's HTTPValidationError
(a shape this server never sends) appears nowhere."""

import json
from typing import Any

from tests.support.inproc import InProc, inproc  # noqa: F401  (fixture)

PROBLEM = "application/problem+json"
METHODS = {"get", "post", "put", "patch", "delete"}


def _operations(doc: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, op)
        for path, item in doc["paths"].items()
        for method, op in item.items()
        if method in METHODS
    ]


def _resolve(doc: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        name = schema["$ref"].removeprefix("#/components/schemas/")
        schema = doc["components"]["schemas"][name]
    return schema


def _untyped(doc: dict[str, Any], schema: dict[str, Any]) -> bool:
    """An object without properties (a bare `dict`), or no schema at all."""
    s = _resolve(doc, schema)
    if not s:
        return True
    if s.get("type") == "array":
        return _untyped(doc, s.get("items") or {})
    return s.get("type") == "object" and not s.get("properties")


def _check(doc: dict[str, Any], schema: dict[str, Any], value: Any, where: str) -> None:
    """The part of JSON Schema that pydantic emits for Problem: enough to hold an answer
    to the document (no jsonschema package in the venv)."""
    s = _resolve(doc, schema)
    if "anyOf" in s:
        errors = []
        for option in s["anyOf"]:
            try:
                _check(doc, option, value, where)
                return
            except AssertionError as e:
                errors.append(str(e))
        raise AssertionError(f"{where}: fits no option: {errors}")
    kind = s.get("type")
    types = {
        "object": dict, "array": list, "string": str, "integer": int,
        "number": (int, float), "boolean": bool, "null": type(None),
    }  # fmt: skip
    if kind is not None:
        assert isinstance(value, types[kind]), f"{where}: {value!r} is not {kind}"
    if kind == "object":
        for name in s.get("required", []):
            assert name in value, f"{where}: missing {name}"
        for name, sub in (s.get("properties") or {}).items():
            if name in value:
                _check(doc, sub, value[name], f"{where}.{name}")
        if s.get("additionalProperties") is False:
            assert set(value) <= set(s.get("properties") or {}), f"{where}: extra keys"
    if kind == "array":
        for i, item in enumerate(value):
            _check(doc, s.get("items") or {}, item, f"{where}[{i}]")


def test_every_operation_answers_a_typed_model(inproc: InProc) -> None:  # noqa: F811
    doc = inproc.client.get("/openapi.json").json()
    ops = _operations(doc)
    assert len(ops) > 25
    for method, path, op in ops:
        ok = {code: r for code, r in op["responses"].items() if code.startswith("2")}
        assert ok, f"{method} {path}: no 2xx answer"
        for code, answer in ok.items():
            if code == "204":
                assert not answer.get("content"), f"{method} {path}: 204 with a body"
                continue
            content = answer.get("content") or {}
            assert content, f"{method} {path}: {code} without content"
            for media, body in content.items():
                assert not _untyped(doc, body.get("schema") or {}), (
                    f"{method} {path}: {code} {media} is an untyped object"
                )


def test_every_operation_documents_its_problems(inproc: InProc) -> None:  # noqa: F811
    doc = inproc.client.get("/openapi.json").json()
    problem = doc["components"]["schemas"]["Problem"]
    assert set(problem["required"]) >= {"type", "title", "status"}
    for method, path, op in _operations(doc):
        errors = {int(c): r for c, r in op["responses"].items() if c[0] in "45"}
        assert {500, 503} <= set(errors), f"{method} {path}"
        for status, answer in errors.items():
            assert list(answer["content"]) == [PROBLEM], f"{method} {path} {status}"
            assert answer["content"][PROBLEM]["schema"] == {"$ref": "#/components/schemas/Problem"}
        if op.get("security"):
            assert {401, 403} <= set(errors), f"{method} {path}: authenticated"
        if "{" in path:
            assert 404 in errors, f"{method} {path}: has an id"
        if method == "post" and path.startswith("/api/v1/counters/"):
            assert {409, 422} <= set(errors), f"{method} {path}: a command"
    tickets = doc["paths"]["/api/v1/tickets"]["post"]["responses"]
    assert "429" in tickets  # the per-kiosk limit


def test_no_http_validation_error_anywhere(inproc: InProc) -> None:  # noqa: F811
    text = inproc.client.get("/openapi.json").text
    assert "HTTPValidationError" not in text
    assert '"ValidationError"' not in text


def test_a_real_422_fits_the_documented_problem(inproc: InProc) -> None:  # noqa: F811
    doc = inproc.client.get("/openapi.json").json()
    r = inproc.api("POST", "/tickets", inproc.kiosk_token, json={"priority": 5})
    assert r.status_code == 422 and r.headers["content-type"] == PROBLEM
    body = r.json()
    assert body["type"] == "validation-error" and body["errors"]
    documented = doc["paths"]["/api/v1/tickets"]["post"]["responses"]["422"]
    _check(doc, documented["content"][PROBLEM]["schema"], body, "422")
    # And a domain refusal (404 of an id) fits it too.
    r = inproc.api("GET", "/tickets/999999", inproc.kiosk_token)
    assert r.status_code == 404 and r.headers["content-type"] == PROBLEM
    documented = doc["paths"]["/api/v1/tickets/{ticket_id}"]["get"]["responses"]["404"]
    _check(doc, documented["content"][PROBLEM]["schema"], r.json(), "404")
    json.dumps(doc)  # the document itself is plain JSON
