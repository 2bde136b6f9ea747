"""Images of the DOCX writer: the file an image names (inside the article's folder), and what python-docx can embed."""

from __future__ import annotations

import io
from pathlib import Path, PurePosixPath


def image_path(article_dir: Path, src: str) -> Path:
    """The image file ``src`` names, which must be inside ``article_dir`` (ValueError otherwise)."""
    rel = PurePosixPath(src.replace("\\", "/"))
    if not rel.parts or rel.is_absolute() or ":" in rel.parts[0] or ".." in rel.parts:
        raise ValueError(f"image {src!r} is not a file name inside the article's folder {article_dir}")
    base = article_dir.resolve()
    target = (base / rel).resolve()
    if not target.is_relative_to(base):
        raise ValueError(f"image {src!r} resolves outside the article's folder {article_dir}")
    return target


def image_stream(path: Path) -> io.BytesIO | str:
    """What python-docx can embed: PNG, JPEG, GIF as they are; WebP converted to PNG."""
    if path.suffix.lower() != ".webp":
        return str(path)
    from PIL import Image as PILImage  # weasyprint's dependency; only needed for WebP

    buf = io.BytesIO()
    with PILImage.open(path) as im:
        im.save(buf, format="PNG")
    buf.seek(0)
    return buf

