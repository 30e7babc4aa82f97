"""The annual report's PDF carries its Chinese font, so viewers without Adobe's font pack show the text."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from pypdf import PdfReader

from townsquare.oversight.annual.export import to_pdf
from townsquare.oversight.annual.report import build_annual_report

from .annual_factories import YEAR

pytestmark = pytest.mark.django_db


def embedded_font_files(pdf):
    found = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object().get("/FontDescriptor")
                if descriptor is not None:
                    found += [
                        key for key in ("/FontFile", "/FontFile2", "/FontFile3") if key in descriptor.get_object()
                    ]
    return found


@pytest.mark.skipif(
    not Path(settings.ANNUAL_REPORT_PDF_FONT).is_file(),
    reason=f"no CJK font at ANNUAL_REPORT_PDF_FONT ({settings.ANNUAL_REPORT_PDF_FONT}); apt-get install fonts-noto-cjk",
)
def test_pdf_embeds_its_chinese_font(county):
    assert embedded_font_files(to_pdf(build_annual_report(YEAR)))
