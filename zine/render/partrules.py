"""Whether a layout keeps the rule that lets an anthology be typeset in parts: nothing in
the contents entries sets a string or a counter.

Each part is laid out after the front without its contents entries
(``partdocs.light_front``), so a string or a counter set there would be missing from
every part laid out alone: a title numbered from the contents would print 0 after
an edit. The built-in layouts keep the rule; a layout of a project's own (or an
installed one) is read here, and one that breaks it is typeset in one pass. Only
stylesheets outside zine's own folders are read, so a build with a built-in layout
pays nothing for the check.
"""

from __future__ import annotations

import re
from pathlib import Path

from zine.core.resources import assets_folder, builtin_layouts_folder
from zine.render.partdocs import CONTENTS_ENTRY
from zine.render.split import Split

CARRIED = ("string-set", "counter-increment", "counter-reset", "counter-set")
_CARRIED_TEXT = re.compile("|".join(CARRIED), re.IGNORECASE)
_ENTRY_LINK = re.compile(r"#c\d+\Z")
_NESTED = ("media", "supports")  # at-rules whose rules apply as if written outside them
# Rules setting strings or counters matched against the contents entries at most (a layout has a
# handful); a layout with more is typeset in one pass without them being matched.
MATCHED_RULES = 200


def sets_in_contents(split: Split, stylesheets: list[Path]) -> bool:
    """Whether the contents entries of ``split`` set a string or a counter: in a style
    attribute, or by a rule of a stylesheet that is not zine's own (an ``@import`` there
    counts as one, unread, and so do more than ``MATCHED_RULES`` such rules)."""
    entries = CONTENTS_ENTRY.findall(split.front)
    if not entries:
        return False
    if any(_CARRIED_TEXT.search(entry) for entry in entries):
        return True
    selectors = [prelude for path in stylesheets if not _bundled(path) for prelude in _setting_rules(path)]
    if not selectors:
        return False
    if None in selectors or len(selectors) > MATCHED_RULES:
        return True  # an import not read here, or more rules than any layout needs: one pass
    return _matches_an_entry(split, selectors)


def _bundled(path: Path) -> bool:
    resolved = path.resolve()
    return any(resolved.is_relative_to(folder.resolve()) for folder in (builtin_layouts_folder(), assets_folder()))


def _setting_rules(path: Path) -> list:
    """The selectors (preludes) of the rules in ``path`` that set a string or a counter, and
    None for an ``@import`` (what it brings is not read here)."""
    import tinycss2

    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []  # the renderer says what is wrong with the file
    return _in_rules(tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True))


def _in_rules(rules: list) -> list:
    import tinycss2

    found: list = []
    for rule in rules:
        if rule.type == "qualified-rule":
            declarations = tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)
            if any(getattr(item, "lower_name", None) in CARRIED for item in declarations):
                found.append(rule.prelude)
        elif rule.type == "at-rule" and rule.lower_at_keyword == "import":
            found.append(None)
        elif rule.type == "at-rule" and rule.lower_at_keyword in _NESTED and rule.content is not None:
            found += _in_rules(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True))
    return found


def _matches_an_entry(split: Split, selectors: list) -> bool:
    """Whether one of ``selectors`` matches a contents entry or an element inside one."""
    import cssselect2
    import tinyhtml5

    # A matcher sorts the selectors by the id, class or tag they end on, so each element meets
    # only those that may match it: a layout of thousands of rules stays quick to read.
    matcher = cssselect2.Matcher()
    for prelude in selectors:
        try:
            compiled = cssselect2.compile_selector_list(prelude)
        except cssselect2.SelectorError:
            continue  # the renderer drops a rule it cannot read
        for selector in compiled:
            matcher.add_selector(selector, None)
    root = cssselect2.ElementWrapper.from_html_root(tinyhtml5.parse(split.head + split.front + split.tail))
    return any(matcher.match(element) for entry in root.query_all("li") if _is_entry(entry)
               for element in entry.iter_subtree())


def _is_entry(item) -> bool:
    """A list item linking to a contribution, as ``partdocs.CONTENTS_ENTRY`` finds them."""
    return any(_ENTRY_LINK.match(link.etree_element.get("href", "")) for link in item.query_all("a[href]"))
