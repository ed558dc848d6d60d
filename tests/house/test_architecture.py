"""The house rules of the code, as contracts read from the source (docs/architecture.md).

Every import in ``zine/`` is read with ``ast``, at module level and inside
functions alike, and held against the layers: a package imports only packages
below it; only the render stage imports WeasyPrint; only the pdf stage (and the
imposition writer) imports pikepdf; nothing imports the command line; and no
module imports itself round a cycle; and a package takes another's names only from
its face (the names its ``__init__`` lists in ``__all__``). Each rule is also run once on a graph broken
on purpose, so a checker that lets everything through fails here.
"""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.paths import ROOT

PACKAGE = ROOT / "zine"

# Bottom to top. A module belongs to the longest prefix that names it.
LAYERS = [
    "zine",
    "zine.core",
    "zine.project",
    "zine.importers",
    "zine.cache",
    "zine.pdf",
    "zine.impose",
    "zine.layout",
    "zine.compose",
    "zine.render",
    "zine.preflight.checks",
    "zine.pipeline",
    "zine.preflight",
    "zine.preview",
    "zine.desk",
    "zine.batch",
    "zine.commands",
    "zine.cli",
]
ENGINES = {  # outside engine (or a part of it) -> the only places that may import it
    "weasyprint": ("zine.render",),
    "pikepdf": ("zine.pdf", "zine.impose.pdfwriter"),
    # PDFium reads finished pages back: opened and rendered where they are looked at...
    "pypdfium2": ("zine.preflight.checks.scan", "zine.preflight.checks.ink", "zine.preflight.checks.content",
                  "zine.preflight.check", "zine.preflight.prepare", "zine.preview.draw",
                  "zine.render.pagetext", "zine.impose.deadedge",
                  "zine.impose.inkobjects"),
    # ...and its raw C API (no bounds or type checks) in the two modules that walk page objects.
    "pypdfium2.raw": ("zine.preflight.checks.scan", "zine.impose.inkobjects"),
}
COMMAND_LINE = ("zine.cli", "zine.commands")
# Packages other packages may reach into, and why; every other package has a face (its __all__).
WITHOUT_FACE = {
    "zine": "the root holds only the version",
    # Small, independent modules whose names are the vocabulary every stage speaks (errors.InputError,
    # limits.PAGES, paper.mm): the module is part of the name, and one face over all of them would
    # be a hundred names with no stage behind them.
    "zine.core": "the shared foundations, each module its own small face",
    "zine.commands": "loaded only by zine.cli, by name, one command at a time",
    "zine.cli": "a module, imported by nobody",
}
ENGINE_NAMES = ("weasyprint", "pypdfium2", "pikepdf", "starlette", "uvicorn")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def read_imports() -> dict[str, set[str]]:
    """Each zine module -> every module it imports (zine's own resolved to modules, others by top name)."""
    paths = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph = {}
    for name, path in paths.items():
        graph[name] = set()
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        tree = ast.parse(path.read_text("utf-8"))
        aliases: dict[str, str] = {}  # local name -> outside module (import pypdfium2 as pdfium)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                graph[name].update(alias.name for alias in node.names)
                aliases.update({alias.asname or alias.name: alias.name for alias in node.names})
            elif isinstance(node, ast.ImportFrom):
                base = _absolute(node, package)
                for alias in node.names:
                    graph[name].add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in paths else base)
                    if not base.startswith("zine"):  # from pypdfium2 import raw: a part of an engine
                        graph[name].add(f"{base}.{alias.name}")
        # pdfium.raw.FPDF_...: a part of an engine reached through its module's name.
        graph[name].update(f"{aliases[node.value.id]}.{node.attr}" for node in ast.walk(tree)
                           if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                           and node.value.id in aliases and not aliases[node.value.id].startswith("zine"))
    return graph


def _absolute(node: ast.ImportFrom, package: str) -> str:
    if not node.level:
        return node.module or ""
    parts = package.split(".")
    base = parts[: len(parts) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def layer_of(module: str) -> int | None:
    # "zine" itself is the bottom layer; a new package must be given its own place.
    matches = [i for i, prefix in enumerate(LAYERS)
               if module == prefix or (prefix != "zine" and module.startswith(prefix + "."))]
    return max(matches, key=lambda i: len(LAYERS[i])) if matches else None


def layer_breaches(graph: dict[str, set[str]]) -> list[str]:
    breaches = []
    for module, imported in graph.items():
        for target in imported:
            if target.split(".")[0] != "zine" or layer_of(target) is None:
                continue
            if layer_of(target) > layer_of(module):
                breaches.append(f"{module} imports {target}, which is in a higher layer")
    return sorted(breaches)


def engine_breaches(graph: dict[str, set[str]]) -> list[str]:
    breaches = set()
    for module, imported in graph.items():
        for target in imported:
            for engine, allowed in ENGINES.items():
                if target != engine and not target.startswith(engine + "."):
                    continue
                if not any(module == a or module.startswith(a + ".") for a in allowed):
                    breaches.add(f"{module} imports {engine}")
    return sorted(breaches)


def command_line_breaches(graph: dict[str, set[str]]) -> list[str]:
    def is_cli(name: str) -> bool:
        return any(name == c or name.startswith(c + ".") for c in COMMAND_LINE)
    return sorted(f"{module} imports {target}" for module, imported in graph.items() if not is_cli(module)
                  for target in imported if is_cli(target))


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every import cycle among zine's modules (one path each), found by depth-first search."""
    found, state = [], {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = "open"
        for target in sorted(graph.get(module, ())):
            if target not in graph:
                continue
            if state.get(target) == "open":
                found.append(path[path.index(target):] + [target])
            elif target not in state:
                visit(target, path + [target])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    return found


def read_imports_by_name() -> list[tuple[str, str, str]]:
    """Each zine-to-zine import as (module, what it imports from, name); ``import zine.x`` as (module, "zine.x", "")."""
    found = []
    for path in PACKAGE.rglob("*.py"):
        name = module_name(path)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and _absolute(node, package).split(".")[0] == "zine":
                found.extend((name, _absolute(node, package), alias.name) for alias in node.names)
            elif isinstance(node, ast.Import):
                found.extend((name, alias.name, "") for alias in node.names if alias.name.split(".")[0] == "zine")
    return sorted(found)


def package_of(module: str) -> str | None:
    layer = layer_of(module)
    return None if layer is None else LAYERS[layer]


def read_faces() -> dict[str, set[str]]:
    """Each package with a face -> the names its ``__init__`` offers (``__all__``)."""
    return {package: set(importlib.import_module(package).__all__) for package in LAYERS
            if package not in WITHOUT_FACE}


def face_breaches(imports: list[tuple[str, str, str]], faces: dict[str, set[str]]) -> list[str]:
    """Each import from another package that goes past its face.

    One kind of import may name an inner module: a function named as its module
    (``from zine.pipeline.build import build``), since a package attribute cannot be both.
    """
    breaches = []
    for module, source, name in imports:
        owner = package_of(source)
        if owner not in faces or owner == package_of(module):
            continue
        if source == owner and name in faces[owner]:
            continue
        if name and source != owner and source == f"{owner}.{name}":
            continue
        breaches.append(f"{module} imports {name or source} from {source}, past the face of {owner}"
                        if name else f"{module} imports {source}, past the face of {owner}")
    return sorted(breaches)


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    return read_imports()


def test_every_module_is_in_a_layer(graph):
    assert [m for m in graph if layer_of(m) is None] == []


def test_packages_import_only_packages_below_them(graph):
    assert layer_breaches(graph) == []


def test_only_render_imports_weasyprint_only_pdf_imports_pikepdf_and_pdfium_where_listed(graph):
    assert engine_breaches(graph) == []


def test_no_library_module_imports_the_command_line(graph):
    assert command_line_breaches(graph) == []


def test_no_import_cycles(graph):
    assert cycles(graph) == []


def test_the_contracts_catch_a_graph_broken_on_purpose(graph):
    broken = {module: set(imported) for module, imported in graph.items()}
    broken["zine.core.errors"].add("zine.pipeline.build")  # a stage reaching up
    broken["zine.compose.html"].update({"weasyprint", "pikepdf"})  # engines outside their stage
    broken["zine.preflight.checks.ink"].add("pypdfium2.raw")  # PDFium's raw C API outside the scanner
    broken["zine.layout.qr"].add("pypdfium2")
    broken["zine.project.load"].add("zine.cli")
    broken["zine.render.engine"].add("zine.render.pieces")  # pieces already imports engine
    assert layer_of("zine.newstage.module") is None  # a package nobody placed
    assert layer_breaches(broken) == ["zine.core.errors imports zine.pipeline.build, which is in a higher layer",
                                      "zine.project.load imports zine.cli, which is in a higher layer"]
    assert engine_breaches(broken) == ["zine.compose.html imports pikepdf", "zine.compose.html imports weasyprint",
                                       "zine.layout.qr imports pypdfium2",
                                       "zine.preflight.checks.ink imports pypdfium2.raw"]
    assert command_line_breaches(broken) == ["zine.project.load imports zine.cli"]
    assert any(set(c) == {"zine.render.engine", "zine.render.pieces"} for c in cycles(broken)), cycles(broken)


def test_other_packages_import_only_what_a_package_face_offers():
    assert face_breaches(read_imports_by_name(), read_faces()) == []


def test_every_name_a_face_offers_is_there():
    for package, names in read_faces().items():
        face = importlib.import_module(package)
        assert [name for name in sorted(names) if not hasattr(face, name)] == [], package


def test_a_face_loads_no_engine_its_package_did_not_load_before():
    # Only the pdf stage loads pikepdf as it is imported; every other face loads its names when used.
    script = ("import sys\n" + "".join(f"import {p}\n" for p in read_faces() if p != "zine.pdf")
              + f"print([e for e in {ENGINE_NAMES!r} if e in sys.modules])")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"


def test_the_face_rule_catches_imports_broken_on_purpose():
    imports = read_imports_by_name() + [
        ("zine.render.fitting", "zine.project.comments", "load_comments"),  # past the face
        ("zine.preview.draw", "zine.render", "lay_out"),  # a name the face does not offer
        ("zine.compose.html", "zine.layout.resolve", ""),  # import zine.layout.resolve
        ("zine.batch.projects", "zine.pipeline.build", "build"),  # a function named as its module
        ("zine.render.pieces", "zine.render.engine", "lay_out"),  # inside its own package
        ("zine.project.load", "zine.core.errors", "InputError"),  # the foundations have no face
    ]
    assert face_breaches(imports, read_faces()) == [
        "zine.compose.html imports zine.layout.resolve, past the face of zine.layout",
        "zine.preview.draw imports lay_out from zine.render, past the face of zine.render",
        "zine.render.fitting imports load_comments from zine.project.comments, past the face of zine.project",
    ]


# Process-wide settings, changed only by their one owner (zine/core/process.py).
SETTINGS_OWNER = "zine.core.process"
SETTING_CALLS = {"setLevel", "addHandler", "removeHandler", "basicConfig", "disable", "putenv", "unsetenv",
                 "setrecursionlimit", "setdefaulttimeout", "setlocale"}
SETTING_ATTRIBUTES = {"propagate", "disabled", "MAX_IMAGE_PIXELS", "LOAD_TRUNCATED_IMAGES", "environ"}


def setting_changes(source: str) -> list[str]:
    """Each place ``source`` changes a process-wide setting: a call that sets one, an assignment to
    one (``x.propagate = ...``, ``os.environ[...] = ...``), or a change to ``os.environ``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            name, owner = node.func.attr, node.func.value
            if name in SETTING_CALLS or (isinstance(owner, ast.Attribute) and owner.attr == "environ"
                                         and name in {"pop", "update", "clear", "setdefault", "popitem"}):
                found.append(f"line {node.lineno}: {name}()")
        targets = node.targets if isinstance(node, ast.Assign) else \
            [node.target] if isinstance(node, (ast.AugAssign, ast.AnnAssign)) else \
            node.targets if isinstance(node, ast.Delete) else []
        for target in targets:
            for part in ast.walk(target):
                if isinstance(part, ast.Attribute) and part.attr in SETTING_ATTRIBUTES:
                    found.append(f"line {node.lineno}: {part.attr}")
    return found


def test_only_the_process_module_changes_process_wide_settings():
    changes = {name: setting_changes(path.read_text("utf-8"))
               for name, path in ((module_name(p), p) for p in PACKAGE.rglob("*.py")) if name != SETTINGS_OWNER}
    assert {name: found for name, found in changes.items() if found} == {}
    assert setting_changes((PACKAGE / "core" / "process.py").read_text("utf-8"))  # the owner is seen doing it


@pytest.mark.parametrize("line", [
    'os.environ["X"] = "1"', 'del os.environ["X"]', 'os.environ.pop("X")', "logger.setLevel(10)",
    "logging.getLogger('a').propagate = False", "Image.MAX_IMAGE_PIXELS = None",
    "ImageFile.LOAD_TRUNCATED_IMAGES, x = True, 1", "logging.disable(50)"])
def test_the_settings_rule_catches_each_kind_of_change(line):
    assert setting_changes(line)


def test_the_settings_rule_lets_reading_pass():
    assert setting_changes('x = os.environ.get("X")\nlevel = logger.level\nlimit = Image.MAX_IMAGE_PIXELS') == []
