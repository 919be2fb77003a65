"""The examples in the package's docstrings run and show what they claim."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import analysis

FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def _modules_with_examples() -> list[str]:
    names = []
    for _, name, _ in pkgutil.iter_modules(analysis.__path__, prefix="analysis."):
        if name == "analysis.__main__":
            continue
        tests = doctest.DocTestFinder().find(importlib.import_module(name))
        if any(not example.options.get(doctest.SKIP) for test in tests for example in test.examples):
            names.append(name)
    return sorted(names)


@pytest.mark.parametrize("name", _modules_with_examples())
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=FLAGS, report=True)
    assert result.attempted > 0
    assert result.failed == 0, f"{result.failed} docstring example(s) of {name} failed (see output above)"
