-- drydock's own bookkeeping, part 1: one row per migration (drydock's own ones included,
-- scope = 'drydock'), and who holds the runner lock. Applied by drydock itself on first use.
CREATE TABLE IF NOT EXISTS drydock_history (
  name VARCHAR(255) NOT NULL,
  scope VARCHAR(16) NOT NULL DEFAULT 'project',
  checksum CHAR(64) NOT NULL,
  status VARCHAR(16) NOT NULL,
  statements_applied INT NOT NULL DEFAULT 0,
  statements_total INT NOT NULL DEFAULT 0,
  attempts INT NOT NULL DEFAULT 0,
  started_at DATETIME(3) NULL,
  finished_at DATETIME(3) NULL,
  error TEXT NULL,
  approved_by VARCHAR(255) NULL,
  report_hash VARCHAR(128) NULL,
  decision TEXT NULL,
  runner VARCHAR(255) NULL,
  PRIMARY KEY (scope, name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS drydock_runner (
  lock_name VARCHAR(64) NOT NULL,
  connection_id BIGINT UNSIGNED NOT NULL,
  host VARCHAR(255) NOT NULL,
  pid INT NOT NULL,
  db_user VARCHAR(255) NOT NULL,
  acquired_at DATETIME(3) NOT NULL,
  PRIMARY KEY (lock_name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
