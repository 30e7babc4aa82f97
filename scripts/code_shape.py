"""Print the shape of the code: the longest modules and functions in townsquare/.

Usage: python scripts/code_shape.py [--functions N] [--modules N]
Demo content and migrations are left out: they are data written as code.
"""

import argparse
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "townsquare"
MODULE_LINE_LIMIT = 600


def source_files(root=ROOT):
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).parts
        if "migrations" in parts or parts[0] == "demo":
            continue
        yield path


def module_lengths(root=ROOT):
    lengths = [(len(p.read_text("utf-8").splitlines()), p.relative_to(root.parent)) for p in source_files(root)]
    return sorted(lengths, reverse=True)


def function_lengths(root=ROOT):
    found = []
    for path in source_files(root):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                found.append((length, f"{path.relative_to(root.parent)}:{node.lineno} {node.name}"))
    return sorted(found, reverse=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--functions", type=int, default=10)
    parser.add_argument("--modules", type=int, default=10)
    args = parser.parse_args()
    print(f"Longest modules (limit {MODULE_LINE_LIMIT} lines):")
    for length, path in module_lengths()[: args.modules]:
        print(f"  {length:5d}  {path}")
    print("Longest functions:")
    for length, where in function_lengths()[: args.functions]:
        print(f"  {length:5d}  {where}")


if __name__ == "__main__":
    main()
