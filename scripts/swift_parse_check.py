#!/usr/bin/env python3
"""Parses every .swift file under the given folders with tree-sitter-swift.

No Swift compiler runs on Linux CI machines here, so this is the check that the
generated bindings and the hand-written Swift are at least well-formed Swift.
Prints each syntax error with its line, exits 1 if any file fails to parse,
and 1 too if no Swift file was found (a silent pass would hide a broken step).
"""
import pathlib
import sys

import tree_sitter
import tree_sitter_swift


def errors_in(tree):
    """Yields (line, column, kind) for every ERROR or MISSING node."""
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.is_error or node.is_missing:
            yield node.start_point[0] + 1, node.start_point[1] + 1, node.type
            continue
        if node.has_error:
            stack.extend(node.children)


def main(folders):
    parser = tree_sitter.Parser(tree_sitter.Language(tree_sitter_swift.language()))
    files = sorted(p for folder in folders for p in pathlib.Path(folder).rglob("*.swift"))
    failed = 0
    for path in files:
        tree = parser.parse(path.read_bytes())
        problems = list(errors_in(tree))
        for line, column, kind in problems[:10]:
            print(f"{path}:{line}:{column}: swift syntax error ({kind})")
        failed += bool(problems)
    passed = len(files) - failed
    print(f"swift-parse: {passed} passed, {failed} failed")
    return 1 if failed or not files else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["ios"]))
