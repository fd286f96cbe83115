"""Open mesh files for the designer window without ever freezing it.

The file is read by :class:`~app.domain.mesh.sandbox.MeshWorker` (a separate
process with a time limit).  Waiting for its answer happens on a short-lived
Python thread, which never blocks for longer than the time limit because the
worker, not the thread, does the parsing; the answer comes back to the GUI
thread as a Qt signal (queued, since it is emitted from another thread).
:meth:`MeshLoader.cancel` kills the worker, which ends the wait at once.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.domain.mesh.errors import MeshLoadError
from app.domain.mesh.sandbox import READ_TIMEOUT_S, MeshWorker


class MeshLoader(QObject):
    """Reads one file at a time; ``loaded(path, Inspected)`` or ``failed(path, message)`` follows."""

    loaded = Signal(object, object)
    failed = Signal(object, str)

    def __init__(self, timeout: float = READ_TIMEOUT_S, parent: QObject | None = None):
        super().__init__(parent)
        self.timeout = timeout
        self._worker = MeshWorker()
        self._thread: threading.Thread | None = None
        self._closed = False

    def warm_up(self) -> None:
        """Start the worker now, so the first file opens without waiting for its imports."""
        self._worker.start()

    @property
    def busy(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def load(self, path: Path | str) -> None:
        if self.busy:
            self.cancel()
            self._thread.join(5)
        self._thread = threading.Thread(target=self._read, args=(Path(path),), daemon=True,
                                        name="modulor-designer-load")
        self._thread.start()

    def _read(self, path: Path) -> None:
        try:
            result = self._worker.call(path, timeout=self.timeout)
        except MeshLoadError as exc:
            self._emit(self.failed, path, str(exc))
        else:
            self._emit(self.loaded, path, result)

    def _emit(self, signal, *args) -> None:
        if self._closed:
            return
        with contextlib.suppress(RuntimeError):  # the window went away while the file was being read
            signal.emit(*args)

    def cancel(self) -> None:
        self._worker.cancel()

    def wait(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    def close(self) -> None:
        self._closed = True
        self._worker.cancel()
        self.wait(5)
        self._worker.close()
