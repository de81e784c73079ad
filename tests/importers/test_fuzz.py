"""Fuzzing every importer with mutated valid files (hypothesis, a small fixed budget).

Each input either imports or is refused with a one-line QualcodeError that leaves the project
exactly as it was; any other exception, a multi-line message or a changed project fails the
test (see ``tests/fuzz_inputs.py``). ``benchmarks/fuzz_importers.py`` runs the same mutations
for minutes per importer.
"""

from __future__ import annotations

import pytest
from fuzz_inputs import KINDS, fresh_project, mutated, run_input, seed
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

#: Examples per importer: the whole module stays well under a minute.
EXAMPLES = 12


@pytest.fixture(scope="module")
def seeds_folder(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz-seeds")


@pytest.mark.parametrize("kind", KINDS)
def test_the_unmutated_seed_imports(kind, seeds_folder, tmp_path):
    project = fresh_project(tmp_path / "ziel.qualcode")
    outcome = run_input(kind, seed(kind, str(seeds_folder)), tmp_path, project)
    assert (outcome.status, outcome.message) == ("imported", "")


@pytest.mark.parametrize("kind", KINDS)
def test_mutated_input_imports_or_is_refused_in_one_line(kind, seeds_folder, tmp_path):
    project = fresh_project(tmp_path / "ziel.qualcode")
    outcomes: list[str] = []

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                     HealthCheck.function_scoped_fixture])
    @given(st.randoms(use_true_random=False))
    def one_input(rnd):
        data = mutated(kind, str(seeds_folder), rnd)
        outcomes.append(run_input(kind, data, tmp_path, project).status)

    one_input()
    # The mutations do reach the importer: some inputs are refused.
    assert "refused" in outcomes
