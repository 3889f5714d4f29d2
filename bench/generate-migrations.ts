// A deterministic 5,000-statement migration set in the style of real applications' migrations:
// DDL of every common shape, DML with WHERE/JOIN/LIMIT, SET statements. Used by the parse and
// lint benchmarks.
export function generateMigrationSet(count = 5000, seed = 42): string {
  let state = seed >>> 0;
  const rand = (n: number) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % n;
  };
  const tables = ['orders', 'customers', 'order_items', 'products', 'invoices', 'events', 'sessions', 'audit_log'];
  const cols = ['status', 'amount', 'note', 'created_at', 'updated_at', 'customer_id', 'priority', 'region'];
  const types = ['INT', 'BIGINT UNSIGNED', 'VARCHAR(64)', 'VARCHAR(255)', 'DECIMAL(12,2)', 'DATETIME', 'TEXT', "ENUM('a','b','c')"];
  const shapes: Array<(i: number) => string> = [
    (i) => `ALTER TABLE \`${tables[rand(8)]}\` ADD COLUMN \`c${i}\` ${types[rand(8)]} NOT NULL DEFAULT '0'`,
    (i) => `ALTER TABLE ${tables[rand(8)]} ADD INDEX idx_${i} (${cols[rand(8)]}, ${cols[rand(8)]})`,
    () => `ALTER TABLE ${tables[rand(8)]} MODIFY ${cols[rand(8)]} ${types[rand(8)]} NULL`,
    (i) => `ALTER TABLE ${tables[rand(8)]} DROP COLUMN old_${i}, ALGORITHM=INPLACE, LOCK=NONE`,
    (i) => `CREATE INDEX ix_${i} ON ${tables[rand(8)]} (${cols[rand(8)]})`,
    (i) =>
      `CREATE TABLE t_${i} (\n  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,\n  ${cols[rand(8)]} ${types[rand(8)]} NOT NULL,\n  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,\n  PRIMARY KEY (id),\n  KEY k_${i} (created_at)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`,
    () => `UPDATE ${tables[rand(8)]} SET ${cols[rand(8)]} = 'x' WHERE id BETWEEN ${rand(1000)} AND ${1000 + rand(1000)}`,
    () => `DELETE FROM ${tables[rand(8)]} WHERE created_at < '2020-01-01' AND ${cols[rand(8)]} IN ('a', 'b') LIMIT 1000`,
    () => `INSERT INTO ${tables[rand(8)]} (id, ${cols[rand(8)]}) VALUES (${rand(100000)}, 'it''s; fine'), (${rand(100000)}, 'b')`,
    () => `UPDATE orders o JOIN customers c ON c.id = o.customer_id SET o.region = c.region WHERE c.id > ${rand(5000)}`,
    () => `SET SESSION lock_wait_timeout = ${1 + rand(10)}`,
    (i) => `ALTER TABLE ${tables[rand(8)]} ADD CONSTRAINT fk_${i} FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE`,
  ];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    if (i % 50 === 0) out.push(`-- migration step ${i / 50}`);
    out.push(shapes[rand(shapes.length)]!(i) + ';');
  }
  return out.join('\n') + '\n';
}
