"""Real photos for the face analysis tests, from packages that ship them (the test extra).

* scikit-image's ``astronaut``: Eileen Collins, NASA portrait (public domain);
* matplotlib's ``grace_hopper.jpg``: Grace Hopper, US Navy portrait (public domain);
* scikit-image's ``coffee``: a cup of coffee (no face).

Nothing is downloaded: both packages carry these files in their wheels.
"""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageEnhance

from kiosk.sandbox.faces import unavailable_reason

REASON = unavailable_reason()
needs_faces = pytest.mark.skipif(
    REASON is not None, reason=f"real face analysis is not installed: {REASON}"
)
"""Skips a test only when the ``faces`` extra is missing (scripts/test.sh installs it)."""


def astronaut() -> Image.Image:
    from skimage import data

    return Image.fromarray(data.astronaut())


def grace_hopper() -> Image.Image:
    from matplotlib import cbook

    with cbook.get_sample_data("grace_hopper.jpg") as file, Image.open(file) as image:
        return image.convert("RGB")


def coffee() -> Image.Image:
    from skimage import data

    return Image.fromarray(data.coffee())


def side_by_side(left: Image.Image, right: Image.Image) -> Image.Image:
    """Two photos next to each other on one canvas, at the same height."""
    height = 512
    parts = [p.resize((round(p.width * height / p.height), height)) for p in (left, right)]
    canvas = Image.new("RGB", (parts[0].width + parts[1].width, height), "white")
    canvas.paste(parts[0], (0, 0))
    canvas.paste(parts[1], (parts[0].width, 0))
    return canvas


def edited(image: Image.Image) -> Image.Image:
    """The same photo cropped, turned 8 degrees, darker and recompressed hard (JPEG 35)."""
    width, height = image.size
    cropped = image.crop((width // 10, 0, width - width // 20, height - height // 8))
    turned = cropped.rotate(8, resample=Image.Resampling.BICUBIC, fillcolor=(128, 128, 128))
    darker = ImageEnhance.Brightness(turned).enhance(0.6)
    return Image.open(io.BytesIO(jpeg(darker, quality=35))).convert("RGB")


def jpeg(image: Image.Image, quality: int = 90, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, **options)
    return buffer.getvalue()
