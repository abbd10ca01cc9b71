"""The layers hold (lint-imports, run by `make lint`), and a wrong import breaks them.

The contract is in pyproject.toml: the root URLconf > the agenda > feedback > coalitions > the
session and the shared tools. Here it is checked on the project itself, then on a copy of the
code with one import that points the wrong way, which must fail.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
PACKAGES = ("igfsession", "coalitions", "feedback")


def _lint(where: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(where / "pyproject.toml"), "--no-cache"],
        cwd=where,
        env={"PYTHONPATH": str(where), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def code_copy(tmp_path) -> Path:
    """The project's Python packages and pyproject.toml, copied (sources only)."""
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package,
            tmp_path / package,
            ignore=lambda folder, names: [
                name
                for name in names
                if not (name.endswith(".py") or (Path(folder) / name).is_dir())
                or name == "__pycache__"
            ],
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_layers_project_keeps_its_contracts():
    result = _lint(ROOT)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 2 kept, 0 broken." in result.stdout


@pytest.mark.parametrize(
    ("module", "wrong_import", "broken"),
    [
        # coalitions may not know feedback, which sits above it.
        ("coalitions/models.py", "import feedback.models", "Layers:"),
        # feedback may not know the agenda.
        ("feedback/services/sheets.py", "import igfsession.agenda.models", "Layers:"),
        # The session's own models may not know coalitions.
        ("igfsession/models.py", "import coalitions.models", "Layers:"),
    ],
)
def test_layers_wrong_import_breaks_the_contract(code_copy, module, wrong_import, broken):
    path = code_copy / module
    path.write_text(path.read_text() + f"\n{wrong_import}  # the wrong way\n")

    result = _lint(code_copy)

    assert result.returncode == 1, result.stdout
    assert "Contracts: 1 kept, 1 broken." in result.stdout
    assert f"{broken}" in result.stdout.split("Broken contracts")[1]


def test_layers_module_without_a_layer_breaks_the_contract(code_copy):
    (code_copy / "igfsession" / "newcomer.py").write_text('"""Not placed in a layer."""\n')

    result = _lint(code_copy)

    assert result.returncode == 1, result.stdout
    assert "Every module of igfsession has its layer BROKEN" in result.stdout
    assert "igfsession.newcomer" in result.stdout
