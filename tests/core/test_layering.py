"""The apps import one way: accounts, then notifications, then the core (gsoc), then the
apps on top (reviews, students), which never import each other. Only wiring (settings, URL
modules, management commands) may import every app. Read from the code's imports, the
ones inside functions included; each of those must say why it is there."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Lower layers first. Apps of one layer don't import each other.
LAYERS = [{"accounts"}, {"notifications"}, {"gsoc"}, {"reviews", "students"}]
RANK = {app: rank for rank, apps in enumerate(LAYERS) for app in apps}


def _is_wiring(path: Path) -> bool:
    relative = path.relative_to(ROOT).as_posix()
    return (
        relative == "gsoc/settings.py"
        or relative.startswith("gsoc/urls")
        or "/management/commands/" in relative
    )


def _modules():
    for app in RANK:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield app, path


def _imports(tree: ast.AST):
    """(imported top-level package, line, inside a function?) for every import."""
    functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    nested = {id(node) for f in functions for node in ast.walk(f) if node is not f}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            yield name.split(".")[0], node.lineno, id(node) in nested


def _violations():
    for app, path in _modules():
        tree = ast.parse(path.read_text(), filename=str(path))
        for target, line, _ in _imports(tree):
            if target not in RANK or target == app or _is_wiring(path):
                continue
            if RANK[target] >= RANK[app]:
                yield f"{path.relative_to(ROOT)}:{line} ({app}) imports {target}"


def test_apps_import_one_way():
    assert list(_violations()) == []


def test_every_function_level_import_says_why():
    unexplained = []
    for _, path in _modules():
        lines = path.read_text().splitlines()
        for target, line, nested in _imports(ast.parse("\n".join(lines))):
            if not nested:
                continue
            here, above = lines[line - 1], lines[line - 2] if line > 1 else ""
            if "#" not in here and not above.strip().startswith("#"):
                unexplained.append(f"{path.relative_to(ROOT)}:{line} imports {target}")
    assert unexplained == []


@pytest.mark.parametrize(
    ("source", "allowed"),
    [
        ("from reviews.models import ReviewComment\n", False),
        ("def f():\n    from students.models import Interest  # needed late\n", False),
        ("from notifications.services import notify\n", True),
    ],
)
def test_layering_check_sees_module_and_function_imports(source, allowed):
    # The check itself: gsoc importing an app on top is caught, at any depth.
    found = [target for target, _, _ in _imports(ast.parse(source))]
    assert all(RANK[t] < RANK["gsoc"] for t in found) is allowed
