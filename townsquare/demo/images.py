"""Illustrations for the demo county, drawn with Pillow from a seed: no network, no fonts.

Each picture is a small landscape (sky, hills, water, fields, buildings) in a warm
palette; the 图解 pictures are simple cards with a big number and an icon.
"""

import io
import math
import random

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 675
# Drawn at twice the size and shrunk: ImageDraw has no anti-aliasing, this gives smooth edges.
SCALE = 2
W, H = WIDTH * SCALE, HEIGHT * SCALE

PALETTES = {
    "morning": {
        "sky": ("#ffcf9e", "#fff3e2"),
        "sun": "#ffb057",
        "hills": ("#cfdcb4", "#a7c48c", "#7fa866"),
        "ground": "#e8d9a4",
        "water": "#93c7d4",
        "wall": "#fbf0de",
        "roof": "#d0583f",
        "accent": "#e8553d",
        "window": "#f6c56b",
    },
    "noon": {
        "sky": ("#9fd0ea", "#eef8fb"),
        "sun": "#ffd36b",
        "hills": ("#bcd8c0", "#8fbf8f", "#5f9e6a"),
        "ground": "#dfe8b0",
        "water": "#6fb3cf",
        "wall": "#fdf6ea",
        "roof": "#c65a3c",
        "accent": "#e36b2c",
        "window": "#7fb6d6",
    },
    "dusk": {
        "sky": ("#f2875e", "#fde0bd"),
        "sun": "#ffe08a",
        "hills": ("#d9a48a", "#b57a6a", "#7d5a5a"),
        "ground": "#e6b98a",
        "water": "#e9a88a",
        "wall": "#fbe5cf",
        "roof": "#a8423a",
        "accent": "#d9362b",
        "window": "#ffd27a",
    },
    "spring": {
        "sky": ("#bfe3d9", "#fbf6e8"),
        "sun": "#ffc96b",
        "hills": ("#c7e0a7", "#9ccc7a", "#6cab58"),
        "ground": "#f0e2a8",
        "water": "#86c5c9",
        "wall": "#fff7ec",
        "roof": "#dd6b4a",
        "accent": "#ef6f3c",
        "window": "#f4b860",
    },
}

# key: (title, scene, palette, seed). Keys are what the content modules refer to.
PICTURES = {
    "county": ("示范县城远眺", "town", "morning", 11),
    "civic": ("县政务服务中心", "civic", "noon", 12),
    "qinghe": ("青禾镇的稻田", "fields", "morning", 21),
    "fields": ("田野与村庄", "fields", "spring", 22),
    "shiqiao": ("石桥镇的古桥", "bridge", "morning", 31),
    "river": ("清水河步道", "river", "noon", 32),
    "chengguan": ("城关街道街景", "town", "noon", 41),
    "liutang": ("柳塘镇的山和水", "lake", "spring", 51),
    "orchard": ("柳塘镇果园", "orchard", "morning", 52),
    "bus": ("城乡公交", "bus", "noon", 61),
    "school": ("县城小学", "school", "spring", 71),
    "clinic": ("乡镇卫生院", "clinic", "noon", 81),
    "fair": ("古镇庙会的灯笼", "lanterns", "dusk", 91),
    "building": ("老旧小区改造", "construction", "morning", 101),
    "market": ("石桥集市", "market", "morning", 111),
    "community": ("社区小院", "community", "spring", 121),
}

# 图解 cards: key: (title, big text, icon, palette).
GRAPHICS = {
    "bus-age": ("图解：60岁以上坐公交免费（一）", "60+", "bus", "morning"),
    "bus-fare": ("图解：60岁以上坐公交免费（二）", "0.00", "ticket", "spring"),
    "bus-steps": ("图解：60岁以上坐公交免费（三）", "1 2 3", "card", "noon"),
}


# --- drawing helpers -------------------------------------------------------------


def _rgb(colour):
    if not isinstance(colour, str):
        return tuple(colour)
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def _mix(a, b, t):
    a, b = _rgb(a), _rgb(b)
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def _sky(top, bottom):
    """A vertical gradient, built as one column and stretched (fast)."""
    column = PILImage.new("RGB", (1, H))
    column.putdata([_mix(top, bottom, y / (H - 1)) for y in range(H)])
    return column.resize((W, H))


def _sun(draw, x, y, r, colour, sky):
    for ring in (2.2, 1.6):
        draw.ellipse((x - r * ring, y - r * ring, x + r * ring, y + r * ring), fill=_mix(colour, sky, 0.75))
    draw.ellipse((x - r, y - r, x + r, y + r), fill=_rgb(colour))


def _clouds(draw, rng, count=3):
    for _ in range(count):
        x, y, s = rng.uniform(0, W), rng.uniform(H * 0.08, H * 0.3), rng.uniform(60, 110)
        for dx, dy, k in ((0, 0, 1.0), (s * 0.9, s * 0.15, 0.8), (-s * 0.9, s * 0.2, 0.75), (s * 1.6, s * 0.35, 0.55)):
            r = s * k
            draw.ellipse((x + dx - r * 1.4, y + dy - r, x + dx + r * 1.4, y + dy + r * 0.6), fill=(255, 255, 255))


def _hill(draw, rng, base, amplitude, colour, waves=3):
    phase = [rng.uniform(0, math.tau) for _ in range(waves)]
    points = [(0, H)]
    for x in range(0, W + 40, 40):
        y = base + sum(amplitude / (i + 1) * math.sin(x / W * math.tau * (i + 0.6) + phase[i]) for i in range(waves))
        points.append((x, y))
    points.append((W, H))
    draw.polygon(points, fill=_rgb(colour))


def _hills(draw, rng, palette, horizon):
    for i, colour in enumerate(palette["hills"]):
        _hill(draw, rng, horizon - 120 + i * 90, 90 - i * 20, colour)


def _fields(draw, rng, top, palette):
    """Strips of field running to a vanishing point, alternating two greens and a gold."""
    colours = [palette["hills"][1], palette["ground"], palette["hills"][2], _mix(palette["ground"], "#ffffff", 0.3)]
    vx = W * rng.uniform(0.35, 0.65)
    edges = [-W * 1.5 + i * W * 4 / 11 for i in range(12)]
    for i in range(len(edges) - 1):
        draw.polygon([(vx, top), (edges[i], H), (edges[i + 1], H)], fill=_rgb(colours[i % len(colours)]))
    draw.rectangle((0, top - 4, W, top + 14), fill=_rgb(palette["hills"][2]))


def _river(draw, rng, top, colour, width=520):
    phase = rng.uniform(0, math.tau)
    left, right = [], []
    for step in range(0, 41):
        t = step / 40
        y = top + (H - top) * t
        centre = W / 2 + math.sin(t * 3 + phase) * W * 0.18
        half = 12 + width * t * t
        left.append((centre - half, y))
        right.append((centre + half, y))
    draw.polygon(left + right[::-1], fill=_rgb(colour))
    for _ripple in range(6):  # a few light ripples
        t = rng.uniform(0.3, 0.95)
        y = top + (H - top) * t
        centre = W / 2 + math.sin(t * 3 + phase) * W * 0.18
        draw.line((centre - 60 * t, y, centre + 60 * t, y), fill=_mix(colour, "#ffffff", 0.5), width=6)


def _tree(draw, x, y, size, leaf, trunk=(122, 86, 60)):
    draw.rectangle((x - size * 0.08, y - size * 0.6, x + size * 0.08, y), fill=trunk)
    draw.ellipse((x - size * 0.45, y - size * 1.3, x + size * 0.45, y - size * 0.45), fill=_rgb(leaf))


def _building(draw, rng, x, bottom, w, h, palette, roof=False, windows=True):
    wall = _mix(palette["wall"], palette["hills"][0], rng.uniform(0, 0.35))
    draw.rectangle((x, bottom - h, x + w, bottom), fill=wall)
    if roof:
        draw.polygon(
            [(x - 20, bottom - h), (x + w / 2, bottom - h - w * 0.35), (x + w + 20, bottom - h)],
            fill=_rgb(palette["roof"]),
        )
    if windows:
        cols, rows = max(2, int(w // 70)), max(1, int(h // 90))
        cw, rh = w / cols, h / (rows + 0.5)
        for c in range(cols):
            for r in range(rows):
                wx, wy = x + c * cw + cw * 0.25, bottom - h + r * rh + rh * 0.35
                lit = rng.random() < 0.7
                draw.rectangle(
                    (wx, wy, wx + cw * 0.5, wy + rh * 0.45),
                    fill=_rgb(palette["window"]) if lit else _mix(palette["window"], "#ffffff", 0.6),
                )


def _road(draw, top, colour=(120, 118, 125)):
    draw.rectangle((0, top, W, H), fill=colour)
    for x in range(0, W, 220):
        draw.rectangle((x, top + (H - top) / 2 - 6, x + 120, top + (H - top) / 2 + 6), fill=(245, 240, 225))


# --- scenes ------------------------------------------------------------------------


def _scene_fields(draw, rng, p):
    _hills(draw, rng, p, H * 0.52)
    _fields(draw, rng, H * 0.58, p)
    for _ in range(3):
        x = rng.uniform(W * 0.1, W * 0.9)
        _building(draw, rng, x, H * 0.58, 110, 80, p, roof=True, windows=False)
    for x in range(60, W, 260):
        _tree(draw, x + rng.uniform(-40, 40), H * 0.585, 90, p["hills"][2])


def _scene_river(draw, rng, p):
    _hills(draw, rng, p, H * 0.5)
    draw.rectangle((0, H * 0.55, W, H), fill=_rgb(p["hills"][1]))
    _river(draw, rng, H * 0.55, p["water"])
    for x in range(40, W, 180):
        _tree(draw, x, H * 0.6 + rng.uniform(0, 60), 110, p["hills"][2])


def _scene_bridge(draw, rng, p):
    """A stone arch bridge whose opening and its reflection make a full circle (拱桥倒影)."""
    _hills(draw, rng, p, H * 0.5)
    water_line = H * 0.74
    draw.rectangle((0, H * 0.55, W, water_line), fill=_rgb(p["hills"][1]))
    draw.rectangle((0, water_line, W, H), fill=_rgb(p["water"]))
    for x in range(40, W, 200):
        _tree(draw, x, H * 0.6 + rng.uniform(0, 50), 110, p["hills"][2])
    stone, cx, r = _mix(p["wall"], "#8a7b6b", 0.45), W / 2, 260
    left, right = cx - r - 240, cx + r + 240
    deck = [
        (left + (right - left) * i / 40, water_line - 40 - (r + 60) * math.sin(math.pi * i / 40) ** 0.7)
        for i in range(41)
    ]
    mirrored = [(x, 2 * water_line - y) for x, y in deck]
    draw.polygon(mirrored, fill=_mix(stone, p["water"], 0.55))
    draw.polygon(deck, fill=stone)
    draw.line(deck, fill=_mix(stone, "#ffffff", 0.35), width=14)
    draw.pieslice((cx - r, water_line - r, cx + r, water_line + r), 180, 360, fill=_mix(p["hills"][1], p["water"], 0.5))
    draw.pieslice((cx - r, water_line - r, cx + r, water_line + r), 0, 180, fill=_rgb(p["water"]))
    for step in range(8):  # ripples over the reflection
        y = water_line + 40 + step * 60
        x = rng.uniform(W * 0.2, W * 0.7)
        draw.line((x, y, x + rng.uniform(120, 260), y), fill=_mix(p["water"], "#ffffff", 0.45), width=6)


def _scene_lake(draw, rng, p):
    peaks = [(W * 0.15, H * 0.25), (W * 0.45, H * 0.18), (W * 0.78, H * 0.28)]
    draw.rectangle((0, H * 0.62, W, H), fill=_rgb(p["water"]))
    for (px, py), colour in zip(peaks, p["hills"], strict=True):
        draw.polygon([(px - W * 0.35, H * 0.62), (px, py), (px + W * 0.35, H * 0.62)], fill=_rgb(colour))
        mirrored = _mix(colour, p["water"], 0.6)
        draw.polygon(
            [(px - W * 0.35, H * 0.62), (px, H * 0.62 + (H * 0.62 - py) * 0.5), (px + W * 0.35, H * 0.62)],
            fill=mirrored,
        )
    draw.rectangle((0, H * 0.62, W, H * 0.64), fill=_rgb(p["hills"][2]))
    for x in range(80, W, 330):
        _tree(draw, x, H * 0.64, 80, p["hills"][2])


def _scene_town(draw, rng, p):
    _hill(draw, rng, H * 0.45, 60, p["hills"][0])
    x = -40
    while x < W:
        w, h = rng.uniform(140, 260), rng.uniform(220, 620)
        _building(draw, rng, x, H * 0.8, w, h, p)
        x += w + rng.uniform(10, 40)
    _road(draw, H * 0.8)
    for x in range(100, W, 300):
        _tree(draw, x, H * 0.82, 120, p["hills"][2])


def _scene_civic(draw, rng, p):
    _hills(draw, rng, p, H * 0.58)
    base, left, right = H * 0.8, W * 0.2, W * 0.8
    draw.rectangle((left, base - 460, right, base), fill=_rgb(p["wall"]))
    draw.rectangle((left - 30, base - 500, right + 30, base - 450), fill=_rgb(p["roof"]))
    for i in range(9):
        x = left + 60 + i * (right - left - 120) / 8
        draw.rectangle((x - 18, base - 420, x + 18, base - 60), fill=_mix(p["wall"], "#b9a58f", 0.35))
    for step in range(4):
        draw.rectangle(
            (left - 60 - step * 30, base - 60 + step * 20, right + 60 + step * 30, base + step * 20),
            fill=_mix(p["wall"], "#8a7b6b", 0.2 + step * 0.08),
        )
    draw.rectangle((0, base + 80, W, H), fill=_rgb(p["ground"]))
    for x in (W * 0.08, W * 0.92):
        _tree(draw, x, base + 80, 200, p["hills"][2])


def _scene_bus(draw, rng, p):
    _hills(draw, rng, p, H * 0.55)
    _road(draw, H * 0.72)
    x, y, w, h = W * rng.uniform(0.2, 0.35), H * 0.82, 900, 330
    body = _rgb(p["accent"])
    draw.rounded_rectangle((x, y - h, x + w, y), radius=50, fill=body)
    draw.rectangle((x, y - 90, x + w, y - 60), fill=_rgb(p["wall"]))
    for i in range(5):
        wx = x + 60 + i * 160
        draw.rounded_rectangle((wx, y - h + 50, wx + 130, y - h + 170), radius=16, fill=_rgb(p["window"]))
    for wx in (x + 170, x + w - 170):
        draw.ellipse((wx - 70, y - 70, wx + 70, y + 70), fill=(60, 60, 66))
        draw.ellipse((wx - 30, y - 30, wx + 30, y + 30), fill=(200, 200, 205))
    for tx in range(60, W, 420):
        _tree(draw, tx, H * 0.7, 150, p["hills"][2])


def _scene_school(draw, rng, p):
    _hills(draw, rng, p, H * 0.5)
    draw.rectangle((0, H * 0.72, W, H), fill=_rgb(p["hills"][1]))
    draw.ellipse((W * 0.05, H * 0.76, W * 0.6, H * 1.05), fill=_rgb(p["accent"]))
    draw.ellipse((W * 0.1, H * 0.8, W * 0.55, H * 1.01), fill=_rgb(p["hills"][1]))
    _building(draw, rng, W * 0.45, H * 0.72, 1000, 440, p)
    pole = W * 0.3
    draw.rectangle((pole, H * 0.22, pole + 14, H * 0.72), fill=(180, 180, 185))
    draw.rectangle((pole + 14, H * 0.22, pole + 230, H * 0.34), fill=(222, 41, 16))


def _scene_clinic(draw, rng, p):
    _hills(draw, rng, p, H * 0.55)
    draw.rectangle((0, H * 0.78, W, H), fill=_rgb(p["ground"]))
    _building(draw, rng, W * 0.22, H * 0.78, 1300, 520, p)
    cx, cy, s = W * 0.22 + 650, H * 0.78 - 600, 70
    draw.rounded_rectangle((cx - s * 1.6, cy - s * 1.6, cx + s * 1.6, cy + s * 1.6), radius=30, fill=(255, 255, 255))
    draw.rectangle((cx - s, cy - s * 0.35, cx + s, cy + s * 0.35), fill=_rgb(p["accent"]))
    draw.rectangle((cx - s * 0.35, cy - s, cx + s * 0.35, cy + s), fill=_rgb(p["accent"]))
    for x in (W * 0.08, W * 0.9):
        _tree(draw, x, H * 0.8, 220, p["hills"][2])


def _scene_lanterns(draw, rng, p):
    _scene_town(draw, rng, p)
    for row, y in enumerate((H * 0.14, H * 0.3)):
        draw.line((0, y, W, y + 40), fill=(90, 60, 50), width=6)
        for i in range(7):
            x = (i + 0.5 + row * 0.5) * W / 7
            top = y + 40 * x / W
            draw.line((x, top, x, top + 40), fill=(90, 60, 50), width=4)
            draw.ellipse((x - 70, top + 40, x + 70, top + 200), fill=(214, 40, 30))
            draw.rectangle((x - 30, top + 30, x + 30, top + 50), fill=(240, 190, 60))
            draw.rectangle((x - 8, top + 200, x + 8, top + 260), fill=(240, 190, 60))


def _scene_construction(draw, rng, p):
    _scene_town(draw, rng, p)
    colour = _rgb(p["window"])
    x, top = W * rng.uniform(0.55, 0.75), H * 0.08
    draw.rectangle((x, top, x + 30, H * 0.8), fill=colour)
    draw.rectangle((x - 700, top, x + 300, top + 30), fill=colour)
    draw.line((x + 15, top - 80, x - 600, top), fill=colour, width=8)
    draw.line((x - 500, top + 30, x - 500, top + 380), fill=(80, 80, 80), width=5)
    draw.rectangle((x - 560, top + 380, x - 440, top + 440), fill=_rgb(p["accent"]))


def _scene_market(draw, rng, p):
    _scene_town(draw, rng, p)
    for i in range(4):
        x, w = W * 0.05 + i * W * 0.24, W * 0.2
        top = H * 0.66
        draw.rectangle((x + 20, top, x + w - 20, H * 0.86), fill=_mix(p["wall"], "#ffffff", 0.2))
        stripes = 6
        for s in range(stripes):
            colour = _rgb(p["accent"]) if s % 2 == 0 else (255, 255, 255)
            draw.polygon(
                [
                    (x + s * w / stripes, top),
                    (x + (s + 1) * w / stripes, top),
                    (x + (s + 1) * w / stripes, top - 70),
                    (x + s * w / stripes, top - 70),
                ],
                fill=colour,
            )
        for f in range(5):
            fx = x + 50 + f * (w - 100) / 4
            draw.ellipse(
                (fx - 26, top + 60, fx + 26, top + 112), fill=_rgb(rng.choice([p["roof"], p["window"], p["hills"][2]]))
            )


def _scene_community(draw, rng, p):
    _hills(draw, rng, p, H * 0.5)
    draw.rectangle((0, H * 0.74, W, H), fill=_rgb(p["ground"]))
    x = 40
    while x < W:
        w = rng.uniform(260, 380)
        _building(draw, rng, x, H * 0.74, w, rng.uniform(180, 260), p, roof=True)
        x += w + rng.uniform(80, 140)
    for x in range(150, W, 380):
        _tree(draw, x, H * 0.8, 160, p["hills"][2])
    draw.rectangle((W * 0.4, H * 0.86, W * 0.6, H * 0.88), fill=(140, 100, 70))  # a bench
    for leg in (W * 0.42, W * 0.58):
        draw.rectangle((leg, H * 0.88, leg + 12, H * 0.92), fill=(120, 86, 60))


def _scene_orchard(draw, rng, p):
    _hills(draw, rng, p, H * 0.45)
    draw.rectangle((0, H * 0.6, W, H), fill=_rgb(p["hills"][1]))
    for row in range(4):
        y, size = H * (0.66 + row * 0.1), 130 + row * 50
        for i in range(9 - row):
            x = (i + 0.5 * (row % 2)) * W / (8 - row) + rng.uniform(-20, 20)
            _tree(draw, x, y, size, p["hills"][2])
            for _ in range(5):
                fx = x + rng.uniform(-size * 0.3, size * 0.3)
                fy = y - size * rng.uniform(0.6, 1.1)
                draw.ellipse((fx - 12, fy - 12, fx + 12, fy + 12), fill=_rgb(p["accent"]))


SCENES = {
    "fields": _scene_fields,
    "river": _scene_river,
    "bridge": _scene_bridge,
    "lake": _scene_lake,
    "town": _scene_town,
    "civic": _scene_civic,
    "bus": _scene_bus,
    "school": _scene_school,
    "clinic": _scene_clinic,
    "lanterns": _scene_lanterns,
    "construction": _scene_construction,
    "market": _scene_market,
    "community": _scene_community,
    "orchard": _scene_orchard,
}
# Scenes that draw their own sky details (sun and clouds would sit behind the buildings anyway).
NO_SUN = {"lanterns"}


def _to_jpeg(image):
    buffer = io.BytesIO()
    image.resize((WIDTH, HEIGHT), PILImage.LANCZOS).save(buffer, "JPEG", quality=84, optimize=True, progressive=True)
    return buffer.getvalue()


def draw_picture(scene, palette_name, seed):
    """A 1200×675 JPEG (bytes) of ``scene`` in the given palette; the same seed gives the same picture."""
    rng = random.Random(seed)
    palette = PALETTES[palette_name]
    image = _sky(*palette["sky"])
    draw = ImageDraw.Draw(image)
    if scene not in NO_SUN:
        _sun(draw, W * rng.uniform(0.15, 0.85), H * rng.uniform(0.12, 0.25), 90, palette["sun"], palette["sky"][1])
    _clouds(draw, rng)
    SCENES[scene](draw, rng, palette)
    return _to_jpeg(image)


def _icon(draw, icon, x, y, s, colour, light):
    """A simple icon centred at (x, y), about 2s wide."""
    if icon == "bus":
        draw.rounded_rectangle((x - s, y - s * 0.7, x + s, y + s * 0.5), radius=s * 0.2, fill=colour)
        for i in range(3):
            wx = x - s * 0.85 + i * s * 0.6
            draw.rectangle((wx, y - s * 0.5, wx + s * 0.45, y - s * 0.1), fill=light)
        for wx in (x - s * 0.55, x + s * 0.55):
            draw.ellipse((wx - s * 0.22, y + s * 0.3, wx + s * 0.22, y + s * 0.74), fill=(60, 60, 66))
    elif icon == "ticket":
        draw.rounded_rectangle((x - s, y - s * 0.55, x + s, y + s * 0.55), radius=s * 0.1, fill=colour)
        for nx in (x - s, x + s):  # the notches of a ticket
            draw.ellipse((nx - s * 0.2, y - s * 0.2, nx + s * 0.2, y + s * 0.2), fill=light)
        for i in range(5):
            draw.rectangle(
                (x - s * 0.45, y - s * 0.5 + i * s * 0.22, x - s * 0.38, y - s * 0.4 + i * s * 0.22), fill=light
            )
        draw.rectangle((x - s * 0.2, y - s * 0.25, x + s * 0.7, y - s * 0.1), fill=light)
        draw.rectangle((x - s * 0.2, y + s * 0.05, x + s * 0.5, y + s * 0.2), fill=light)
    elif icon == "card":
        draw.rounded_rectangle((x - s, y - s * 0.65, x + s, y + s * 0.65), radius=s * 0.15, fill=colour)
        draw.ellipse((x - s * 0.8, y - s * 0.4, x - s * 0.2, y + s * 0.2), fill=light)
        for i in range(3):
            draw.rectangle((x, y - s * 0.35 + i * s * 0.28, x + s * 0.75, y - s * 0.25 + i * s * 0.28), fill=light)


def draw_graphic(big_text, icon, palette_name):
    """A 图解 card: light background, a big number on the left, an icon on the right."""
    palette = PALETTES[palette_name]
    image = PILImage.new("RGB", (W, H), _mix(palette["sky"][1], "#ffffff", 0.4))
    draw = ImageDraw.Draw(image)
    accent, light = _rgb(palette["accent"]), _mix(palette["wall"], "#ffffff", 0.5)
    draw.rounded_rectangle((120, 120, W - 120, H - 120), radius=80, fill=_mix(palette["accent"], "#ffffff", 0.75))
    draw.rounded_rectangle((120, 120, W - 120, H - 280), radius=80, fill=light)
    draw.rectangle((120, H - 420, W - 120, H - 280), fill=light)  # square off the bottom corners of the light part
    draw.rounded_rectangle((120, 120, W - 120, H - 120), radius=80, outline=accent, width=12)
    try:
        font = ImageFont.load_default(size=380 if len(big_text) > 3 else 420)
        draw.text((W * 0.32, H * 0.45), big_text, font=font, fill=accent, anchor="mm")
    except (OSError, ImportError, TypeError):  # Pillow built without FreeType: the icon alone still reads
        pass
    _icon(draw, icon, W * 0.76, H * 0.45, 260, accent, light)
    return _to_jpeg(image)


# --- Wagtail images ------------------------------------------------------------------


def _wagtail_image(title, filename, render):
    """The Wagtail image with this title, drawn and saved if it is not there yet; returns (image, created)."""
    from wagtail.images.models import Image

    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing, False
    image = Image(title=title, file=ImageFile(io.BytesIO(render()), name=filename))
    image._set_image_file_metadata()
    image.save()
    return image, True


def ensure_images(tally=None):
    """Every demo picture and 图解 card as a Wagtail image, by key."""
    images = {}
    for key, (title, scene, palette, seed) in PICTURES.items():
        images[key], created = _wagtail_image(
            title, f"demo-{key}.jpg", lambda s=scene, p=palette, n=seed: draw_picture(s, p, n)
        )
        if tally is not None:
            tally.count("图片", created)
    for key, (title, text, icon, palette) in GRAPHICS.items():
        images[key], created = _wagtail_image(
            title, f"demo-graphic-{key}.jpg", lambda t=text, i=icon, p=palette: draw_graphic(t, i, p)
        )
        if tally is not None:
            tally.count("图片", created)
    return images
