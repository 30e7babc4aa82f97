"""QR codes of the channels' addresses, drawn on the server (no outside service, no script)."""

import base64
import io

import qrcode
import qrcode.image.svg


def qr_data_uri(address):
    """``address`` as an SVG QR code on white, in a ``data:`` URI an ``<img>`` can show (CSP allows data: images)."""
    image = qrcode.make(address, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=10, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
