"""Print the import graph of the project's packages and its cycles; exit 1 when there is a cycle.

    .venv/bin/python scripts/import_graph.py            # the graph between packages, then the cycles
    .venv/bin/python scripts/import_graph.py --modules  # every module's imports as well

Every import counts, also one written inside a function (it still ties the two modules together: a change to
one can break the other) and one under ``TYPE_CHECKING``. Two kinds of cycle are reported:

- between modules: a strongly connected group of modules, each reached from each through imports;
- between subpackages: the same where each subpackage (``experiment.results``, ``experiment.importers``, with
  everything below it) stands as one node beside the modules of the top-level package, so ``results``
  importing ``importers`` and back is a cycle even when no two modules close one, and so is a subpackage
  importing ``experiment.grading`` when ``experiment.grading`` imports the subpackage back.

The graph is read by grimp (the library import-linter is built on); the cycles are networkx's strongly
connected components, each shown with one shortest cycle through it.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

import grimp
import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
# app.py and app_pages/ are scripts Streamlit runs (nothing imports them); bench/ and scripts/ likewise.
PACKAGES = ("durable", "embeddings", "experiment", "inside", "links", "llama", "stones", "testkit", "ui")


def module_graph(root: Path = ROOT, packages: Iterable[str] = PACKAGES) -> nx.DiGraph:
    """Every module of the packages, an edge for each import of one of them by another."""
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    present = [p for p in packages if (root / p / "__init__.py").exists()]
    imports = grimp.build_graph(*present, cache_dir=None)
    graph = nx.DiGraph()
    for module in sorted(imports.modules):  # sorted, so that the cycles printed are the same every time
        graph.add_node(module)
        for imported in sorted(imports.find_modules_directly_imported_by(module)):
            graph.add_edge(module, imported)
    return graph


def is_package(module: str, root: Path) -> bool:
    return (root / module.replace(".", "/") / "__init__.py").exists()


def subpackages(modules: nx.DiGraph, root: Path = ROOT) -> set[str]:
    """The packages one level below a top-level package (``experiment.results``)."""
    return {m for m in modules if m.count(".") == 1 and is_package(m, root)}


def unit_of(module: str, subpackages: set[str]) -> str:
    """The subpackage a module is in (itself, for a subpackage's ``__init__``), else the module itself."""
    parts = module.split(".")
    return ".".join(parts[:2]) if len(parts) > 2 or module in subpackages else module


def package_graph(modules: nx.DiGraph, root: Path = ROOT) -> nx.DiGraph:
    """The top-level packages' own modules and, each as one node, their subpackages; an edge per import."""
    folders = subpackages(modules, root)
    graph = nx.DiGraph()
    for module in modules:
        graph.add_node(unit_of(module, folders))
    for importer, imported in modules.edges:
        source, target = unit_of(importer, folders), unit_of(imported, folders)
        if source != target:
            graph.add_edge(source, target)
    return graph


def folders(modules: nx.DiGraph, root: Path = ROOT) -> dict[str, list[str]]:
    """Each package and subpackage (a folder) with the other folders its modules import."""
    def folder(module: str) -> str:
        return module if is_package(module, root) else module.rpartition(".")[0]

    edges: dict[str, set[str]] = {folder(m): set() for m in modules}
    for importer, imported in modules.edges:
        if folder(importer) != folder(imported):
            edges[folder(importer)].add(folder(imported))
    return {package: sorted(imported) for package, imported in edges.items()}


def cycles(graph: nx.DiGraph, *, through: set[str] | None = None) -> list[str]:
    """Each strongly connected group of two or more nodes, as one shortest cycle through its first node
    (and, when the group is larger than that cycle, the whole group); with ``through``, only the groups
    holding one of those nodes."""
    found = []
    for group in nx.strongly_connected_components(graph):
        if len(group) < 2 or (through is not None and not group & through):
            continue
        start = min(group)
        sub = graph.subgraph(group)
        best = min((nx.shortest_path(sub, nxt, start) for nxt in sorted(sub.successors(start))),
                   key=lambda path: (len(path), path))
        line = " -> ".join([start, *best])
        if len(group) > len(best):
            line += f"   (one of a group of {len(group)}: {', '.join(sorted(group))})"
        found.append(line)
    return sorted(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modules", action="store_true", help="also print every module's imports")
    parser.add_argument("--root", type=Path, default=ROOT, help="the folder holding the packages (the project's)")
    parser.add_argument("packages", nargs="*", default=PACKAGES, help=f"default: {' '.join(PACKAGES)}")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    modules = module_graph(root, args.packages)
    packages = package_graph(modules, root)
    print("packages (each with the project's packages it imports):")
    for package, imported in sorted(folders(modules, root).items()):
        print(f"  {package} -> {', '.join(imported) or '(none)'}")
    if args.modules:
        print("modules:")
        for module in sorted(modules):
            print(f"  {module} -> {', '.join(sorted(modules.successors(module))) or '(none)'}")
    found = [("modules", c) for c in cycles(modules)] + [
        ("subpackages", c) for c in cycles(packages, through=subpackages(modules, root))]
    if not found:
        print("cycles: none")
        return 0
    print(f"cycles: {len(found)}")
    for kind, cycle in found:
        print(f"  {kind}: {cycle}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
