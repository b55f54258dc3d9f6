"""Decoding an uploaded selfie for analysis: safely, upright, and no larger than needed.

The upload is hostile until proven otherwise (its size is capped by the gate, its content is
not), so decoding:

* parses the header from the first megabyte only, and only for the formats phones send: a JPEG
  made of nothing but comment segments made Pillow walk 15 MB for 3 s before giving up;
* refuses more than :data:`MAX_PIXELS` (a PNG or WebP, decoded whole, more than
  :data:`MAX_WHOLE_PIXELS`) before any pixel is decoded;
* decodes a JPEG at a reduced scale when it is much larger than :data:`MAX_SIDE` (Pillow's
  ``draft``: a 12-megapixel selfie decodes at half size, four times cheaper), then scales down,
  before anything else copies the image (the largest PNG allowed peaks at 170 MB; converted and
  turned first, a 49-megapixel one took 650 MB);
* turns the image upright by its EXIF orientation, as phones save portrait photos sideways and
  the face detector finds upright faces only.

Coordinates found in the analysed image are reported in the upright original's pixels
(:attr:`Photo.scale`), as the vendor reports them for the photo it was sent.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image

HEADER_BYTES = 1024 * 1024
FORMATS = ("JPEG", "PNG", "WEBP")  # JPEG covers MPO (multi-picture) files too
MAX_SIDE = 1280
"""The analysed image's longest side at most: faces down to about 80 px in it are found (6 % of
the side), and a 12-megapixel selfie costs a third of a second instead of two."""
MAX_PIXELS = 50_000_000
"""The most pixels a photo may have (a 12-megapixel phone photo is well inside; Pillow's own
bomb check starts at 89 million)."""
MAX_WHOLE_PIXELS = 4096 * 4096
"""The most pixels of a PNG or WebP, which are decoded at full size (a JPEG is decoded at a
reduced scale): 16.8 million RGBA pixels take 67 MB, twice that while scaled down. Phones send
camera photos as JPEG; a PNG screenshot of a large tablet has 5.6 million."""


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
        limit = MAX_PIXELS if header.format == "JPEG" else MAX_WHOLE_PIXELS
    if width < 1 or height < 1 or width * height > limit:
        raise Unreadable(f"the photo has {width} x {height} pixels")
    with Image.open(io.BytesIO(data), formats=FORMATS) as opened:
        orientation = opened.getexif().get(0x0112, 1)
        opened.draft("RGB", (MAX_SIDE, MAX_SIDE))
        image = _eight_bit(opened)
        # Scaled down first: turning and converting then copy the small image, not the large.
        image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.BILINEAR, reducing_gap=2.0)
        turn = _TURNS.get(orientation) if isinstance(orientation, int) else None
        if turn is not None:
            image = image.transpose(turn)
        image = image.convert("RGB")  # a copy even when already RGB: the file can close
    if turn in _QUARTER_TURNS:  # the sides swap
        width, height = height, width
    return Photo(image=image, original_size=(width, height))


# How to turn a photo upright for each EXIF orientation (as ImageOps.exif_transpose does).
_TURNS = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_QUARTER_TURNS = (_TURNS[5], _TURNS[6], _TURNS[7], _TURNS[8])


def _eight_bit(image: Image.Image) -> Image.Image:
    """``image`` in a mode that scales down well, with 8-bit channels: 16-bit grey (a PNG's
    ``I;16``, or ``I`` in older Pillow) is scaled down, as converting it directly clips every
    value above 255 to white; palette and 1-bit images become RGB (Pillow scales those by
    nearest neighbour)."""
    if image.mode == "I" or image.mode.startswith("I;16"):
        return image.convert("I").point(lambda value: value / 257).convert("L")
    if image.mode in ("1", "P", "PA"):
        return image.convert("RGB")
    return image
