"""The notebooks in ``notebooks/`` run from top to bottom, offline, and are committed clean.

Each notebook is executed with nbclient in a kernel of this very interpreter (the venv's, so
the kernel imports the graphbuild under test), with the notebook's folder as working
directory, as Jupyter would. The kernel talks to nbclient over Unix sockets (no TCP port),
and the notebooks fetch nothing: they build from ``seeds/`` and ``notebooks/data/`` into
temporary folders. A failing cell fails the test with its traceback; the executed copy is
kept in ``test-artifacts/notebooks/`` either way.

Committed notebooks carry no outputs and no execution counts
(``python scripts/strip_notebooks.py`` strips them).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "notebooks"
ARTIFACTS = ROOT / "test-artifacts" / "notebooks"
EXPECTED = ("01-build-and-query.ipynb", "02-network-analysis.ipynb", "03-explore.ipynb")
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
CELL_TIMEOUT = 300  # seconds, per cell
STRIP = "python scripts/strip_notebooks.py"


def _ids(path: Path) -> str:
    return path.stem


def test_notebooks_all_present():
    assert set(EXPECTED) <= {p.name for p in NOTEBOOKS}, f"missing in {NOTEBOOK_DIR}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids)
def test_notebooks_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    dirty = [i for i, cell in enumerate(nb.cells) if cell.cell_type == "code"
             and (cell.outputs or cell.execution_count is not None)]
    assert not dirty, f"{path.name}: code cells {dirty} have outputs or an execution count; run {STRIP}"
    assert nb.metadata.kernelspec.name == "python3"


@pytest.fixture(scope="module")
def kernel(tmp_path_factory):
    """The name of a kernelspec that runs ``sys.executable``, in a private JUPYTER_PATH.

    The venv's own ``python3`` spec says ``python``, which jupyter_client maps to its own
    interpreter; a spec of our own removes any doubt, and ignores user-level kernelspecs.
    """
    home = tmp_path_factory.mktemp("jupyter")
    spec_dir = home / "data" / "kernels" / "graphbuild-test"
    spec_dir.mkdir(parents=True)
    (spec_dir / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "graphbuild tests", "language": "python",
    }))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("JUPYTER_PATH", str(home / "data"))
        mp.setenv("JUPYTER_RUNTIME_DIR", str(home / "runtime"))
        mp.setenv("IPYTHONDIR", str(home / "ipython"))
        mp.setenv("MPLBACKEND", "Agg")
        mp.setenv("MPLCONFIGDIR", str(home / "matplotlib"))
        mp.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # debugpy's frozen-modules notice
        yield "graphbuild-test"


def _listing(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")
            if ".ipynb_checkpoints" not in p.parts and "__pycache__" not in p.parts}


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids)
def test_notebooks_run(path, kernel, tmp_path):
    from nbclient.exceptions import CellExecutionError
    from traitlets.config import Config

    nb = nbformat.read(path, as_version=4)
    config = Config()
    config.KernelManager.transport = "ipc"  # Unix sockets: no TCP port, no network
    config.KernelManager.ip = str(tmp_path / "kernel")
    client = nbclient.NotebookClient(
        nb, kernel_name=kernel, timeout=CELL_TIMEOUT, startup_timeout=120, config=config,
        resources={"metadata": {"path": str(NOTEBOOK_DIR)}})
    before = _listing(NOTEBOOK_DIR)
    try:
        client.execute()
    except CellExecutionError as e:
        pytest.fail(f"{path.name}: a cell failed (executed copy in {ARTIFACTS}):\n{e}", pytrace=False)
    finally:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, ARTIFACTS / path.name)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert code and all(cell.execution_count for cell in code), "every code cell ran"
    assert _listing(NOTEBOOK_DIR) == before, "the notebook wrote into notebooks/; use a temporary folder"
