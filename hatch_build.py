"""The package build's one extra step: load and check the default rulebook, and ship it prebuilt.

A fresh ``consultaid suggest`` would otherwise parse, validate and cross-reference every YAML file of the
default rulebook on every run. The build does it once (``consultaid.rulebook.prebuilt``, run from ``src/`` in
a process of its own so that it records exactly the code a load runs) and the wheel carries the result. At
run time it is used only while it matches the installed files and code, so nothing is ever written then.

- A wheel (``pip wheel .``, ``python -m build``): the prebuilt file goes into the wheel beside
  ``prebuilt.py``. A default rulebook with problems fails the build, with every problem listed.
- An editable install (``pip install -e .``, what ``make`` does): the file is written into
  ``src/consultaid/rulebook/`` (git ignores it). When ``rules/`` or the code changes afterwards, it no longer
  matches and the rulebook is read from its YAML again, as before; ``make prebuilt`` refreshes it. A rulebook
  with problems only skips this step (the app reports them when it runs).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

PACKAGED = "consultaid/rulebook/_default_rulebook.pickle"

# Runs in a fresh interpreter with the build's environment (its dependencies), importing ConsultAid from src/.
PREBUILD = (
    "import sys; sys.path.insert(0, sys.argv[1]); "
    "from consultaid.rulebook.prebuilt import main; main(sys.argv[2:])"
)


class PrebuiltRulebookHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        root = Path(self.root)
        if version == "editable":
            output = root / "src" / PACKAGED
            output.unlink(missing_ok=True)  # a stale one would only be checked and set aside
            done = self._prebuild(root, output)
            if done.returncode != 0:
                self.app.display_warning(
                    "The default rulebook was not prebuilt (it is read from rules/ at run time instead):\n"
                    + done.stderr.strip()
                )
            return
        self._folder = tempfile.mkdtemp(prefix="consultaid-prebuilt-")
        output = Path(self._folder) / Path(PACKAGED).name
        done = self._prebuild(root, output)
        if done.returncode != 0:
            raise RuntimeError("the default rulebook could not be prebuilt:\n" + done.stderr.strip())
        build_data["force_include"][str(output)] = PACKAGED

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        folder = getattr(self, "_folder", None)
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)

    @staticmethod
    def _prebuild(root: Path, output: Path) -> subprocess.CompletedProcess[str]:
        command = [
            sys.executable,
            "-c",
            PREBUILD,
            str(root / "src"),
            str(output),
            "--rules",
            str(root / "rules"),
        ]
        return subprocess.run(command, capture_output=True, text=True, cwd=root)
