"""The switcher: the zine.toml settings the desk can change, one line each, with their allowed
values read from where they already live (the layouts found, the sheets zine prints on, the fill
modes, the project's pictures)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from zine.core.model import FILL_MODES, Project
from zine.core.paper import LABELS, SHEETS
from zine.core.pictures import RASTER_SUFFIXES


@dataclass(frozen=True)
class Switch:
    """One setting: its zine.toml key, its label, its values (None: not known to this zine)
    and what leaving it out means."""

    key: str
    label: str
    choices: Callable[[Project], list[str] | None]
    unset: str


def _layouts(project: Project) -> list[str]:
    from zine.layout import available_layouts

    return sorted({name for name, _, _ in available_layouts(project.root)})


def _pictures(project: Project) -> list[str]:
    root = project.root
    found = [p for p in root.rglob("*") if p.suffix.lower() in RASTER_SUFFIXES and p.is_file()
             and not any(part.startswith(".") for part in p.relative_to(root).parts)]
    return sorted(p.relative_to(root).as_posix() for p in found)[:200]


def _model_values(name: str) -> Callable[[Project], list[str] | None]:
    """Values listed in zine.core.model under ``name``; None while this zine has no such setting."""
    def values(project: Project) -> list[str] | None:
        import zine.core.model

        found = getattr(zine.core.model, name, None)
        return list(found) if found else None
    return values


SWITCHES = [
    Switch("layout", "Layout", _layouts, "a5-booklet"),
    Switch("sheet", "Paper", lambda project: list(SHEETS), "the layout's"),
    Switch("fill", "Blank pages", lambda project: list(FILL_MODES), "off"),
    Switch("cover", "Cover picture", _pictures, "none"),
    Switch("commenters", "Commenters", _model_values("COMMENTER_MODES"), "names"),
]


def switch_named(key: str) -> Switch | None:
    return next((s for s in SWITCHES if s.key == key), None)


def switch_states(project: Project) -> list[dict]:
    """Each known setting with its value now and the values it may take, for the page."""
    states = []
    for switch in SWITCHES:
        choices = switch.choices(project)
        if choices is None:
            continue
        value = getattr(project, switch.key, None)
        if switch.key == "layout" and value == switch.unset:
            value = value if _written(project, "layout") else None
        states.append({"key": switch.key, "label": switch.label, "value": value, "unset": switch.unset,
                       "choices": [{"value": c, "label": LABELS.get(c, c)} for c in choices]})
    return states


def _written(project: Project, key: str) -> bool:
    import tomllib

    if project.config_path is None:
        return False
    try:
        return key in tomllib.loads(project.config_path.read_text("utf-8"))
    except (OSError, ValueError):
        return False
