"""Build: compile the hot engine modules with mypyc when this machine can, else pure Python.

All metadata lives in pyproject.toml; this file only adds the compiled extension modules.
The engine is compiled when RESILIENCE_PURE is not 1 and a C compiler builds a tiny
extension against this Python's headers; otherwise it installs as pure Python, with one line
on stderr saying why. Compiled and pure engines play identical games
(tests/test_compiled.py).
"""

from __future__ import annotations

import glob
import os
import sys
import sysconfig
import tempfile

from setuptools import setup

# The modules compiled by mypyc, as paths from the repository root. Edit this list to add or
# rename one (the Makefile reads it too, to rebuild when one of them changes). Every module
# here must be clean under `mypy` (`make test` checks). Never list the attrs classes with fast
# builders (state.py, scenario.py, events.py, orders.py): they must stay interpreted.
COMPILED = [
    "game/engine/work.py",
    "game/engine/world.py",
    "game/engine/doctrine.py",
    "game/engine/moves.py",
    "game/engine/effects.py",
    "game/engine/coercion.py",
    "game/engine/turn.py",
    "game/engine/scoring.py",
    "game/engine/rng.py",
    "game/engine/index.py",
    "game/engine/builders.py",
    "game/engine/tuning.py",
    "game/ai/policies.py",
    "game/sim/play.py",
]

# The shared library all compiled modules live in: game/resilience_engine__mypyc.*.so. A fixed
# name (mypyc would otherwise derive one from a hash of the module list), inside the game
# package so that it installs, and is found, with the package.
GROUP = "game.resilience_engine"

PROBE = """\
#include <Python.h>
static PyModuleDef probe = {PyModuleDef_HEAD_INIT, "probe", NULL, -1, NULL};
PyMODINIT_FUNC PyInit_probe(void) { return PyModule_Create(&probe); }
"""


def why_pure() -> str | None:
    """Why the engine cannot be compiled here, or None when it can."""
    if os.environ.get("RESILIENCE_PURE") == "1":
        return "RESILIENCE_PURE=1 is set"
    include = sysconfig.get_paths()["include"]
    if not os.path.isfile(os.path.join(include, "Python.h")):
        return f"no Python headers ({include}/Python.h is missing)"
    try:
        import mypyc.build  # noqa: F401
    except ImportError as e:
        return f"mypyc cannot be imported ({e})"
    from distutils import ccompiler
    from distutils import sysconfig as dist_sysconfig

    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, "probe.c")
        with open(source, "w", encoding="ascii") as f:
            f.write(PROBE)
        # The compiler's own messages go to a file, so a failed probe prints one line only.
        log = os.path.join(tmp, "probe.log")
        saved = os.dup(1), os.dup(2)
        try:
            with open(log, "wb") as out:
                os.dup2(out.fileno(), 1)
                os.dup2(out.fileno(), 2)
                compiler = ccompiler.new_compiler()
                dist_sysconfig.customize_compiler(compiler)
                objects = compiler.compile([source], output_dir=tmp, include_dirs=[include])
                compiler.link_shared_object(objects, "probe.so", output_dir=tmp)
        except Exception as e:  # CompileError, LinkError, no compiler at all, ...
            with open(log, encoding="utf-8", errors="replace") as f:
                detail = " ".join(f.read().split())[-200:] or str(e)[:200]
            return f"no working C compiler ({type(e).__name__}: {detail})"
        finally:
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])
    return None


def ext_modules() -> list:
    command = next((arg for arg in sys.argv[1:] if not arg.startswith("-")), None)
    if command in ("egg_info", "dist_info", "sdist"):
        return []  # metadata or a source archive: nothing to compile (pip asks for both first)
    reason = why_pure()
    if reason is not None:
        print(f"collective-resilience: the engine is pure Python: {reason}", file=sys.stderr)
        built = [so for py in COMPILED for so in glob.glob(py.removesuffix(".py") + ".*.so")]
        if built and command in ("editable_wheel", "develop"):  # imported from this tree
            print(
                f"collective-resilience: {len(built)} modules compiled by an earlier build "
                f"(such as {built[0]}) would still be imported instead of their sources: "
                "`make clean` removes them",
                file=sys.stderr,
            )
        return []
    from mypyc.build import mypycify

    return mypycify(COMPILED, opt_level="3", group_name=GROUP)


setup(ext_modules=ext_modules())
