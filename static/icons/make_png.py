"""Draws the PNG icons (192 and 512 px) of static/icons/icon.svg without Pillow: the same
rounded square, ring and dot, written with a minimal PNG encoder (zlib). Run from the project's
root: ``python static/icons/make_png.py``."""

import struct
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
BLUE, WHITE, GOLD = (0x0B, 0x4F, 0x6C), (0xFF, 0xFF, 0xFF), (0xF2, 0xC1, 0x4E)


def pixel(x: float, y: float) -> tuple[int, int, int, int]:
    """The colour at (x, y) in the SVG's 512 x 512 box."""
    corner = 96
    cx, cy = min(max(x, corner), 512 - corner), min(max(y, corner), 512 - corner)
    if (x - cx) ** 2 + (y - cy) ** 2 > corner**2:
        return (0, 0, 0, 0)
    distance = ((x - 256) ** 2 + (y - 256) ** 2) ** 0.5
    if distance <= 52:
        return (*GOLD, 255)
    if abs(distance - 150) <= 18:
        return (*WHITE, 255)
    return (*BLUE, 255)


def png(size: int) -> bytes:
    scale = 512 / size
    rows = b"".join(
        b"\x00" + b"".join(bytes(pixel((i + 0.5) * scale, (j + 0.5) * scale)) for i in range(size))
        for j in range(size)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


if __name__ == "__main__":
    for size in (192, 512):
        (HERE / f"icon-{size}.png").write_bytes(png(size))
