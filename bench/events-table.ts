// The table the accuracy and pool-shrink benches run their statements on.
export const TABLE = `CREATE TABLE events (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT,
  account_id INT UNSIGNED NOT NULL,
  kind TINYINT UNSIGNED NOT NULL,
  status VARCHAR(16) NOT NULL DEFAULT 'new',
  amount DECIMAL(10,2) NOT NULL DEFAULT 0,
  title VARCHAR(100) NOT NULL DEFAULT '',
  payload VARCHAR(400) NULL,
  created_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  KEY account_id (account_id),
  KEY created_at (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`;
