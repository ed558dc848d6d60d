"""How much drawing an SVG asks for, counted before anyone draws it.

An SVG of a few kilobytes can ask for billions of shapes: ``<use>`` copies an
element, and an element of ten ``<use>`` of an element of ten ``<use>`` ... nine
levels deep is a billion copies (the "billion laughs" of pictures). WeasyPrint
draws what it is given, so every SVG a build reads (a picture in an article, a
background in a layout's stylesheet) is counted here first: each element costs one,
plus what every ``<use>`` inside it copies, worked out once per referenced element.
"""

from __future__ import annotations

from lxml import etree

SVG_SHAPES = 200_000  # shapes after every <use> is expanded; a detailed map has thousands
HREFS = ("href", "{http://www.w3.org/1999/xlink}href")


def svg_shapes(data: bytes) -> int | None:
    """The number of elements the SVG draws with every ``<use>`` expanded (counting stops a
    little past SVG_SHAPES); None when it is not XML lxml can read (left to the renderer)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError):
        return None
    if root is None:
        return None
    by_id = {element.get("id"): element for element in root.iter() if isinstance(element.tag, str)
             and element.get("id")}
    costs: dict = {}  # by element: lxml keeps a node's proxy while a dict holds it (ids are reused)
    return _cost(root, by_id, costs, set())


def _cost(element, by_id: dict, costs: dict, visiting: set) -> int:
    key = element
    if key in costs:
        return costs[key]
    if key in visiting:  # a <use> of an ancestor: renderers draw nothing for it
        return 1
    visiting.add(key)
    total = 1
    for child in element.iterchildren():
        if not isinstance(child.tag, str):
            continue
        total += _cost(child, by_id, costs, visiting)
        if total > SVG_SHAPES:
            break
    if isinstance(element.tag, str) and element.tag.rsplit("}", 1)[-1] == "use":
        target = next((element.get(name) for name in HREFS if element.get(name)), "")
        referenced = by_id.get(target[1:]) if target.startswith("#") else None
        if referenced is not None:
            total += _cost(referenced, by_id, costs, visiting)
    visiting.discard(key)
    costs[key] = min(total, SVG_SHAPES + 1)
    return costs[key]
