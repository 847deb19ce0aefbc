"""The related-terms graph drawn as SVG: every term on a circle, grouped by category, each a link to its
page; a curve for each pair of related terms. The layout is computed here (no JavaScript, no layout
library), in time that grows with the terms and links, and the same terms always give the same picture.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from html import escape
from typing import Any

DOT = 16  # the room each term takes on the circle, in pixels
LABEL = 240  # the room left around the circle for the titles


def draw(terms: list[dict[str, Any]], href: Callable[[str], str], colours: dict[str, int]) -> str:
    """An <svg> of the terms (documents) and their related links; `href(slug)` is each term's link."""
    order = sorted(terms, key=lambda t: (t.get("category_label") or t["category"], t["title"].lower()))
    count = max(len(order), 1)
    radius = max(160.0, count * DOT / (2 * math.pi))
    centre = radius + LABEL
    places = {term["slug"]: _point(centre, radius, number, count) for number, term in enumerate(order)}
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {2 * centre:.0f} {2 * centre:.0f}" '
             f'role="group" aria-label="Related terms, {len(order)} terms">', '<g aria-hidden="true">']
    for one, other in _pairs(order, places):
        (x1, y1, _), (x2, y2, _) = places[one], places[other]
        bend_x, bend_y = centre + ((x1 + x2) / 2 - centre) * 0.25, centre + ((y1 + y2) / 2 - centre) * 0.25
        parts.append(f'<path class="edge" d="M{x1:.1f} {y1:.1f}Q{bend_x:.1f} {bend_y:.1f} {x2:.1f} {y2:.1f}"/>')
    parts.append("</g>")
    for term in order:
        x, y, angle = places[term["slug"]]
        degrees = math.degrees(angle)
        flip = 90 < degrees % 360 < 270
        lx, ly = x + 10 * math.cos(angle), y + 10 * math.sin(angle)
        rotate = degrees + 180 if flip else degrees
        parts.append(
            f'<a href="{escape(href(term["slug"]))}" data-term="{escape(term["slug"])}">'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" class="c{colours.get(term["category"], 0)}"/>'
            f'<text x="{lx:.1f}" y="{ly:.1f}" dy="0.35em" text-anchor="{"end" if flip else "start"}" '
            f'transform="rotate({rotate:.1f} {lx:.1f} {ly:.1f})">{escape(term["title"])}</text></a>')
    parts.append("</svg>")
    return "\n".join(parts)


def _point(centre: float, radius: float, number: int, count: int) -> tuple[float, float, float]:
    angle = 2 * math.pi * number / count - math.pi / 2
    return centre + radius * math.cos(angle), centre + radius * math.sin(angle), angle


def _pairs(terms: list[dict[str, Any]], places: dict[str, Any]) -> list[tuple[str, str]]:
    """Each pair of related terms once, whichever of the two lists the other."""
    found: set[tuple[str, str]] = set()
    for term in terms:
        for other in term.get("related") or []:
            if other in places and other != term["slug"]:
                found.add((min(term["slug"], other), max(term["slug"], other)))
    return sorted(found)
