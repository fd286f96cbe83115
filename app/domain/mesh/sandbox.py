"""Read untrusted mesh files in a child process that is killed when it takes too long.

A parser that loops forever on a damaged file cannot be stopped from inside the
process (a Python thread cannot be killed), so files from outside are read by a
worker process: :class:`MeshWorker` starts it once, hands it one file at a time
and waits at most ``timeout`` seconds for the answer.  On a timeout or a crash
the worker is killed and the caller gets a :class:`MeshLoadError` naming the
file; the next file starts a fresh worker.  The time the worker takes to start
(importing numpy and trimesh) is not counted against the file.

The worker is a plain ``python -m app.domain.mesh.sandbox`` talking over its
stdin/stdout (length-prefixed pickles of our own result objects), not a
multiprocessing child: ``spawn`` would re-run the caller's main script, which
breaks any script without an ``if __name__ == "__main__"`` guard, and ``fork``
of a Qt process is unsafe.  A reader thread in the parent turns the pipe into a
queue, so waiting with a time limit works on every platform.  The worker runs
with one BLAS thread and a cap on its address space.

This module imports nothing heavy: the worker sets its limits before it imports
the reader.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import pickle
import queue
import struct
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO, Any

from app.domain.mesh.errors import MeshLoadError

# Seconds a file may take to read and analyse.  A furniture mesh under the size limit takes well
# under one (the 4 MB, 84k-triangle counter.unitsmm.STL: about 0.4 s on a 2-core machine).
READ_TIMEOUT_S = 30.0
# Seconds the worker may take to start (import numpy and trimesh) on a slow, busy machine.
START_TIMEOUT_S = 120.0
# Address space of the worker: far above what a mesh under the size limit needs.
WORKER_MEMORY_BYTES = 6 * 1024 ** 3
DEFAULT_TARGET = "app.domain.mesh.inspection:inspect_file"
_PROJECT_ROOT = Path(__file__).resolve().parents[3]
_HEADER = struct.Struct("<Q")


def _send(stream: IO[bytes], message: Any) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _receive(stream: IO[bytes]) -> Any:
    """The next message, or EOFError when the other side has gone."""
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        raise EOFError
    size = _HEADER.unpack(header)[0]
    data = stream.read(size)
    if len(data) < size:
        raise EOFError
    return pickle.loads(data)


# ------------------------------------------------------------------- the child
def _limit_memory() -> None:
    try:
        import resource

        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = WORKER_MEMORY_BYTES if hard == resource.RLIM_INFINITY else min(WORKER_MEMORY_BYTES, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, ValueError, OSError):  # not on this platform: the time limit still holds
        pass


def worker_main(target: str) -> int:
    """The worker: answer requests on stdin/stdout until stdin closes."""
    _limit_memory()
    # Our channel is the real stdout; anything a library prints goes to stderr instead.
    channel = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    requests = sys.stdin.buffer
    module_name, func_name = target.split(":")
    try:
        func = getattr(importlib.import_module(module_name), func_name)
    except BaseException as exc:
        _send(channel, ("error", f"the mesh reader cannot start ({type(exc).__name__}: {exc})"))
        return 1
    _send(channel, ("ready", None))
    while True:
        try:
            args, kwargs = _receive(requests)
        except EOFError:
            return 0
        name = args[0] if args else "the file"
        try:
            answer = ("ok", func(*args, **kwargs))
        except MeshLoadError as exc:
            answer = ("error", str(exc))
        except MemoryError:
            answer = ("error", f"{name}: needs more memory than a mesh may take")
        except BaseException as exc:
            answer = ("error", f"{name}: cannot be read ({type(exc).__name__}: {exc})")
        _send(channel, answer)


# ------------------------------------------------------------------ the parent
class MeshWorker:
    """One worker process that reads files on request, each within a time limit.

    :meth:`call` may run on a helper thread while the GUI thread calls :meth:`cancel`
    or :meth:`close`.
    """

    def __init__(self, target: str = DEFAULT_TARGET, start_timeout: float = START_TIMEOUT_S):
        self.target = target
        self.start_timeout = start_timeout
        self._process: subprocess.Popen[bytes] | None = None
        self._answers: queue.Queue[Any] | None = None
        self._ready = False
        self._lock = threading.Lock()      # one request at a time
        self._state = threading.Lock()     # guards _process against cancel() from another thread
        self.cancelled = False

    # ---------------------------------------------------------------- control
    def start(self) -> tuple[subprocess.Popen[bytes], queue.Queue[Any]]:
        """Start the worker now (it imports its reader in the background); no-op when running.

        Returns the worker process and the queue of its answers.
        """
        with self._state:
            if self._process is not None and self._answers is not None and self._process.poll() is None:
                return self._process, self._answers
            env = dict(os.environ)
            env["PYTHONPATH"] = os.pathsep.join([str(_PROJECT_ROOT)] + [p for p in
                                                env.get("PYTHONPATH", "").split(os.pathsep) if p])
            for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
                env[name] = "1"  # one thread: no per-thread buffers, no competing with the app
            process = subprocess.Popen([sys.executable, "-m", "app.domain.mesh.sandbox", self.target],
                                       stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
            answers: queue.Queue[Any] = queue.Queue()
            threading.Thread(target=self._pump, args=(process.stdout, answers), daemon=True,
                             name="modulor-mesh-reader-pipe").start()
            self._process, self._answers, self._ready = process, answers, False
            return process, answers

    @staticmethod
    def _pump(stream: IO[bytes], answers: queue.Queue[Any]) -> None:
        """Move the worker's answers into a queue; ends (with EOFError queued) when the worker goes."""
        try:
            while True:
                answers.put(_receive(stream))
        except (EOFError, OSError, pickle.UnpicklingError, ValueError):
            answers.put(EOFError())

    def cancel(self) -> None:
        """Stop the file being read now: kills the worker (the next call starts a new one)."""
        self.cancelled = True
        with self._state:
            process = self._process
        if process is not None and process.poll() is None:
            process.kill()

    def close(self) -> None:
        with self._state:
            process, self._process, self._ready = self._process, None, False
        if process is not None:
            if process.poll() is None:
                process.kill()
            process.wait(5)
            for stream in (process.stdin, process.stdout):
                if stream is not None:
                    with contextlib.suppress(OSError):
                        stream.close()

    def __enter__(self) -> MeshWorker:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # ---------------------------------------------------------------- calling
    def call(self, path: Path | str, *args: Any, timeout: float = READ_TIMEOUT_S, **kwargs: Any) -> Any:
        """The reader's answer for ``path``; :class:`MeshLoadError` on refusal, timeout or crash."""
        with self._lock:
            self.cancelled = False
            process, answers = self.start()
            if not self._ready:
                self._expect_ready(answers)
            try:
                assert process.stdin is not None  # opened with stdin=PIPE
                _send(process.stdin, ((str(path), *args), kwargs))
            except (OSError, ValueError):
                pass  # the worker is gone: the queue says so below
            try:
                answer = answers.get(timeout=timeout)
            except queue.Empty:
                self.close()
                raise MeshLoadError(f"{path}: reading took longer than {timeout:g} s and was stopped "
                                    "(a damaged file, or one too complex to show?)") from None
            if isinstance(answer, EOFError):
                code = process.wait(5) if process.poll() is None else process.returncode
                self.close()
                if self.cancelled:
                    raise MeshLoadError(f"{path}: reading was cancelled")
                raise MeshLoadError(f"{path}: the mesh reader stopped while reading it (exit code {code}); "
                                    "the file is probably damaged")
        kind, value = answer
        if kind == "error":
            raise MeshLoadError(value)
        return value

    def _expect_ready(self, answers: queue.Queue[Any]) -> None:
        try:
            answer = answers.get(timeout=self.start_timeout)
        except queue.Empty:
            self.close()
            raise MeshLoadError(f"the mesh reader did not start within {self.start_timeout:g} s") from None
        if isinstance(answer, EOFError) or answer[0] != "ready":
            self.close()
            why = answer[1] if not isinstance(answer, EOFError) else "it stopped at once"
            raise MeshLoadError(f"the mesh reader cannot start: {why}")
        self._ready = True


if __name__ == "__main__":
    sys.exit(worker_main(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_TARGET))
