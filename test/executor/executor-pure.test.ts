import { describe, expect, it } from 'vitest';
import { spliceDdl } from '../../src/executor/ddl-clause.js';
import { CHUNK_GROWTH_CAP, CHUNK_MAX_ROWS, CHUNK_MIN_ROWS, nextChunkRows, nextTargetMs, YIELD_MIN_TARGET_MS } from '../../src/executor/chunker.js';
import { decideThrottle } from '../../src/executor/throttle.js';
import { computeProgress } from '../../src/executor/progress.js';
import { chunkDml, chunkKeysQuery, keyCompare } from '../../src/executor/keyset.js';
import { retryDelayMs } from '../../src/executor/ddl-runner.js';
import { planStatement } from '../../src/executor/apply-migrations.js';
import type { Operation } from '../../src/parser/statement.js';
import { migration, op, t } from './migration-builder.js';

const mysql = { isMariaDb: false, supportsAlterWait: false };
const maria = { isMariaDb: true, supportsAlterWait: true };

describe('spliceDdl', () => {
  it('puts ALGORITHM and LOCK right after the table name of an ALTER', () => {
    const r = spliceDdl('ALTER TABLE `orders` ADD COLUMN x INT', op.addColumn('orders', 'x'), { algorithm: 'INSTANT', lock: null }, mysql, 5);
    expect(r).toEqual({ sql: 'ALTER TABLE `orders` ALGORITHM=INSTANT, ADD COLUMN x INT', clauseApplied: true, note: null });
    const r2 = spliceDdl('alter table app.orders add index i (a);', op.addIndex('orders', 'i', ['a']), { algorithm: 'INPLACE', lock: 'NONE' }, mysql, 5);
    expect(r2.sql).toBe('alter table app.orders ALGORITHM=INPLACE, LOCK=NONE, add index i (a)');
  });
  it('adds MariaDB WAIT n before the clause, and keeps an existing WAIT', () => {
    expect(spliceDdl('ALTER TABLE t ADD COLUMN x INT', op.addColumn('t', 'x'), { algorithm: 'INSTANT', lock: null }, maria, 5).sql).toBe(
      'ALTER TABLE t WAIT 5 ALGORITHM=INSTANT, ADD COLUMN x INT',
    );
    expect(spliceDdl('ALTER TABLE t NOWAIT ADD COLUMN x INT', op.addColumn('t', 'x'), null, maria, 5).sql).toBe('ALTER TABLE t NOWAIT ADD COLUMN x INT');
  });
  it('leaves a statement with its own ALGORITHM alone', () => {
    const o = { ...(op.addColumn('t', 'x') as Operation & { kind: 'alter-table' }), algorithm: 'COPY' };
    const r = spliceDdl('ALTER TABLE t ADD COLUMN x INT, ALGORITHM=COPY', o, { algorithm: 'INSTANT', lock: null }, mysql, 5);
    expect(r.sql).toBe('ALTER TABLE t ADD COLUMN x INT, ALGORITHM=COPY');
    expect(r.clauseApplied).toBe(true);
  });
  it('does not put the clause next to partition operations on MariaDB', () => {
    const o: Operation = { kind: 'alter-table', table: t('p'), algorithm: null, lock: null, wait: null, online: false, ignore: false, actions: [{ type: 'partition', operation: 'drop', text: 'DROP PARTITION p0' }] };
    const r = spliceDdl('ALTER TABLE p DROP PARTITION p0', o, { algorithm: 'INPLACE', lock: 'NONE' }, { isMariaDb: true, supportsAlterWait: false }, null);
    expect(r.clauseApplied).toBe(false);
    expect(r.note).toMatch(/partition/);
    expect(spliceDdl('ALTER TABLE p DROP PARTITION p0', o, { algorithm: 'INPLACE', lock: 'NONE' }, mysql, null).sql).toBe('ALTER TABLE p ALGORITHM=INPLACE, LOCK=NONE, DROP PARTITION p0');
  });
  it('appends the clause without a comma to CREATE INDEX, and skips DROP INDEX on MariaDB', () => {
    const ci: Operation = { kind: 'create-index', table: t('t'), index: { name: 'i', kind: 'index', using: null, columns: [] }, algorithm: null, lock: null, ifNotExists: false, orReplace: false };
    expect(spliceDdl('CREATE INDEX i ON t (a);', ci, { algorithm: 'INPLACE', lock: 'NONE' }, maria, 5).sql).toBe('CREATE INDEX i ON t (a) ALGORITHM=INPLACE LOCK=NONE');
    const di: Operation = { kind: 'drop-index', table: t('t'), name: 'i', algorithm: null, lock: null, ifExists: false };
    expect(spliceDdl('DROP INDEX i ON t', di, { algorithm: 'INPLACE', lock: 'NONE' }, maria, 5).clauseApplied).toBe(false);
    expect(spliceDdl('DROP INDEX i ON t', di, { algorithm: 'INPLACE', lock: 'NONE' }, mysql, 5).sql).toBe('DROP INDEX i ON t ALGORITHM=INPLACE LOCK=NONE');
  });
});

describe('planStatement', () => {
  const m = migration('m', [
    ['ALTER TABLE t MODIFY x BIGINT', op.modifyColumn('t', 'x', 'BIGINT')],
    ['DELETE FROM t WHERE a < 5', op.delete('t', 'a < 5')],
    ['LOCK TABLES t WRITE', { kind: 'lock-tables', tables: [t('t')] }],
  ]);
  it('runs DML transactionally and DDL with its clause', () => {
    expect(planStatement(m.statements[1]!, undefined, mysql, 5).mode).toBe('dml');
    const p = planStatement(m.statements[0]!, { kind: 'as-written', clause: { algorithm: 'INPLACE', lock: 'NONE' } }, mysql, 5);
    expect(p).toMatchObject({ mode: 'ddl', sql: 'ALTER TABLE t ALGORITHM=INPLACE, LOCK=NONE, MODIFY x BIGINT' });
  });
  it('refuses TRUNCATE for a DELETE with a WHERE, and LOCK TABLES', () => {
    const alt = { kind: 'truncate' as const, title: 'truncate', sql: ['TRUNCATE TABLE t'], notes: [], replacesStatement: true };
    expect(planStatement(m.statements[1]!, { kind: 'alternative', alternative: alt }, mysql, 5)).toMatchObject({ mode: 'refuse' });
    expect(planStatement(m.statements[2]!, undefined, mysql, 5)).toMatchObject({ mode: 'refuse' });
  });
});

describe('nextChunkRows', () => {
  it('grows by at most the growth cap when chunks are fast', () => {
    expect(nextChunkRows(1000, 10, 500)).toBe(1000 * CHUNK_GROWTH_CAP);
    expect(nextChunkRows(1000, 400, 500)).toBe(1250);
  });
  it('shrinks at once, proportionally, on overshoot', () => {
    expect(nextChunkRows(1000, 2000, 500)).toBe(250);
    expect(nextChunkRows(1000, 600, 500)).toBe(1000); // within tolerance: no growth either
  });
  it('stays within floor and ceiling, and keeps size after a short final chunk', () => {
    expect(nextChunkRows(20, 100_000, 500)).toBe(CHUNK_MIN_ROWS);
    expect(nextChunkRows(CHUNK_MAX_ROWS, 1, 500)).toBe(CHUNK_MAX_ROWS);
    expect(nextChunkRows(1000, 1, 500, false)).toBe(1000);
  });
});

describe('nextTargetMs', () => {
  it('halves the chunk target when sessions waited on the chunk, down to a floor', () => {
    expect(nextTargetMs(500, 500, true)).toBe(250);
    expect(nextTargetMs(80, 500, true)).toBe(YIELD_MIN_TARGET_MS);
    expect(nextTargetMs(YIELD_MIN_TARGET_MS, 500, true)).toBe(YIELD_MIN_TARGET_MS);
    // A configured target below the floor is never raised by yielding.
    expect(nextTargetMs(20, 20, true)).toBe(20);
  });
  it('grows back towards the configured target after chunks nobody waited on, never past it', () => {
    expect(nextTargetMs(250, 500, false)).toBe(312.5);
    expect(nextTargetMs(450, 500, false)).toBe(500);
    expect(nextTargetMs(500, 500, false)).toBe(500);
  });
});

describe('decideThrottle', () => {
  const limits = { maxThreadsRunning: 10, maxReplicaLagSec: 2 };
  it('passes when every reading is within limits', () => {
    expect(decideThrottle({ threadsRunning: { ok: true, value: 3 }, replicaLag: [{ source: 'r1', lagSec: { ok: true, value: 1 } }] }, limits)).toEqual({ throttled: false, reason: null });
  });
  it('throttles on load and on lag, naming both', () => {
    const d = decideThrottle({ threadsRunning: { ok: true, value: 11 }, replicaLag: [{ source: 'r1', lagSec: { ok: true, value: 5 } }] }, limits);
    expect(d.throttled).toBe(true);
    expect(d.reason).toBe('Threads_running 11 > 10; replica r1 lag 5 s > 2 s');
  });
  it('fails closed: an unreadable signal throttles', () => {
    expect(decideThrottle({ threadsRunning: { ok: false, error: 'timeout' }, replicaLag: [] }, limits).reason).toMatch(/unreadable \(timeout\)/);
    expect(decideThrottle({ threadsRunning: { ok: true, value: 1 }, replicaLag: [{ source: 'r', lagSec: { ok: false, error: 'stopped' } }] }, limits).throttled).toBe(true);
  });
});

describe('computeProgress', () => {
  const base = { rowsDone: 500, rowsTotal: 1000, rowsThisRun: 500, chunks: 5, chunkRows: 100, lastChunkMs: 90, throttleReason: null };
  it('has no ETA until enough chunks and time', () => {
    expect(computeProgress({ ...base, chunksThisRun: 2, elapsedMs: 5000 }).etaMs).toBeNull();
    expect(computeProgress({ ...base, chunksThisRun: 5, elapsedMs: 500 }).etaMs).toBeNull();
  });
  it('extrapolates the rate of this run', () => {
    const p = computeProgress({ ...base, chunksThisRun: 5, elapsedMs: 2000 });
    expect(p.rowsPerSec).toBe(250);
    expect(p.etaMs).toBe(2000);
  });
  it('counts only this run\'s rows for the rate after a resume', () => {
    const p = computeProgress({ ...base, rowsDone: 900, rowsThisRun: 100, chunksThisRun: 3, elapsedMs: 1000 });
    expect(p.rowsPerSec).toBe(100);
    expect(p.etaMs).toBe(1000);
  });
});

describe('keyset SQL', () => {
  it('expands a composite key comparison', () => {
    expect(keyCompare(['a', 'b'], [1, 2], '>')).toEqual({ sql: '(`a` > ? OR (`a` = ? AND `b` > ?))', params: [1, 1, 2] });
    expect(keyCompare(['a', 'b'], [1, 2], '<=')).toEqual({ sql: '(`a` < ? OR (`a` = ? AND `b` <= ?))', params: [1, 1, 2] });
  });
  const b = { verb: 'delete' as const, table: t('ev'), primaryKey: ['id'], where: 'kind = 3', set: null, chunkRows: 100 };
  it('reads the next chunk\'s keys in key order and deletes that key range with the WHERE', () => {
    expect(chunkKeysQuery(b, null, 100)).toEqual({ sql: 'SELECT `id` FROM `ev` FORCE INDEX (PRIMARY) WHERE (kind = 3) ORDER BY `id` LIMIT 100', params: [] });
    expect(chunkKeysQuery({ ...b, primaryKey: ['a', 'b'] }, [1, 2], 10).params).toEqual([1, 1, 2]);
    expect(chunkDml(b, [10], [20])).toEqual({ sql: 'DELETE FROM `ev` WHERE `id` > ? AND `id` <= ? AND (kind = 3)', params: [10, 20] });
    expect(chunkDml({ ...b, verb: 'update', set: 'n = n + 1', where: null }, null, [5]).sql).toBe('UPDATE `ev` SET n = n + 1 WHERE `id` <= ? AND 1=1');
  });
});

describe('retryDelayMs', () => {
  it('doubles from the base up to 8x, with bounded jitter', () => {
    expect([0, 1, 2, 3, 4].map((a) => retryDelayMs(a, 100, () => 0.5))).toEqual([100, 200, 400, 800, 800]);
    expect(retryDelayMs(0, 100, () => 0)).toBe(80);
    expect(retryDelayMs(0, 100, () => 1)).toBe(120);
  });
});
