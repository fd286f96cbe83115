"""Every file Modulor writes is written here: whole or not at all, durable, with one permission rule.

Why one helper: a design, a recovery file, an export, a published mesh, a
thumbnail, the kiosk's settings and its contact key each used to have a writer
of its own, with three temporary-file suffixes, different fsync habits and the
0600 mode ``tempfile.mkstemp`` gives (so an exported PDF was unreadable for the
colleague it was meant for, while a settings file had to be chmod'ed after the
fact).

How a file is written (:func:`write_bytes`, :func:`write_text`):

1. a temporary file ``.<name>.<8 random hex>.saving`` is created beside the
   target (same folder, so the rename below is atomic and never crosses a file
   system), already with its final mode and nothing in it yet;
2. the data is written, flushed and ``os.fsync``'ed;
3. ``os.replace`` puts it onto the target in one step: a reader (or a crash, a
   power cut, a ``kill -9``) sees the old file or the new one, never half of one;
4. the folder is fsync'ed, so the rename itself survives a power cut (opened
   ``O_RDONLY`` and fsync'ed; skipped quietly where a folder cannot be opened or
   synced, e.g. on Windows).

Permissions, one rule:

* a file that is **replaced keeps its mode** (and, where allowed, its group):
  ``chmod 640 plan.modulor.json`` stays 0640 after every save;
* a **new shared file** gets the folder's usual mode, ``0o666 & ~umask`` (0644
  with the common umask 022), as ``open(path, "w")`` would make it;
* a **secret** (``secret=True``: the kiosk's settings with the PIN hash, the
  contact key, a kiosk's recovery files) is always 0600, also when it replaces a
  wider file; the temporary file is 0600 from its first moment.

A write killed between steps 1 and 3 leaves its temporary file behind.  Such a
file is never a valid file: :func:`remove_leftovers` deletes the ones in a
folder (by their name pattern, which also covers the suffixes older Modulor
versions left: ``.part``, ``.tmp``, ``.png.tmp``), skipping any that a running
writer still holds (it keeps a lock on its temporary file until the rename).
:func:`app.domain.design.recovery.remove_leftovers_of_killed_writes` knows which
folders; the app, the designer and the kiosk call it when they start, and the
kiosk again on every reset.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
from collections.abc import Callable
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: an open file cannot be deleted there anyway
    fcntl = None  # type: ignore[assignment]  # the usual optional-module idiom: callers test for None

TEMP_SUFFIX = ".saving"
SECRET_MODE = 0o600
SHARED_MODE = 0o666   # before the umask, as open(path, "w") asks for
# ``.<name>.<random>.<suffix>``: this helper's temporary files (8 hex digits, ``.saving``) and those
# of the writers it replaced (tempfile.mkstemp's 8 characters; ``.part`` exports, ``.tmp`` published
# meshes, ``.png.tmp`` thumbnails).
LEFTOVER_PATTERN = re.compile(r"^\.(?P<name>.+)\.[a-z0-9_]{8}\.(?:saving|part|tmp|png\.tmp)$")


def write_text(path: Path | str, text: str, *, secret: bool = False, exclusive: bool = False,
               encoding: str = "utf-8", _before_replace: Callable[[Path], None] | None = None) -> Path:
    """:func:`write_bytes` of ``text`` encoded (UTF-8 unless told)."""
    return write_bytes(path, text.encode(encoding), secret=secret, exclusive=exclusive,
                       _before_replace=_before_replace)


def write_bytes(path: Path | str, data: bytes, *, secret: bool = False, exclusive: bool = False,
                _before_replace: Callable[[Path], None] | None = None) -> Path:
    """Write ``data`` to ``path`` atomically and durably (see the module's docstring); returns ``path``.

    ``secret``: the file is 0600 whatever it replaces.  ``exclusive``: never replace an existing
    file (``FileExistsError``, nothing changed), for a key that must not change once made.
    Missing parent folders are created.  ``_before_replace(temporary path)`` is a test hook.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    old = _regular_stat(path)
    if secret:
        mode, group = SECRET_MODE, None
    elif old is not None:
        mode, group = stat.S_IMODE(old.st_mode), old.st_gid
    else:
        mode, group = None, None   # the kernel applies the umask to SHARED_MODE
    return _write(path, data, mode, group, exclusive, _before_replace)


def copy_file(source: Path | str, target: Path | str) -> Path:
    """Copy ``source`` to ``target`` atomically (a backup): it gets ``source``'s mode and group."""
    source, target = Path(source), Path(target)
    data = source.read_bytes()
    st = os.stat(source)
    return _write(target, data, stat.S_IMODE(st.st_mode), st.st_gid, False, None)


def temp_path_for(path: Path | str) -> Path:
    """A fresh temporary name beside ``path`` in this helper's pattern (not created)."""
    path = Path(path)
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")


def is_leftover(name: str) -> bool:
    """Whether a file name is one of the temporary files a killed write leaves (this helper's or older)."""
    return LEFTOVER_PATTERN.match(name) is not None


def remove_leftovers(folder: Path | str) -> list[Path]:
    """Delete the temporary files killed writes left in ``folder`` (not below it); returns them.

    Only regular files whose name matches :data:`LEFTOVER_PATTERN` are touched; one a running
    writer still holds (its lock, or on Windows its open handle) is left alone.
    """
    folder = Path(folder)
    try:
        names = os.listdir(folder)
    except OSError:   # no such folder (nothing was ever written there), or not readable
        return []
    removed = []
    for name in names:
        if not is_leftover(name):
            continue
        path = folder / name
        try:
            if not stat.S_ISREG(os.lstat(path).st_mode) or _held_by_a_writer(path):
                continue
            path.unlink()
        except OSError:   # gone already, or in use (Windows), or not ours to delete
            continue
        removed.append(path)
    return removed


def fsync_folder(folder: Path | str) -> None:
    """Make a rename in ``folder`` durable (POSIX); quietly nothing where a folder cannot be synced."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:   # Windows cannot open a folder like a file
        return
    try:
        os.fsync(fd)
    except OSError:   # some file systems refuse fsync on a folder (EINVAL)
        pass
    finally:
        os.close(fd)


# ----------------------------------------------------------------------- inside

def _regular_stat(path: Path) -> os.stat_result | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return st if stat.S_ISREG(st.st_mode) else None


def _write(path: Path, data: bytes, mode: int | None, group: int | None, exclusive: bool,
           before_replace: Callable[[Path], None] | None) -> Path:
    """The steps of the module's docstring; ``mode`` None: a new shared file (umask applies)."""
    if exclusive and path.exists():
        raise FileExistsError(errno.EEXIST, "already exists", str(path))
    # A file given a mode of its own is created private and gets that mode before its first byte, so
    # nothing in it is ever readable more widely than the finished file; a new shared one is created
    # as open(path, "w") creates it.
    fd, tmp = _create_temp(path, SHARED_MODE if mode is None else SECRET_MODE)
    try:
        try:
            if group is not None:
                _keep_group(fd, group)
            if mode is not None:
                _set_mode(fd, tmp, mode)   # after the group: a change of group may clear mode bits
            _write_all(fd, data)
            os.fsync(fd)
            if before_replace is not None:
                before_replace(tmp)
            if fcntl is None:   # Windows renames no file that is still open
                os.close(fd)
                fd = -1
            if exclusive:
                _link_into_place(tmp, path, data)
            else:
                os.replace(tmp, path)
        finally:
            if fd >= 0:
                os.close(fd)   # after the rename: the lock keeps remove_leftovers off it until then
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_folder(path.parent)
    return path


def _create_temp(path: Path, mode: int) -> tuple[int, Path]:
    """Create and lock a new temporary file for ``path``.

    The umask is never read: the kernel applies it to ``mode`` as it creates the file, exactly as
    for ``open(path, "w")``, and it honours a folder's default ACL too.  Reading it would mean
    ``os.umask(0)`` and setting it back, which changes the umask of the whole process for a moment,
    so a file another thread creates in that moment (a Qt thread, a test runner) gets mode 0666;
    ``/proc/self/status`` would be safe but exists on Linux only.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp = temp_path_for(path)
        try:
            fd = os.open(tmp, flags, mode)
        except FileExistsError:
            continue
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        return fd, tmp
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(path.parent))


def _held_by_a_writer(path: Path) -> bool:
    if fcntl is None:
        return False
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def _set_mode(fd: int, tmp: Path, mode: int) -> None:
    if hasattr(os, "fchmod"):
        os.fchmod(fd, mode)
    else:
        os.chmod(tmp, mode)


def _keep_group(fd: int, gid: int) -> None:
    """The replaced file's group, so its group bits still mean the same people (best effort)."""
    if hasattr(os, "fchown") and gid != os.fstat(fd).st_gid:
        with contextlib.suppress(OSError):   # not a member of that group: the mode is kept, the group is ours
            os.fchown(fd, -1, gid)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _link_into_place(tmp: Path, path: Path, data: bytes) -> None:
    """Put ``tmp`` at ``path`` only if ``path`` does not exist (a hard link fails if it does)."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError:   # a file system without hard links: create the target exclusively instead
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), SECRET_MODE)
        try:
            _set_mode(fd, path, stat.S_IMODE(os.stat(tmp).st_mode))
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
    tmp.unlink()
