"""The apps import each other only downwards (STYLE.md's layers), so the import graph has no cycle.

The graph is read from the code with ``ast``: every import statement (also those inside functions)
in every module of every project app, tests and migrations excluded. The ``puls`` package (the
core apps, settings, shared helpers) is one node at the bottom. The layers refine STYLE.md's where
the models already point one way: jobseekers' saved vacancies and interests point at employers'
vacancies, and casework's referrals at network organisations.
"""

import ast
from pathlib import Path

from django.conf import settings

LAYERS = [
    "puls",
    "employers",
    "jobseekers",
    "mediation",
    "network",
    "casework",
    "news",
    "helpdesk",
    "stafftraining",
    "reports",
    "portal",
]
RANK = {package: position for position, package in enumerate(LAYERS)}
ROOT = Path(settings.BASE_DIR)


def project_packages(root=ROOT, installed_apps=None):
    """Top-level packages of the installed apps that live in the repository at ``root``."""
    return {
        app.split(".")[0]
        for app in installed_apps or settings.INSTALLED_APPS
        if (root / app.split(".")[0] / "__init__.py").exists()
    }


def import_sites(root, package):
    """(imported top-level package, "file:line") for every absolute import in ``package``."""
    for path in sorted((root / package).rglob("*.py")):
        parts = path.relative_to(root).parts
        if "migrations" in parts or "tests" in parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                yield name.split(".")[0], f"{path.relative_to(root)}:{node.lineno}"


def import_graph(root=ROOT, installed_apps=None):
    """{(importer, imported): [sites]} between the project's packages."""
    packages = project_packages(root, installed_apps)
    graph = {}
    for package in packages:
        for imported, site in import_sites(root, package):
            if imported in packages and imported != package:
                graph.setdefault((package, imported), []).append(site)
    return graph


def find_cycle(edges):
    """One cycle (a list of nodes, first repeated at the end) in the directed graph, or None."""
    successors = {}
    for source, target in edges:
        successors.setdefault(source, []).append(target)
    state = {}  # node -> "open" while on the current path, "done" once fully explored

    def visit(node, path):
        state[node] = "open"
        for target in sorted(successors.get(node, [])):
            if state.get(target) == "open":
                return path[path.index(target) :] + [target]
            if target not in state and (cycle := visit(target, [*path, target])):
                return cycle
        state[node] = "done"
        return None

    for node in sorted(successors):
        if node not in state and (cycle := visit(node, [node])):
            return cycle
    return None


def test_every_app_has_a_layer():
    assert project_packages() <= set(LAYERS)


def test_the_app_import_graph_has_no_cycle():
    graph = import_graph()
    cycle = find_cycle(graph)
    assert cycle is None, (
        "import cycle "
        + " → ".join(cycle)
        + "".join(
            f"\n  {a} → {b}: {', '.join(graph[a, b])}"
            for a, b in zip(cycle, cycle[1:], strict=False)
        )
    )


def test_apps_import_only_lower_layers():
    upward = {
        f"{importer} → {imported}": sites
        for (importer, imported), sites in import_graph().items()
        if RANK[imported] >= RANK[importer]
    }
    assert upward == {}


def test_the_checks_see_a_cycle_and_an_upward_import(tmp_path):
    (tmp_path / "puls").mkdir()
    (tmp_path / "puls" / "__init__.py").write_text("")
    (tmp_path / "puls" / "helpers.py").write_text("def f():\n    from employers import models\n")
    (tmp_path / "employers").mkdir()
    (tmp_path / "employers" / "__init__.py").write_text("import puls.helpers\n")
    graph = import_graph(tmp_path, ["puls.helpers", "employers"])
    assert graph == {
        ("puls", "employers"): ["puls/helpers.py:2"],
        ("employers", "puls"): ["employers/__init__.py:1"],
    }
    assert find_cycle(graph) == ["employers", "puls", "employers"]
    assert find_cycle({("a", "b"): [], ("b", "c"): [], ("a", "c"): []}) is None
