"""A Chinese font embedded in the PDFs the platform makes (annual report, 告知书), so every viewer shows the text.

The system's CJK fonts (Debian's fonts-noto-cjk) are OpenType with PostScript (CFF) outlines,
which reportlab cannot embed. ``embedded_font(text)`` takes the font named by
``ANNUAL_REPORT_PDF_FONT`` (a .ttc collection, its Simplified Chinese member, or a single font),
keeps only the glyphs the report uses (fontTools' subsetter), converts their outlines to
TrueType quadratic curves and registers the result with reportlab, which embeds it
(/FontFile2). Without the font file the caller falls back to the non-embedded CID font.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
from pathlib import Path

from django.conf import settings

logging.getLogger("fontTools").setLevel(logging.WARNING)  # the subsetter reports every table at INFO

SIMPLIFIED_CHINESE = " SC"  # the member of a CJK collection whose full name ends so (e.g. "Noto Sans CJK SC")
MAX_CURVE_ERROR = 1.0  # font units allowed between a cubic curve and its quadratic approximation


def font_path():
    """The configured font file, or None when it is not there."""
    path = Path(settings.ANNUAL_REPORT_PDF_FONT) if settings.ANNUAL_REPORT_PDF_FONT else None
    return path if path and path.is_file() else None


def _open(path):
    from fontTools.ttLib import TTCollection, TTFont

    if path.suffix.lower() != ".ttc":
        return TTFont(str(path))
    members = TTCollection(str(path), lazy=True).fonts
    names = [member["name"].getDebugName(4) or "" for member in members]
    index = next((i for i, name in enumerate(names) if name.endswith(SIMPLIFIED_CHINESE)), 0)
    return TTFont(str(path), fontNumber=index)


def _subset(font, text):
    from fontTools import subset

    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.desubroutinize = True
    options.notdef_outline = True
    options.name_IDs = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)


def _to_truetype_outlines(font):
    """Replace the CFF table with glyf/loca (the outlines redrawn as quadratic curves)."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        glyphs[name].draw(Cu2QuPen(pen, MAX_CURVE_ERROR, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    for tag in ("CFF ", "CFF2", "VORG"):
        if tag in font:
            del font[tag]
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attribute in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, attribute, 0)
    maxp.maxZones = 1
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font.sfntVersion = "\x00\x01\x00\x00"


def embedded_font(text):
    """Register a font with the glyphs of ``text`` and return its reportlab name, or None without a font file."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont as ReportlabFont

    path = font_path()
    if path is None:
        return None
    characters = "".join(sorted(set(text + "0123456789.-：（）")))
    name = "ReportCJK-" + hashlib.sha1(f"{path}|{characters}".encode()).hexdigest()[:12]
    if name in pdfmetrics.getRegisteredFontNames():
        return name
    font = _open(path)
    _subset(font, characters)
    if "glyf" not in font:
        _to_truetype_outlines(font)
    # reportlab knows font faces by their PostScript name: each subset needs its own.
    names = font["name"]
    names.names = [record for record in names.names if record.nameID != 6]
    names.setName(name, 6, 3, 1, 0x409)
    data = io.BytesIO()
    font.save(data)
    data.seek(0)
    pdfmetrics.registerFont(ReportlabFont(name, data))
    return name


FALLBACK_PDF_FONT = "STSong-Light"

# --- the common characters, converted once ---------------------------------------------------------------
# Subsetting the CJK font takes seconds for every new set of characters: too slow for a 告知书 made while staff
# wait. The characters of GB2312 (7,445: every character of ordinary official text), ASCII and the usual
# punctuation are therefore converted once and kept under VAR_DIR/fonts/; a text within them uses that file
# (reportlab embeds only the glyphs a PDF uses), anything rarer gets its own subset as before.
COMMON_VERSION = "1"
EXTRA_PUNCTUATION = "“”‘’（）、。，：；！？《》〔〕【】—…·－～％＋"


def _gb2312():
    characters = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                characters.add(bytes([high, low]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return characters


COMMON_CHARACTERS = frozenset(_gb2312() | {chr(code) for code in range(32, 127)} | set(EXTRA_PUNCTUATION) | {"\n"})


def _common_file(path):
    stat = path.stat()
    key = hashlib.sha1(f"{path}|{stat.st_size}|{stat.st_mtime_ns}|{COMMON_VERSION}".encode()).hexdigest()[:12]
    target = Path(settings.VAR_DIR) / "fonts" / f"common-{key}.ttf"
    if not target.exists():
        from .varfiles import private_dir

        private_dir(target.parent)
        font = _open(path)
        _subset(font, "".join(sorted(COMMON_CHARACTERS - {"\n"})))
        if "glyf" not in font:
            _to_truetype_outlines(font)
        names = font["name"]
        names.names = [record for record in names.names if record.nameID != 6]
        names.setName(f"CommonCJK-{key}", 6, 3, 1, 0x409)
        partial = target.with_suffix(f".{os.getpid()}.part")
        font.save(str(partial))
        os.chmod(partial, 0o600)
        os.replace(partial, target)  # another process building it at the same time writes the same bytes
    return target, f"CommonCJK-{key}"


def common_font(text):
    """The converted common-characters font's reportlab name, when ``text`` needs nothing else (else None)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont as ReportlabFont

    path = font_path()
    if path is None or not set(text) <= COMMON_CHARACTERS:
        return None
    target, name = _common_file(path)
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(ReportlabFont(name, str(target)))
    return name


def register_font(text):
    """An embedded font with the glyphs of ``text`` (the common one when it suffices), else reportlab's CID
    font (not embedded)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    name = common_font(text) or embedded_font(text)
    if name:
        return name
    if FALLBACK_PDF_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_PDF_FONT))
    return FALLBACK_PDF_FONT
