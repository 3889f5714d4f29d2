// The JSON report is a contract (DESIGN.md, "Contracts other tools rely on"). The contract's
// stable minimum is written here as a JSON Schema and every rendered report is checked against it;
// fields beyond the contract are allowed.
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { buildImpactReport, buildLintReport } from '../../src/report/impact-report.js';
import { renderJson } from '../../src/report/renderers/render-json.js';
import { outageInput } from './report-fixtures.js';

const nullable = (type: string): object => ({ type: [type, 'null'] });
const estimate = {
  type: 'object',
  required: ['rows', 'durationMs', 'durationRangeMs', 'basis'],
  properties: {
    rows: nullable('number'),
    durationMs: nullable('number'),
    durationRangeMs: { oneOf: [{ type: 'null' }, { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 }] },
    basis: { enum: ['static', 'shadow', 'explain'] },
  },
};
const CONTRACT = {
  type: 'object',
  required: ['schemaVersion', 'server', 'migrations', 'summary'],
  properties: {
    schemaVersion: { const: 1 },
    // null when neither a target nor --server told drydock the version.
    server: {
      oneOf: [
        { type: 'null' },
        { type: 'object', required: ['flavor', 'version'], properties: { flavor: { enum: ['mysql', 'mariadb'] }, version: { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+$' } } },
      ],
    },
    migrations: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'file', 'checksum', 'statements'],
        properties: {
          name: { type: 'string' },
          file: { type: 'string' },
          checksum: { type: 'string' },
          statements: {
            type: 'array',
            items: {
              type: 'object',
              required: ['index', 'sql', 'location', 'tables', 'lock', 'estimate', 'findings', 'alternatives'],
              properties: {
                index: { type: 'integer', minimum: 0 },
                sql: { type: 'string' },
                location: {
                  type: 'object',
                  required: ['file', 'line', 'column'],
                  properties: { file: { type: 'string' }, line: { type: 'integer', minimum: 1 }, column: { type: 'integer', minimum: 1 } },
                },
                tables: { type: 'array', items: { type: 'string' } },
                lock: {
                  type: 'object',
                  required: ['algorithm', 'blocksReads', 'blocksWrites', 'rebuildsTable'],
                  properties: {
                    // NOCOPY (MariaDB) is an addition to the contract's list.
                    algorithm: { enum: ['INSTANT', 'INPLACE', 'COPY', 'NONE', 'UNKNOWN', 'NOCOPY'] },
                    blocksReads: nullable('boolean'),
                    blocksWrites: nullable('boolean'),
                    rebuildsTable: nullable('boolean'),
                  },
                },
                estimate,
                findings: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['id', 'severity', 'message', 'docs'],
                    properties: { id: { type: 'string' }, severity: { enum: ['error', 'warning', 'info'] }, message: { type: 'string' }, docs: { type: 'string' } },
                  },
                },
                alternatives: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['kind', 'title', 'sql', 'estimate'],
                    properties: {
                      kind: { type: 'string' },
                      title: { type: 'string' },
                      sql: { type: 'array', items: { type: 'string' } },
                      estimate: { oneOf: [{ type: 'null' }, estimate] },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
    summary: {
      type: 'object',
      required: ['blocked', 'errors', 'warnings'],
      properties: { blocked: { type: 'boolean' }, errors: { type: 'integer', minimum: 0 }, warnings: { type: 'integer', minimum: 0 } },
    },
  },
};

const ajv = new Ajv({ allErrors: true, strictTuples: false });
const validate = ajv.compile(CONTRACT);
const check = (json: unknown): string[] => (validate(json) ? [] : ajv.errorsText(validate.errors, { separator: '\n' }).split('\n'));

describe('renderJson', () => {
  const report = buildLintReport(outageInput());
  const json = JSON.parse(renderJson(report)) as Record<string, any>;

  it('meets the DESIGN.md contract', () => {
    expect(check(json)).toEqual([]);
  });

  it('the contract check catches a broken report', () => {
    const broken = JSON.parse(renderJson(report)) as Record<string, any>;
    broken.migrations[0].statements[0].lock.blocksWrites = 'yes';
    delete broken.summary.blocked;
    expect(check(broken).length).toBe(2);
  });

  it('is the model itself, pretty-printed, with a trailing newline', () => {
    const text = renderJson(report);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "schemaVersion": 1,');
    expect(json).toEqual(JSON.parse(JSON.stringify(report)));
    expect(renderJson(report, { indent: 0 }).trimEnd()).not.toContain('\n');
  });

  it('has the values of the outage scenario where the contract puts them', () => {
    expect(json.server).toEqual({ flavor: 'mariadb', version: '10.11.19', raw: '10.11.19-MariaDB-0+deb12u1' });
    const del = json.migrations[0].statements[1];
    expect(del.location).toEqual({ file: 'migrations/001_orders.sql', line: 6, column: 1 });
    expect(del.lock).toMatchObject({ algorithm: 'NONE', blocksWrites: true, blocksReads: false, rebuildsTable: false });
    expect(del.estimate).toEqual({ rows: 9_000_000, durationMs: 245_000, durationRangeMs: [200_000, 300_000], basis: 'shadow' });
    expect(del.findings[0]).toMatchObject({ id: 'delete-all-rows', severity: 'error' });
    expect(del.alternatives.map((a: { kind: string }) => a.kind)).toEqual(['truncate', 'batched']);
    expect(json.summary).toMatchObject({ blocked: true, errors: 2, warnings: 2, infos: 1, unknowns: 1 });
    expect(json.summary.lockTimeByTable[0]).toEqual({ table: 'orders', expectedLockMs: 12_345, blocksWrites: true, blocksReads: false, statements: 2 });
  });

  it('meets the contract without a server and without migrations', () => {
    const empty = JSON.parse(renderJson(buildImpactReport({ command: 'lint', toolVersion: '0.1.0', server: null, migrations: [], blockingSeverity: 'error' })));
    expect(check(empty)).toEqual([]);
    expect(empty.server).toBeNull();
  });
});
