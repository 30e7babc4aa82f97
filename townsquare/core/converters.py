"""URL path converters for identifiers that are text of a known pattern (tracking numbers, codes, formats)."""

from django.urls import register_converter


class PatternConverter:
    """Matches ``regex`` and hands the text to the view unchanged."""

    regex = "[^/]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return str(value)


def register_pattern(name, regex):
    """Let URL patterns say ``<name:...>`` for a part that must match ``regex``."""
    converter = type(f"{name.title().replace('_', '')}Converter", (PatternConverter,), {"regex": regex})
    register_converter(converter, name)
