"""Validating an answer against the OpenAPI document the API itself publishes (/api/schema/)."""

import json
import re
from functools import cache

from jsonschema import Draft202012Validator, FormatChecker

from townsquare.api.api import api


@cache
def document():
    """The document as clients read it (JSON: status codes as strings)."""
    return json.loads(json.dumps(api.get_openapi_schema(), default=str))


def _template_matches(template, path):
    pattern = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$"
    return re.match(pattern, path) is not None


def operation(path):
    """The OpenAPI path template and its GET operation for a concrete path (literal templates win)."""
    paths = document()["paths"]
    if path in paths:
        return path, paths[path]["get"]
    found = [template for template in paths if _template_matches(template, path)]
    assert len(found) == 1, f"{path}: {found}"
    return found[0], paths[found[0]]["get"]


def errors(path, status, body):
    """Every way ``body`` breaks the documented schema of ``path``'s answer with ``status`` (empty: it conforms)."""
    _template, get = operation(path)
    response = get["responses"].get(str(status))
    if response is None:
        return [f"status {status} is not documented for {path}"]
    schema = {**response["content"]["application/json"]["schema"], "components": document()["components"]}
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    return [f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(body)]
