// Differential check: for ALTER TABLE statements node-sql-parser accepts, the hand-written parser
// finds the same actions, in the same order, with the same ALGORITHM/LOCK and column names.
// (drydock does not use node-sql-parser for ALTER: it rejects or loses too much; where it does
// parse, the two must agree.)
import NSP from 'node-sql-parser';
import { describe, expect, it } from 'vitest';
import { parseStatement } from '../../src/parser/parse.js';
import type { AlterTableOperation } from '../../src/parser/statement.js';

const STATEMENTS = [
  "ALTER TABLE `users` ADD COLUMN `votes` INT UNSIGNED NOT NULL DEFAULT '0' AFTER `email`",
  'ALTER TABLE t ADD c VARCHAR(255)',
  'ALTER TABLE t ADD COLUMN c INT NOT NULL DEFAULT 0 FIRST, ALGORITHM=INSTANT, LOCK=NONE',
  'ALTER TABLE t DROP COLUMN c',
  'ALTER TABLE t RENAME COLUMN a TO b',
  'ALTER TABLE t CHANGE COLUMN a b BIGINT UNSIGNED NOT NULL',
  "ALTER TABLE t MODIFY COLUMN a VARCHAR(500) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL COMMENT 'x'",
  'ALTER TABLE t ADD INDEX idx_a (a)',
  'ALTER TABLE t ADD INDEX idx_ab (a, b(10) DESC) USING BTREE',
  'ALTER TABLE t ADD UNIQUE INDEX uq (a)',
  'ALTER TABLE t ADD UNIQUE KEY uq (a, b)',
  'ALTER TABLE t ADD FULLTEXT INDEX ft (body)',
  'ALTER TABLE t ADD SPATIAL INDEX sp (pos)',
  'ALTER TABLE t DROP INDEX i',
  'ALTER TABLE t DROP KEY k',
  'ALTER TABLE t ADD PRIMARY KEY (id)',
  'ALTER TABLE t DROP PRIMARY KEY',
  'ALTER TABLE t DROP PRIMARY KEY, ADD PRIMARY KEY (id, created_at)',
  'ALTER TABLE c ADD CONSTRAINT fk FOREIGN KEY (p_id) REFERENCES p (id) ON DELETE CASCADE',
  'ALTER TABLE c DROP FOREIGN KEY fk',
  'ALTER TABLE c ADD CONSTRAINT chk CHECK (a > 0)',
  'ALTER TABLE c DROP CHECK chk',
  'ALTER TABLE t ENGINE=InnoDB',
  'ALTER TABLE t ENGINE=InnoDB, ROW_FORMAT=DYNAMIC',
  'ALTER TABLE t DEFAULT CHARSET=utf8mb4',
  "ALTER TABLE t COMMENT 'orders'",
  'ALTER TABLE t AUTO_INCREMENT = 1000',
  'ALTER TABLE t RENAME TO t2',
  'ALTER TABLE t ADD PARTITION (PARTITION p3 VALUES LESS THAN (2026))',
  'ALTER TABLE t DROP PARTITION p1',
  'ALTER TABLE `shop`.`orders` ADD COLUMN note TEXT, ADD INDEX idx_n (user_id), ALGORITHM=INPLACE, LOCK=NONE',
  "alter table `posts` add `user_id` bigint unsigned not null after `id`, add `published_at` timestamp null, add constraint `posts_user_id_foreign` foreign key (`user_id`) references `users` (`id`) on delete cascade",
  "ALTER TABLE o MODIFY COLUMN status enum('new','paid') NOT NULL DEFAULT 'new', DROP INDEX idx_old, ADD INDEX idx_s (status, created_at), RENAME COLUMN amt TO amount, ALGORITHM=INPLACE, LOCK=NONE",
  'ALTER TABLE t ALGORITHM=COPY, LOCK=SHARED, MODIFY c BIGINT',
  'ALTER TABLE t ADD COLUMN a INT, ADD COLUMN b INT, DROP COLUMN c, DROP COLUMN d',
];

type Item = Record<string, any>;

/** node-sql-parser's ALTER items, as drydock action types. */
function nspActions(expr: readonly Item[]): { types: string[]; names: (string | null)[]; algorithm: string | null; lock: string | null } {
  const types: string[] = [];
  const names: (string | null)[] = [];
  let algorithm: string | null = null;
  let lock: string | null = null;
  const colName = (c: unknown): string | null => (typeof c === 'string' ? c : c && typeof c === 'object' ? String((c as Item)['column'] ?? (c as Item)['expr']?.value ?? '') || null : null);
  for (const x of expr) {
    if (x['resource'] === 'algorithm') {
      algorithm = String(x['algorithm']).toUpperCase();
      continue;
    }
    if (x['resource'] === 'lock') {
      lock = String(x['lock']).toUpperCase();
      continue;
    }
    const action = x['action'] as string | undefined;
    const resource = x['resource'] as string;
    let type = 'table-options';
    let name: string | null = null;
    if (action === 'add') {
      if (resource === 'column') {
        type = 'add-column';
        name = colName(x['column']);
      } else if (resource === 'index') type = 'add-index';
      else if (resource === 'partition') type = 'partition';
      else if (resource === 'constraint') {
        const ct = String(x['create_definitions']?.constraint_type ?? '').toLowerCase();
        type = ct === 'foreign key' ? 'add-foreign-key' : ct === 'check' ? 'add-check' : 'add-index';
      }
    } else if (action === 'drop') {
      if (resource === 'column') {
        type = 'drop-column';
        name = colName(x['column']);
      } else if (resource === 'index') type = 'drop-index';
      else if (resource === 'partition') type = 'partition';
      else if (resource === 'constraint') type = 'drop-constraint';
      else if (resource === 'key') type = x['keyword'] === 'primary key' ? 'drop-primary-key' : x['keyword'] === 'foreign key' ? 'drop-foreign-key' : 'drop-index';
    } else if (action === 'rename') type = resource === 'column' ? 'rename-column' : 'rename-table';
    else if (action === 'change' || action === 'modify') {
      type = `${action}-column`;
      name = colName(x['column']);
    }
    types.push(type);
    names.push(name);
  }
  return { types, names, algorithm, lock };
}

const collapseOptions = (types: string[]): string[] => types.filter((t, i) => !(t === 'table-options' && types[i - 1] === 'table-options'));

describe('hand-written ALTER TABLE parser agrees with node-sql-parser where it parses', () => {
  const parser = new NSP.Parser();
  let compared = 0;
  it.each(STATEMENTS)('%s', (sql) => {
    const ast = parser.astify(sql, { database: 'MySQL' }) as Item | Item[];
    const nsp = nspActions((Array.isArray(ast) ? ast[0]! : ast)['expr'] as Item[]);
    const op = parseStatement({ index: 0, sql, location: { file: 'm.sql', line: 1, column: 1, offset: 0 }, endOffset: sql.length, delimiter: ';', leadingComments: [] })
      .operation as AlterTableOperation;
    expect(collapseOptions(op.actions.map((a) => a.type))).toEqual(collapseOptions(nsp.types));
    expect({ algorithm: op.algorithm, lock: op.lock }).toEqual({ algorithm: nsp.algorithm, lock: nsp.lock });
    for (const [i, a] of op.actions.entries()) {
      const name = nsp.names[i];
      if (name && (a.type === 'add-column' || a.type === 'modify-column' || a.type === 'change-column')) expect(a.column.name).toBe(name);
      if (name && a.type === 'drop-column') expect(a.column).toBe(name);
    }
    compared++;
  });
  it('compared every statement', () => {
    expect(compared).toBe(STATEMENTS.length);
  });
});
