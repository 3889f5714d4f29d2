// Hand-made migrations, findings and lock profiles for the report tests: the report layer is
// tested on values shaped like the parser's and the analyzers' output, without running them.
import type { Alternative, Finding, Severity } from '../../src/analysis/analyzer.js';
import type { LockProfile, ServerVersion } from '../../src/db/capabilities/types.js';
import type { Migration, Operation, ParsedStatement, TableRef } from '../../src/parser/statement.js';
import type { ImpactReportInput, LintReportInput, StatementEstimate } from '../../src/report/impact-report.js';

export const MARIADB: ServerVersion = Object.freeze({ flavor: 'mariadb', major: 10, minor: 11, patch: 19, raw: '10.11.19-MariaDB-0+deb12u1' });

const t = (name: string, schema: string | null = null): TableRef => ({ schema, name });

export function statement(
  file: string,
  index: number,
  line: number,
  sql: string,
  operation: Operation,
  tables: readonly TableRef[],
): ParsedStatement {
  return {
    index,
    sql,
    location: { file, line, column: 1, offset: line * 10 },
    endOffset: line * 10 + sql.length,
    delimiter: ';',
    leadingComments: [],
    operation,
    parsedBy: 'node-sql-parser',
    tables,
  };
}

export function migration(name: string, file: string, statements: readonly ParsedStatement[], needsShadowExecution = false): Migration {
  return { name, file, checksum: `sha-${name}`, source: 'sql', statements, needsShadowExecution, hasDown: false };
}

export function finding(
  s: ParsedStatement,
  id: string,
  severity: Severity,
  message: string,
  alternatives: readonly Alternative[] = [],
  table: string | null = null,
): Finding {
  return {
    id,
    severity,
    category: 'locking',
    message,
    docs: `https://github.com/drydock-sql/drydock/blob/main/docs/analyzers/${id}.md`,
    location: s.location,
    statementIndex: s.index,
    table,
    column: null,
    alternatives,
  };
}

export function lock(p: Partial<LockProfile>): LockProfile {
  return {
    algorithm: null,
    rebuildsTable: null,
    blocksWrites: null,
    blocksReads: null,
    sizeDependent: null,
    clause: null,
    reasons: [],
    basis: 'documented',
    ...p,
  };
}

export const UNKNOWN_LOCK = lock({ basis: 'unknown', reasons: ['statement not modelled'] });

const alterTable = (table: TableRef): Operation => ({
  kind: 'alter-table',
  table,
  actions: [],
  algorithm: null,
  lock: null,
  wait: null,
  online: false,
  ignore: false,
});

export const ONLINE_DDL: Alternative = {
  kind: 'online-ddl',
  title: 'Add the column without a table copy',
  sql: ['ALTER TABLE orders ADD COLUMN note TEXT NULL, ALGORITHM=INPLACE, LOCK=NONE'],
  notes: ['existing rows read NULL until backfilled'],
  replacesStatement: true,
};

export const TRUNCATE: Alternative = {
  kind: 'truncate',
  title: 'Empty the table with TRUNCATE',
  sql: ['TRUNCATE TABLE order_items'],
  notes: ['TRUNCATE fails when a foreign key references the table'],
  replacesStatement: true,
};

export const BATCHED: Alternative = {
  kind: 'batched',
  title: 'Delete in primary-key chunks',
  sql: ['DELETE FROM order_items WHERE id > 0 ORDER BY id LIMIT 5000'],
  notes: [],
  replacesStatement: true,
  batched: { verb: 'delete', table: t('order_items'), primaryKey: ['id'], where: null, set: null, chunkRows: 5000 },
};

/** The outage story in two migrations, one with a space in its folder name. */
export function outage(): { migrations: Migration[]; findings: Finding[][][]; locks: LockProfile[][] } {
  const f1 = 'migrations/001_orders.sql';
  const alter = statement(f1, 0, 3, 'ALTER TABLE orders\n  ADD COLUMN note TEXT NOT NULL', alterTable(t('orders')), [t('orders')]);
  const del = statement(
    f1,
    1,
    6,
    'DELETE FROM order_items',
    { kind: 'delete', targets: [t('order_items')], from: [t('order_items')], where: null, orderBy: null, limit: null, hasJoin: false, ignore: false },
    [t('order_items')],
  );
  const f2 = 'migrations/002 reports/add index.sql';
  const index = statement(
    f2,
    0,
    1,
    'CREATE INDEX idx_created ON `orders` (created_at)',
    {
      kind: 'create-index',
      table: t('orders'),
      index: { name: 'idx_created', kind: 'index', columns: [{ name: 'created_at', length: null, descending: false, expression: null }], using: null },
      algorithm: null,
      lock: null,
      ifNotExists: false,
      orReplace: false,
    },
    [t('orders')],
  );
  const proc = statement(
    f2,
    1,
    2,
    'CREATE PROCEDURE purge() DELETE FROM events',
    { kind: 'opaque', verb: 'CREATE PROCEDURE', tables: [t('events')], reason: 'not modelled' },
    [t('events')],
  );
  const migrations = [migration('001_orders', f1, [alter, del]), migration('002_reports', f2, [index, proc])];
  const findings: Finding[][][] = [
    [
      [finding(alter, 'alter-table-copy', 'error', 'ALTER TABLE orders copies the table: writes wait for the whole copy.', [ONLINE_DDL], 'orders')],
      [
        finding(del, 'delete-all-rows', 'error', 'DELETE FROM order_items has no WHERE: it deletes every row in one transaction.', [TRUNCATE, BATCHED], 'order_items'),
        finding(del, 'unbatched-dml', 'warning', 'DELETE FROM order_items touches 9,000,000 rows in one statement.', [BATCHED], 'order_items'),
      ],
    ],
    [
      [finding(index, 'lock-wait-timeout-unset', 'warning', 'No lock_wait_timeout is set: a long transaction on orders makes this wait and blocks traffic.')],
      [finding(proc, 'opaque-statement', 'info', 'CREATE PROCEDURE is not analysed.')],
    ],
  ];
  const locks: LockProfile[][] = [
    [
      lock({ algorithm: 'COPY', rebuildsTable: true, blocksWrites: true, blocksReads: false, sizeDependent: true, reasons: ['NOT NULL without default needs a copy'] }),
      lock({ algorithm: null, rebuildsTable: false, blocksWrites: true, blocksReads: false, sizeDependent: true }),
    ],
    [lock({ algorithm: 'INPLACE', rebuildsTable: false, blocksWrites: false, blocksReads: false, sizeDependent: true }), UNKNOWN_LOCK],
  ];
  return { migrations, findings, locks };
}

export const ESTIMATES: StatementEstimate[][] = [
  [
    { rows: 9_000_000, durationMs: 12_345, durationRangeMs: [8_100, 16_000], basis: 'shadow' },
    { rows: 9_000_000, durationMs: 245_000, durationRangeMs: [200_000, 300_000], basis: 'shadow' },
  ],
  [
    { rows: 9_000_000, durationMs: 40_000, durationRangeMs: null, basis: 'shadow' },
    { rows: null, durationMs: null, durationRangeMs: null, basis: 'static' },
  ],
];

export function outageInput(overrides: Partial<LintReportInput> = {}): LintReportInput {
  const o = outage();
  return {
    toolVersion: '0.1.0',
    server: MARIADB,
    targetUrl: 'mysql://app:s3cret@db.internal:3306/shop',
    migrations: o.migrations,
    findingsByStatement: (mi, si) => o.findings[mi]?.[si] ?? [],
    lockByStatement: (mi, si) => o.locks[mi]?.[si] ?? UNKNOWN_LOCK,
    estimates: (mi, si) => ESTIMATES[mi]?.[si] ?? null,
    blockingSeverity: 'error',
    ...overrides,
  };
}

/** The outage as `plan` would feed it: one measured lock that disagrees, one that settles an unknown, one measured alternative. */
export function planInput(): ImpactReportInput {
  const o = outage();
  return {
    command: 'plan',
    toolVersion: '0.1.0',
    server: MARIADB,
    targetUrl: 'mysql://root@127.0.0.1:3306/shop',
    shadow: { url: 'mysql://root:pw@127.0.0.1:3310/shadow', server: { flavor: 'mariadb', version: '10.11.19', raw: '10.11.19' }, rowsByTable: [{ table: 'orders', rows: 100_000 }] },
    blockingSeverity: 'error',
    warnings: ['the shadow runs mariadb 10.11.19, the target mariadb 10.11.6'],
    migrations: o.migrations.map((migration, mi) => ({
      migration,
      statements: migration.statements.map((statement, si) => ({
        statement,
        findings: o.findings[mi]![si]!,
        lock: o.locks[mi]![si]!,
        estimate: ESTIMATES[mi]![si]!,
        measuredLock:
          mi === 0 && si === 0
            ? { algorithm: null, blocksReads: true, blocksWrites: true, rebuildsTable: null, reasons: ['read probe waited 1.1 s'] }
            : mi === 1 && si === 1
              ? { algorithm: 'NONE', blocksReads: false, blocksWrites: false, rebuildsTable: false, reasons: [] }
              : null,
        measurement: mi === 0 && si === 0 ? { durationMs: 1_200, maxReadBlockMs: 1_100, maxWriteBlockMs: 1_150, rowsAffected: 0, warnings: [], error: null } : null,
        alternativeResults:
          mi === 0 && si === 1
            ? [{ kind: 'truncate', sql: ['TRUNCATE TABLE order_items'], estimate: { rows: 9_000_000, durationMs: 300, durationRangeMs: [200, 500], basis: 'shadow' }, measurement: null }]
            : [],
      })),
    })),
  };
}
