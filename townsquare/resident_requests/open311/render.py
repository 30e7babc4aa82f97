"""Writing Open311 answers as JSON or XML, and errors in the spec's format.

The GeoReport v2 XML layout wraps every list in a plural element whose items have
a fixed singular name (``<services><service>…``, ``<attributes><attribute>…``);
``ITEM_TAGS`` lists them. XML is built with ElementTree, which escapes text;
characters that XML 1.0 cannot carry at all (most control characters) are dropped.
"""

import json
import re
import xml.etree.ElementTree as ET

from django.http import HttpResponse

JSON_TYPE = "application/json; charset=utf-8"
XML_TYPE = "text/xml; charset=utf-8"
FORMATS = ("json", "xml")

# The singular element for the items of each list element.
ITEM_TAGS = {
    "services": "service",
    "attributes": "attribute",
    "values": "value",
    "service_requests": "request",
    "endpoints": "endpoint",
    "formats": "format",
    "errors": "error",
}

# Characters not allowed in XML 1.0 documents (C0 controls except tab, newline, return; U+FFFE/U+FFFF; lone surrogates).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


class Open311Error(Exception):
    """An answer in the spec's error format: ``[{"code": 400, "description": "…"}, …]``."""

    def __init__(self, status, *descriptions, headers=None):
        super().__init__(*descriptions)
        self.status = status
        self.descriptions = descriptions
        self.headers = headers or {}


def _text(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return _NOT_XML.sub("", str(value))


def _fill(element, value):
    if isinstance(value, dict):
        for key, item in value.items():
            _fill(ET.SubElement(element, key), item)
    elif isinstance(value, list | tuple):
        tag = ITEM_TAGS[element.tag]
        for item in value:
            _fill(ET.SubElement(element, tag), item)
    elif value is not None:
        element.text = _text(value)


XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'


def to_xml(root_tag, data):
    """``data`` (dicts, lists, scalars) as a UTF-8 XML document under ``root_tag``; None becomes an empty element."""
    root = ET.Element(root_tag)
    _fill(root, data)
    return (XML_DECLARATION + ET.tostring(root, encoding="unicode")).encode()


def respond(data, fmt, root_tag, status=200, headers=None):
    """The answer in the asked format. ``root_tag`` is the XML root; JSON is the data itself."""
    if fmt == "json":
        body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
        content_type = JSON_TYPE
    else:
        body = to_xml(root_tag, data)
        content_type = XML_TYPE
    response = HttpResponse(body, status=status, content_type=content_type)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def error_response(fmt, status, descriptions, headers=None):
    errors = [{"code": status, "description": description} for description in descriptions]
    return respond(errors, fmt if fmt in FORMATS else "xml", "errors", status=status, headers=headers)


def format_of_path(path):
    """The format a path asks for by its suffix; XML (required by the spec) when it names none we serve."""
    return "json" if path.lower().endswith(".json") else "xml"
