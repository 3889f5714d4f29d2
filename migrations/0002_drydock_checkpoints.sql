-- drydock's own bookkeeping, part 2: progress per statement of a migration, and per chunk for
-- batched DML (last_key is the JSON array of the last primary key done). Chunk checkpoints are
-- written in the same transaction as the chunk, so a killed run resumes exactly.
CREATE TABLE IF NOT EXISTS drydock_checkpoints (
  migration VARCHAR(255) NOT NULL,
  statement_index INT NOT NULL,
  sql_hash CHAR(64) NOT NULL,
  mode VARCHAR(16) NOT NULL,
  status VARCHAR(16) NOT NULL,
  last_key TEXT NULL,
  rows_done BIGINT NOT NULL DEFAULT 0,
  rows_total BIGINT NULL,
  chunks INT NOT NULL DEFAULT 0,
  connection_id BIGINT UNSIGNED NULL,
  started_at DATETIME(3) NULL,
  updated_at DATETIME(3) NULL,
  finished_at DATETIME(3) NULL,
  error TEXT NULL,
  PRIMARY KEY (migration, statement_index)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
