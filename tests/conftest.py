"""Shared pytest options and fixtures (several test files use them: add yours, keep the others')."""
from __future__ import annotations

import pytest


# -- robustness / fuzzing (tests/test_fuzz.py, tests/test_robustness.py) ---------------------

def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("graphbuild robustness")
    group.addoption("--fuzz-examples", type=int, default=25,
                    help="hypothesis examples per property in tests/test_fuzz.py "
                         "(default 25; `make fuzz` runs 1000)")
    group.addoption("--big-article-mb", type=float, default=None,
                    help="size in MB of the long article built by "
                         "tests/test_robustness.py::test_robustness_long_article_memory_is_bounded "
                         "(default 0.45; the issue's 5 MB takes minutes)")


@pytest.fixture(scope="session")
def fuzz_examples(request: pytest.FixtureRequest) -> int:
    """How many hypothesis examples a fuzz property runs (``--fuzz-examples N``)."""
    return max(1, int(request.config.getoption("--fuzz-examples")))
