// SARIF output validated against the OASIS SARIF 2.1.0 JSON schema (draft-07), vendored in
// test/fixtures/sarif-schema-2.1.0.json. Its $id is the oasis-tcs/sarif-spec Schemata file; it was
// taken from the schema bundled in @datadog/datadog-ci-plugin-sarif 5.25.0 (dist/bundle.js), which
// also validates uploads with ajv + ajv-formats. @microsoft/jest-sarif ships the older 2.1.0-rtm.5
// draft-04 variant; the two differ only in suppression.state/status and a language-tag pattern.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import formatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { buildLintReport } from '../../src/report/impact-report.js';
import { artifactLocation, renderSarif } from '../../src/report/renderers/render-sarif.js';
import { outageInput } from './report-fixtures.js';

const schema = JSON.parse(readFileSync(new URL('../fixtures/sarif-schema-2.1.0.json', import.meta.url), 'utf8')) as Record<string, unknown>;
// ajv-formats is CommonJS with a `default` property; NodeNext typing sees the module object.
const addFormats = ((formatsModule as unknown as { default?: unknown }).default ?? formatsModule) as (ajv: Ajv) => Ajv;
const ajv = new Ajv({ allErrors: true });
addFormats(ajv);
const validate = ajv.compile(schema);

function expectValid(log: unknown): void {
  const ok = validate(log);
  expect(ok ? [] : ajv.errorsText(validate.errors, { separator: '\n' }).split('\n')).toEqual([]);
}

interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; rules: { id: string; name: string; shortDescription: { text: string }; helpUri: string; defaultConfiguration: { level: string } }[] } };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn: number } } }[];
      partialFingerprints: Record<string, string>;
    }[];
  }[];
}

describe('renderSarif', () => {
  const text = renderSarif(buildLintReport(outageInput()));
  const log = JSON.parse(text) as SarifLog;

  it('validates against the SARIF 2.1.0 schema', () => {
    expectValid(log);
  });

  it('the schema check rejects logs that break the spec (so the test above can fail)', () => {
    expect(validate({ ...log, version: '2.0.0' })).toBe(false);
    const noDriverName = JSON.parse(text) as { runs: { tool: { driver: Record<string, unknown> } }[] };
    delete noDriverName.runs[0]!.tool.driver.name;
    expect(validate(noDriverName)).toBe(false);
    const badLevel = JSON.parse(text) as SarifLog;
    badLevel.runs[0]!.results[0]!.level = 'info';
    expect(validate(badLevel)).toBe(false);
    const badUri = JSON.parse(text) as SarifLog;
    badUri.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri = 'migrations/002 reports/x.sql';
    expect(validate(badUri)).toBe(false);
    const zeroLine = JSON.parse(text) as SarifLog;
    zeroLine.runs[0]!.results[0]!.locations[0]!.physicalLocation.region.startLine = 0;
    expect(validate(zeroLine)).toBe(false);
  });

  it('lists each fired rule once with name, description, help URI and default level', () => {
    const driver = log.runs[0]!.tool.driver;
    expect(driver.name).toBe('drydock');
    expect(driver.version).toBe('0.1.0');
    expect(driver.rules.map((r) => r.id)).toEqual(['alter-table-copy', 'delete-all-rows', 'unbatched-dml', 'lock-wait-timeout-unset', 'opaque-statement']);
    expect(driver.rules[0]).toMatchObject({
      name: 'AlterTableCopy',
      shortDescription: { text: 'Alter table copy' },
      helpUri: 'https://github.com/drydock-sql/drydock/blob/main/docs/analyzers/alter-table-copy.md',
      defaultConfiguration: { level: 'error' },
    });
    expect(driver.rules.find((r) => r.id === 'opaque-statement')!.defaultConfiguration.level).toBe('note');
  });

  it('has one result per finding, on its file and line, with levels mapped (info → note)', () => {
    const results = log.runs[0]!.results;
    expect(results.map((r) => [r.ruleId, r.level])).toEqual([
      ['alter-table-copy', 'error'],
      ['delete-all-rows', 'error'],
      ['unbatched-dml', 'warning'],
      ['lock-wait-timeout-unset', 'warning'],
      ['opaque-statement', 'note'],
    ]);
    for (const r of results) expect(log.runs[0]!.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
    expect(results[1]!.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'migrations/001_orders.sql', uriBaseId: '%SRCROOT%' },
      region: { startLine: 6, startColumn: 1, snippet: { text: 'DELETE FROM order_items' } },
    });
    // A path with spaces becomes a valid relative URI reference.
    expect(results[3]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('migrations/002%20reports/add%20index.sql');
    expect(results[1]!.message.text).toContain('DELETE FROM order_items has no WHERE');
    expect(results[1]!.message.text).toContain('Safer: Empty the table with TRUNCATE (truncate).');
  });

  it('fingerprints a finding by rule, file and statement text, not by line', () => {
    const o = outageInput();
    const shift = <T extends { location: { line: number } }>(x: T): T => ({ ...x, location: { ...x.location, line: x.location.line + 5 } });
    const moved = buildLintReport({
      ...o,
      migrations: o.migrations.map((m) => ({ ...m, statements: m.statements.map(shift) })),
      findingsByStatement: (mi, si) => o.findingsByStatement(mi, si).map(shift),
    });
    const fingerprints = (l: SarifLog): (string | undefined)[] => l.runs[0]!.results.map((r) => r.partialFingerprints['drydockFinding/v1']);
    const movedLog = JSON.parse(renderSarif(moved)) as SarifLog;
    expect(movedLog.runs[0]!.results[0]!.locations[0]!.physicalLocation.region.startLine).toBe(8);
    expect(new Set(fingerprints(log)).size).toBe(log.runs[0]!.results.length);
    expect(fingerprints(movedLog)).toEqual(fingerprints(log));
  });

  it('stays valid with no findings and with absolute or Windows paths', () => {
    expectValid(JSON.parse(renderSarif(buildLintReport(outageInput({ findingsByStatement: () => [] })))));
    expect(artifactLocation('./db/m 1.sql')).toEqual({ uri: 'db/m%201.sql', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('db\\sub\\m.sql')).toEqual({ uri: 'db/sub/m.sql', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('/srv/app/db/m.sql')).toEqual({ uri: 'file:///srv/app/db/m.sql' });
    expect(artifactLocation('C:\\app\\m.sql')).toEqual({ uri: 'file:///C:/app/m.sql' });
    const o = outageInput();
    const absolute = buildLintReport({
      ...o,
      migrations: o.migrations.map((m) => ({
        ...m,
        statements: m.statements.map((s) => ({ ...s, location: { ...s.location, file: `/srv/app/${s.location.file}` } })),
      })),
      findingsByStatement: (mi, si) => o.findingsByStatement(mi, si).map((f) => ({ ...f, location: { ...f.location, file: `/srv/app/${f.location.file}` } })),
    });
    expectValid(JSON.parse(renderSarif(absolute)));
  });
});
