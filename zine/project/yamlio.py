"""Safe YAML reading for front matter and comment files.

Every plain scalar stays a string (no YAML 1.1 surprises such as ``no`` -> False
or ``012345`` -> 5349) except ``null`` and ``~``, which mean no value; aliases are
refused (no alias bombs), nesting is bounded, and every mapping remembers the line it
started on so errors can point at it. Text is checked and cleaned as
:mod:`zine.core.untrusted` says.

Where PyYAML carries libyaml (its wheels do), the text is parsed in C, about seven times
faster on a large comments file; the node tree is then walked once for aliases and depth
before anything is built from it, so the same rules hold. Text whose nesting the C parser
could not survive, and every text that fails, goes through the pure-Python loader, which
gives the one error message users see.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from zine.core.errors import InputError
from zine.core.untrusted import clean_text, lone_surrogate

MAX_NESTING = 202  # lists and mappings inside one another: 100 levels of comment replies


class LineDict(dict):
    """A mapping read from YAML, carrying the 1-based line where it starts."""

    line: int = 0


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader with no implicit typing and no aliases."""

    yaml_implicit_resolvers: dict = {}
    nesting = 0

    def compose_node(self, parent, index):  # noqa: D102 - PyYAML hook
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.MarkedYAMLError(
                problem="aliases (*name) are not allowed", problem_mark=event.start_mark
            )
        if self.nesting >= MAX_NESTING:  # PyYAML recurses: refuse before Python's stack runs out
            raise yaml.MarkedYAMLError(
                problem=f"nested too deeply: more than {MAX_NESTING} lists and mappings inside one "
                        "another (a comment thread may be at most 100 replies deep)",
                problem_mark=self.peek_event().start_mark,
            )
        self.nesting += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.nesting -= 1


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode) -> LineDict:
    mapping = LineDict(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    return mapping


def _construct_text(loader: _StrictLoader, node: yaml.ScalarNode) -> str:
    # An explicit !!timestamp is read as text, so that a date is checked as every other
    # date is ('2026-02-30' is not a real date), never handed to Python half-checked.
    return loader.construct_scalar(node)


_FastLoader = None
if getattr(yaml, "__with_libyaml__", False):
    class _FastLoader(yaml.CSafeLoader):  # type: ignore[no-redef]
        """libyaml's parser with the strict loader's typing; aliases and depth checked on the nodes."""

        yaml_implicit_resolvers: dict = {}


for _loader in filter(None, (_StrictLoader, _FastLoader)):
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_text)
    _loader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL)$"),
                                  list("~nN"))

# The C parser composes by recursion: text that might nest deeper than this goes to the
# pure-Python loader, which counts the levels and refuses with a line number.
_C_SAFE_DEPTH = 150


def _fast_load(text: str):
    """Parse with libyaml; None when the text is not plainly within the rules (the caller
    then parses it again with the strict loader, for its exact error)."""
    if _FastLoader is None or not _shallow_enough(text):
        return None
    loader = _FastLoader(text)
    try:
        node = loader.get_single_node()
        if node is None or not _plain_tree(node):
            return None
        return loader.construct_document(node)
    except (yaml.YAMLError, ValueError, OverflowError):
        return None
    finally:
        loader.dispose()


def _shallow_enough(text: str) -> bool:
    # Nesting needs one more column of indent or one more bracket per level.
    flow = text.count("[") + text.count("{")
    indent = max((len(line) - len(line.lstrip(" ")) for line in text.splitlines()), default=0)
    return flow + indent < _C_SAFE_DEPTH


def _plain_tree(root: yaml.Node) -> bool:
    """No node reached twice (an alias) and no deeper than the strict loader allows."""
    seen, stack = set(), [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen or depth > MAX_NESTING:
            return False
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend(((key, depth + 1), (value, depth + 1)))
    return True


def load_yaml(text: str, path: Path, first_line: int = 1):
    """Parse YAML text; ``first_line`` shifts reported lines (front matter)."""
    data = _fast_load(text)
    if data is not None:
        _shift_lines(data, first_line - 1)
        return _clean(data, path)
    try:
        data = yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - strict safe loader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark else None
        problem = exc.problem or exc.context or "malformed YAML"
        raise InputError(f"malformed YAML: {problem}", path, line) from exc
    except yaml.YAMLError as exc:
        raise InputError(f"malformed YAML: {exc}", path) from exc
    except (ValueError, OverflowError) as exc:  # an explicit tag PyYAML could not build
        raise InputError(f"malformed YAML: {exc}", path) from exc
    _shift_lines(data, first_line - 1)
    return _clean(data, path)


def _clean(data, path: Path, line: int | None = None):
    """Every text of the data checked (no lone surrogates) and cleaned (no bidi overrides)."""
    if isinstance(data, LineDict):
        cleaned = LineDict({_clean(k, path, data.line): _clean(v, path, data.line) for k, v in data.items()})
        cleaned.line = data.line
        return cleaned
    if isinstance(data, list):
        return [_clean(item, path, line) for item in data]
    if isinstance(data, str):
        bad = lone_surrogate(data)
        if bad:
            raise InputError(f"the text holds {bad}, which is not a character (half of a UTF-16 pair)",
                             path, line)
        return clean_text(data)
    return data


def _shift_lines(data, offset: int) -> None:
    if isinstance(data, LineDict):
        data.line += offset
        for value in data.values():
            _shift_lines(value, offset)
    elif isinstance(data, list):
        for item in data:
            _shift_lines(item, offset)
