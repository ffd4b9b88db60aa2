"""The open database as the app uses it from day to day: run a statement, read rows as mappings,
group changes in one transaction.

The same calls as ``sqlite_utils.Database`` (``execute``, ``query``, ``atomic``, ``conn``), on a
plain ``sqlite3`` connection in autocommit mode. sqlite-utils itself (its Migrations) is imported
only when the schema must change: importing it costs about a fifth of the app's start-up (it brings
dateutil, click and pluggy), and the first window needs none of it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any


class Database:
    """An open SQLite database (the connection is in autocommit mode: ``isolation_level=None``)."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def execute(self, sql: str, parameters: Sequence | dict[str, Any] | None = None):
        """Run one statement; returns the cursor."""
        if parameters is None:
            return self.conn.execute(sql)
        return self.conn.execute(sql, parameters)

    def query(self, sql: str, params: Sequence | dict[str, Any] | None = None) -> Iterator[dict]:
        """Rows as dictionaries keyed by column name, so records are built by name."""
        cursor = self.execute(sql, params)
        keys = [column[0] for column in cursor.description or ()]
        return (dict(zip(keys, row, strict=True)) for row in cursor)

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        """One transaction (BEGIN ... COMMIT); nested use becomes a savepoint, as in sqlite-utils."""
        if self.conn.in_transaction:
            savepoint = f"ses_{os.urandom(8).hex()}"
            self.conn.execute(f"SAVEPOINT {savepoint}")
            try:
                yield self
            except BaseException:
                if self.conn.in_transaction:  # an error may have ended the transaction already
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
                    self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
                raise
            else:
                self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
            return
        self.conn.execute("BEGIN")
        try:
            yield self
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        else:
            try:
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise

    def table_names(self) -> list[str]:
        return [
            row[0]
            for row in self.conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]

    def columns(self, table: str) -> list[str]:
        return [row[1] for row in self.conn.execute(f"PRAGMA table_info({table})")]

    def close(self) -> None:
        self.conn.close()

    def for_migrations(self):
        """The same connection as a ``sqlite_utils.Database``, for `sqlite_utils.Migrations`."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn, execute_plugins=False)
