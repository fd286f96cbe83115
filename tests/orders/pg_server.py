"""A throw-away PostgreSQL server in a temporary folder, for the order tests and bench/bench_orders.py.

Debian's ``postgresql`` package (``scripts/setup-env.sh test`` installs it) provides the
binaries (found with ``pg_config --bindir`` or under ``/usr/lib/postgresql/*/bin``).  The
server refuses to run as root, so under root the cluster belongs to the ``postgres`` system
user the package creates and every server command runs through ``runuser``.  It listens on
127.0.0.1 on a free port (and a socket in its own folder), with password (SCRAM) logins over
TCP, so the kiosk and workshop roles log in as they would in a shop.  ``fsync=off``: the
tests are about delivery, not about PostgreSQL's own durability.
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from app.domain.showroom import central_db

SUPERUSER_PASSWORD = "test-only-superuser"


def _bindir() -> Path | None:
    pg_config = shutil.which("pg_config")
    if pg_config:
        out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, check=False).stdout.strip()
        if out and (Path(out) / "initdb").exists():
            return Path(out)
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class PgServer:
    bindir: Path
    folder: Path
    port: int
    as_user: list[str] = field(default_factory=list)   # ["runuser", "-u", "postgres", "--"] under root
    _databases: itertools.count = field(default_factory=lambda: itertools.count(1))

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def _run(self, *args: str) -> None:
        done = subprocess.run([*self.as_user, *args], capture_output=True, text=True, check=False)
        if done.returncode:
            log = (self.folder / "server.log").read_text() if (self.folder / "server.log").exists() else ""
            raise RuntimeError(f"{' '.join(args)} failed: {done.stdout}{done.stderr}\n{log[-3000:]}")

    def start(self) -> None:
        options = (f"-c listen_addresses=127.0.0.1 -c port={self.port} -c unix_socket_directories={self.folder} "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=60")
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.folder / "server.log"),
                  "-o", options, "-w", "-t", "60", "start")

    def stop(self) -> None:
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def url(self, user: str = "postgres", password: str = SUPERUSER_PASSWORD, database: str = "postgres") -> str:
        return f"postgresql://{user}:{password}@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        name = f"orders_{next(self._databases)}"
        with central_db.connect(self.url(), autocommit=True) as db:
            db.execute(f"CREATE DATABASE {name}")
        return name


@contextlib.contextmanager
def temporary_server() -> Iterator[PgServer | None]:
    """A running server for the block (None when no PostgreSQL is installed), stopped and removed after."""
    bindir = _bindir()
    if bindir is None:
        yield None
        return
    folder = Path(tempfile.mkdtemp(prefix="modulor-pg-"))   # not under pytest's root-only tmp folders
    as_user: list[str] = []
    owner = None
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(folder, owner.pw_uid, owner.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    password_file = folder / "pw"
    password_file.write_text(SUPERUSER_PASSWORD + "\n")
    if owner is not None:
        os.chown(password_file, owner.pw_uid, owner.pw_gid)
    server = PgServer(bindir, folder, _free_port(), as_user)
    try:
        server._run(str(bindir / "initdb"), "-D", str(server.data), "-U", "postgres", "--auth-local=trust",
                    "--auth-host=scram-sha-256", f"--pwfile={password_file}", "-E", "UTF8", "--locale=C",
                    "--no-sync", "--no-instructions")
        server.start()
        yield server
    finally:
        with contextlib.suppress(RuntimeError):   # never started, or stopped by a test already
            server.stop()
        shutil.rmtree(folder, ignore_errors=True)
