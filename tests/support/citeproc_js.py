"""Run citeproc-js (tests/js/render.js) on CSL-JSON items, for fidelity tests and benchmarks."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

JS_DIR = Path(__file__).resolve().parents[1] / "js"
RENDER_JS = JS_DIR / "render.js"


def available() -> bool:
    return shutil.which("node") is not None and (JS_DIR / "node_modules" / "citeproc").is_dir()


def render(items: list[dict[str, Any]], jobs: list[dict[str, str]], locales_dir: Path,
           *, args: tuple[str, ...] = ()) -> Any:
    payload = json.dumps({"localesDir": str(locales_dir), "items": items, "jobs": jobs})
    result = subprocess.run(["node", str(RENDER_JS), *args], input=payload, text=True,
                            capture_output=True, check=False, timeout=600)
    if result.returncode != 0:
        raise RuntimeError(f"citeproc-js failed: {result.stderr.strip()}")
    return json.loads(result.stdout)
