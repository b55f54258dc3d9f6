"""Decoding an uploaded selfie for analysis: safely, upright, and no larger than needed.

The upload is hostile until proven otherwise (its size is capped by the gate, its content is
not), so decoding:

* parses the header from the first megabyte only, and only for the formats phones send: a JPEG
  made of nothing but comment segments made Pillow walk 15 MB for 3 s before giving up;
* refuses more than :data:`MAX_PIXELS` before any pixel is decoded;
* decodes a JPEG at a reduced scale when it is much larger than :data:`MAX_SIDE` (Pillow's
  ``draft``: a 12-megapixel selfie decodes at half size, four times cheaper), then scales down;
* turns the image upright by its EXIF orientation, as phones save portrait photos sideways and
  the face detector finds upright faces only.

Coordinates found in the analysed image are reported in the upright original's pixels
(:attr:`Photo.scale`), as the vendor reports them for the photo it was sent.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps

HEADER_BYTES = 1024 * 1024
FORMATS = ("JPEG", "PNG", "WEBP")  # JPEG covers MPO (multi-picture) files too
MAX_SIDE = 1280
"""The analysed image's longest side at most: faces down to about 80 px in it are found (6 % of
the side), and a 12-megapixel selfie costs a third of a second instead of two."""
MAX_PIXELS = 50_000_000
"""The most pixels a photo may have (a 12-megapixel phone photo is well inside; Pillow's own
bomb check starts at 89 million)."""


class Unreadable(Exception):
    """The upload is not a photo this sandbox can decode."""


@dataclass(frozen=True)
class Photo:
    """A decoded selfie: its RGB pixels at the analysed size and the upright original's size."""

    image: Image.Image
    original_size: tuple[int, int]

    @property
    def scale(self) -> float:
        """Original pixels per analysed pixel (1.0 when it was analysed at full size)."""
        return max(self.original_size) / max(self.image.size)


def decode(data: bytes) -> Photo:
    """The upright photo in ``data``, at most :data:`MAX_SIDE` on its longest side.

    Raises:
        Unreadable: empty, not JPEG/PNG/WebP, too many pixels, truncated or otherwise broken.
    """
    if not data:
        raise Unreadable("the photo is empty")
    with warnings.catch_warnings():
        # Pillow warns before it refuses; either way the photo is not decoded.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            return _decode(data)
        except Unreadable:
            raise
        except Exception as exc:  # any decoder error on hostile bytes means "cannot decode"
            raise Unreadable(f"the photo cannot be decoded ({type(exc).__name__})") from exc


def _decode(data: bytes) -> Photo:
    with Image.open(io.BytesIO(data[:HEADER_BYTES]), formats=FORMATS) as header:
        width, height = header.size
    if width < 1 or height < 1 or width * height > MAX_PIXELS:
        raise Unreadable(f"the photo has {width} x {height} pixels")
    with Image.open(io.BytesIO(data), formats=FORMATS) as opened:
        orientation = opened.getexif().get(0x0112, 1)
        opened.draft("RGB", (MAX_SIDE, MAX_SIDE))
        upright = ImageOps.exif_transpose(opened)
    if orientation in (5, 6, 7, 8):  # a quarter turn swaps the sides
        width, height = height, width
    image = _eight_bit(upright).convert("RGB")
    image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.BILINEAR, reducing_gap=2.0)
    return Photo(image=image, original_size=(width, height))


def _eight_bit(image: Image.Image) -> Image.Image:
    """``image`` with 8-bit channels: 16-bit grey (a PNG's ``I;16``, or ``I`` in older Pillow)
    is scaled down, as converting it directly clips every value above 255 to white."""
    if image.mode == "I" or image.mode.startswith("I;16"):
        return image.convert("I").point(lambda value: value / 257).convert("L")
    return image
