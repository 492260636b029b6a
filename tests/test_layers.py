"""The project's layers only point down: an import graph of the product's own modules, read from
their source, has no upward import and no cycle between packages (README: How the code is laid out)."""

import ast
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
# Bottom to top. The demo portal (demo/demo_portal) stands beside them: only the CLI's --demo and bench use it.
LAYERS = ["record", "extraction", "archive", "crawler", "pipelines", "cli", "bench"]
OURS = {*LAYERS, "demo_portal"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PROJECT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Our modules that `path` imports, wherever the import statement stands (lazy ones too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
        elif isinstance(node, ast.ImportFrom) and node.level:
            package = _module_name(path).split(".")
            base = package[: len(package) - node.level + (1 if path.name == "__init__.py" else 0)]
            found.add(".".join([*base, node.module] if node.module else base))
    return {name for name in found if name.split(".")[0] in OURS}


def _graph() -> dict[str, set[str]]:
    graph = {}
    for layer in LAYERS:
        for path in sorted((PROJECT / layer).rglob("*.py")):
            graph[_module_name(path)] = _imports(path)
    return graph


def _package(module: str) -> str:
    """The unit whose cycles matter: a layer, and inside the larger ones their modules and subpackages."""
    parts = module.split(".")
    return ".".join(parts[:2]) if parts[0] in ("crawler", "archive", "extraction") else parts[0]


def test_the_graph_is_read_from_every_layer():
    graph = _graph()
    assert {name.split(".")[0] for name in graph} == set(LAYERS)
    assert "extraction.profiles" in graph["crawler.spiders.portal"] or any(
        target.startswith("extraction") for target in graph["crawler.spiders.portal"])


@pytest.mark.parametrize("layer", LAYERS)
def test_no_layer_imports_a_layer_above_it(layer):
    rank = {name: index for index, name in enumerate(LAYERS)}
    upward = sorted(
        f"{module} imports {target}"
        for module, targets in _graph().items() if module.split(".")[0] == layer
        for target in targets if rank.get(target.split(".")[0], -1) > rank[layer]
    )
    assert upward == []


def test_only_the_cli_and_bench_reach_the_demo_portal():
    reaching = sorted(module for module, targets in _graph().items()
                      if any(t.split(".")[0] == "demo_portal" for t in targets))
    assert all(module.split(".")[0] in ("cli", "bench") for module in reaching), reaching


def test_no_cycle_between_packages():
    edges: dict[str, set[str]] = {}
    for module, targets in _graph().items():
        for target in targets:
            source, destination = _package(module), _package(target)
            if source != destination and destination.split(".")[0] in LAYERS:
                edges.setdefault(source, set()).add(destination)
    cycles = []

    def visit(node, path):
        for nxt in sorted(edges.get(node, ())):
            if nxt in path:
                cycles.append(" -> ".join([*path[path.index(nxt):], nxt]))
            elif len(path) < 12:
                visit(nxt, [*path, nxt])

    for start in sorted(edges):
        visit(start, [start])
    assert cycles == []
