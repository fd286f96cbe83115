"""The order tests' PostgreSQL server (once per session, :mod:`tests.orders.pg_server`) and a fresh
database with the schema for each test (``central``).

Roles are per cluster, so each test's login roles carry its database's name.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest

from app.domain.showroom import central_db
from app.domain.showroom.chain_settings import ENV_CENTRAL_DB
from tests.orders.pg_server import PgServer, temporary_server


@pytest.fixture(scope="session")
def pg_server():
    with temporary_server() as server:
        if server is None:
            # The README's test command installs the server: missing, it is a broken setup, not a reason
            # to pass quietly, unless the system packages were left out on purpose (MODULOR_SKIP_APT=1).
            message = "PostgreSQL server binaries not found (scripts/setup-env.sh test installs Debian's postgresql)"
            if os.environ.get("MODULOR_SKIP_APT") == "1":
                pytest.skip(message)
            pytest.fail(message)
        yield server


@dataclass
class Central:
    """One test's central database: the admin's URL, and logins made on demand."""
    server: PgServer
    database: str

    @property
    def admin(self) -> str:
        return self.server.url(database=self.database)

    def kiosk(self, prefix: str) -> str:
        role = f"{self.database}_kiosk_{prefix.lower()}"
        password = central_db.add_login(self.admin, role, central_db.KIOSK_GROUP, kiosk_prefix=prefix)
        return self.server.url(role, password, self.database)

    def workshop(self, name: str = "workshop") -> str:
        role = f"{self.database}_{name}"
        password = central_db.add_login(self.admin, role, central_db.WORKSHOP_GROUP)
        return self.server.url(role, password, self.database)

    def count(self, sql: str = "SELECT count(*) FROM modulor.orders", params: tuple = ()) -> int:
        with central_db.connect(self.admin) as db:
            return int(db.execute(sql, params).fetchone()[0])

    def codes(self) -> list[str]:
        with central_db.connect(self.admin) as db:
            return [row[0] for row in db.execute("SELECT code FROM modulor.orders ORDER BY code")]


@pytest.fixture
def central(pg_server, monkeypatch) -> Central:
    monkeypatch.delenv(ENV_CENTRAL_DB, raising=False)
    database = pg_server.new_database()
    central_db.migrate(pg_server.url(database=database))
    return Central(pg_server, database)

