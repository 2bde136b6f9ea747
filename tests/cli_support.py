"""The ``colloquy`` command run in the test process: what an editor types, without the cost of a
new Python process per command. A few end-to-end tests (test_cli, test_kill, test_concurrency)
run the real program in a subprocess."""

from __future__ import annotations

import contextlib
import io
import os
import traceback
from collections.abc import Iterator
from pathlib import Path

from colloquy.cli import main


@contextlib.contextmanager
def _environment(cwd: Path, env: dict[str, str]) -> Iterator[None]:
    old_cwd = Path.cwd()
    saved = {k: os.environ.get(k) for k in env}
    os.chdir(cwd)
    os.environ.update(env)
    try:
        yield
    finally:
        os.chdir(old_cwd)
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def run_cli(project: Path, *args: str, jobs: int | None = 1) -> tuple[int, str, str]:
    """``colloquy ARGS`` run from ``project`` in this process: (exit status, stdout, stderr).

    A build runs with ``jobs`` workers (one: in this process) unless the arguments say otherwise.
    An internal error is a failure of the test, with its traceback."""
    argv = list(args)
    if argv and argv[0] == "build" and jobs is not None and "-j" not in argv and "--jobs" not in argv:
        argv[1:1] = ["-j", str(jobs)]
    out, err = io.StringIO(), io.StringIO()
    with _environment(project, {"COLLOQUY_DEBUG": "1"}), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:  # usage errors
            code = int(exc.code) if isinstance(exc.code, int) else 2
        except Exception:  # pragma: no cover - the test fails with the traceback
            traceback.print_exc(file=err)
            code = -1
    return code, out.getvalue(), err.getvalue()
