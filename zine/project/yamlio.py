"""Safe YAML reading for front matter and comment files.

Every plain scalar stays a string (no YAML 1.1 surprises such as ``no`` -> False
or ``012345`` -> 5349), aliases are refused (no alias bombs), and every mapping
remembers the line it started on so errors can point at it.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from zine.core.errors import InputError


class LineDict(dict):
    """A mapping read from YAML, carrying the 1-based line where it starts."""

    line: int = 0


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader with no implicit typing and no aliases."""

    yaml_implicit_resolvers: dict = {}

    def compose_node(self, parent, index):  # noqa: D102 - PyYAML hook
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.MarkedYAMLError(
                problem="aliases (*name) are not allowed", problem_mark=event.start_mark
            )
        return super().compose_node(parent, index)


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode) -> LineDict:
    mapping = LineDict(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    return mapping


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(text: str, path: Path, first_line: int = 1):
    """Parse YAML text; ``first_line`` shifts reported lines (front matter)."""
    try:
        data = yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - strict safe loader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark else None
        problem = exc.problem or exc.context or "malformed YAML"
        raise InputError(f"malformed YAML: {problem}", path, line) from exc
    except yaml.YAMLError as exc:
        raise InputError(f"malformed YAML: {exc}", path) from exc
    _shift_lines(data, first_line - 1)
    return data


def _shift_lines(data, offset: int) -> None:
    if isinstance(data, LineDict):
        data.line += offset
        for value in data.values():
            _shift_lines(value, offset)
    elif isinstance(data, list):
        for item in data:
            _shift_lines(item, offset)
