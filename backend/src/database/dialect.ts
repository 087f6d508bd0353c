import { DataSource } from 'typeorm';

/** Whether a connection is the embedded SQLite (better-sqlite3) rather than MySQL/MariaDB. */
export const isSqlite = (connection: DataSource): boolean => connection.options.type === 'better-sqlite3';
