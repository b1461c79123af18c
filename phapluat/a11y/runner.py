"""Finds Chromium and the Node modules, and runs axe_check.js over a list of pages."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "axe_check.js"
SCENARIO = HERE / "scenario.js"


def chromium_path() -> str | None:
    for candidate in (os.environ.get("PHAPLUAT_CHROMIUM"), shutil.which("chromium"),
                      shutil.which("chromium-browser"), shutil.which("google-chrome")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def node_modules() -> Path | None:
    """`make test` installs axe-core and playwright-core into phapluat/a11y/node_modules
    (PHAPLUAT_NODE_MODULES points elsewhere if they are installed in another place)."""
    for candidate in (os.environ.get("PHAPLUAT_NODE_MODULES"), HERE / "node_modules"):
        if candidate and (Path(candidate) / "axe-core" / "axe.min.js").exists() \
                and (Path(candidate) / "playwright-core").is_dir():
            return Path(candidate)
    return None


def missing() -> str | None:
    """Why the check cannot run here, or None."""
    if not chromium_path():
        return "Chromium không có trên máy (apt-get install chromium; `make test` tự cài)"
    if not shutil.which("node"):
        return "Node.js không có trên máy (apt-get install nodejs npm)"
    if not node_modules():
        return "thiếu axe-core/playwright-core (npm ci --prefix phapluat/a11y; `make test` tự cài)"
    return None


def _node(script: Path, payload: dict, timeout: int):
    env = {**os.environ, "NODE_PATH": str(node_modules())}
    completed = subprocess.run(
        ["node", str(script)], input=json.dumps({"chromium": chromium_path(), **payload}),
        capture_output=True, text=True, timeout=timeout, env=env, check=False)
    if completed.returncode != 0:
        raise RuntimeError(f"{script.name} thất bại: {completed.stderr[-2000:]}")
    return json.loads(completed.stdout)


def run_axe(pages: list[dict], *, timeout: int = 120) -> list[dict]:
    return _node(SCRIPT, {"pages": pages}, timeout)


def run_steps(steps: list[dict], *, cookies: list[dict] = (), width: int = 412, timeout: int = 120) -> list:
    """Runs scenario.js (goto / click / eval steps in one page); returns the value of each eval step."""
    return _node(SCENARIO, {"steps": steps, "cookies": list(cookies), "width": width}, timeout)["values"]
