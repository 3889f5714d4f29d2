// SARIF 2.1.0 for GitHub code scanning (and any SARIF viewer): the fired rules as
// tool.driver.rules, one result per finding located at its statement's first token.
// test/report/render-sarif.test.ts validates the output against the OASIS 2.1.0 schema.
import { createHash } from 'node:crypto';
import type { Severity } from '../../analysis/analyzer.js';
import type { ImpactReport, ReportFinding, StatementReport } from '../impact-report.js';
import { describeLock, summaryLine } from './describe-report.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const DRYDOCK_URI = 'https://github.com/drydock-sql/drydock';

type SarifLevel = 'error' | 'warning' | 'note';
const LEVEL: Readonly<Record<Severity, SarifLevel>> = { error: 'error', warning: 'warning', info: 'note' };

export interface SarifArtifactLocation {
  readonly uri: string;
  readonly uriBaseId?: string;
}

/**
 * Relative paths become URI references against `%SRCROOT%` (forward slashes, each segment
 * percent-encoded); absolute paths become `file:` URIs.
 */
export function artifactLocation(file: string): SarifArtifactLocation {
  const path = file.replace(/\\/g, '/');
  const encode = (p: string): string => p.split('/').map(encodeURIComponent).join('/');
  if (/^[A-Za-z]:\//.test(path)) return { uri: `file:///${path.slice(0, 2)}${encode(path.slice(2))}` };
  if (path.startsWith('/')) return { uri: `file://${encode(path)}` };
  return { uri: encode(path.replace(/^(\.\/)+/, '')), uriBaseId: '%SRCROOT%' };
}

/** `add-column-not-null` → `AddColumnNotNull` (SARIF's `name` is an identifier-like label). */
function ruleName(id: string): string {
  return id
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

/** Stable across line moves: the rule, the file and the statement text decide it. */
function fingerprint(f: ReportFinding, s: StatementReport): string {
  const sql = s.sql.replace(/\s+/g, ' ').trim();
  return createHash('sha256')
    .update([f.id, f.location.file, sql, f.table ?? '', f.column ?? ''].join('\u0000'))
    .digest('hex')
    .slice(0, 32);
}

export function renderSarif(report: ImpactReport): string {
  const ruleIndex = new Map(report.rules.map((r, i) => [r.id, i]));
  const rules = report.rules.map((r) => ({
    id: r.id,
    name: ruleName(r.id),
    shortDescription: { text: r.title },
    helpUri: r.docs,
    help: { text: `${r.title}. See ${r.docs}`, markdown: `${r.title}. See [the rule's page](${r.docs}).` },
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { category: r.category, tags: ['drydock', r.category] },
  }));

  const results = report.migrations.flatMap((m) =>
    m.statements.flatMap((s) =>
      s.findings.map((f) => {
        const text = [f.message, `Locks: ${describeLock(s.lock)}.`];
        for (const i of f.alternatives) {
          const alt = s.alternatives[i];
          if (alt) text.push(`Safer: ${alt.title} (${alt.kind}).`);
        }
        const index = ruleIndex.get(f.id);
        return {
          ruleId: f.id,
          ...(index === undefined ? {} : { ruleIndex: index }),
          level: LEVEL[f.severity],
          message: { text: text.join('\n') },
          locations: [
            {
              physicalLocation: {
                artifactLocation: artifactLocation(f.location.file),
                region: { startLine: f.location.line, startColumn: f.location.column, snippet: { text: s.sql } },
              },
            },
          ],
          partialFingerprints: { 'drydockFinding/v1': fingerprint(f, s) },
          properties: {
            migration: m.name,
            statementIndex: s.index,
            operation: s.operation,
            tables: s.tables,
            ...(f.table === null ? {} : { table: f.table }),
            ...(f.column === null ? {} : { column: f.column }),
            lock: s.lock,
            alternatives: f.alternatives.map((i) => s.alternatives[i]).filter((a) => a !== undefined),
          },
        };
      }),
    ),
  );

  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'drydock',
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: DRYDOCK_URI,
            rules,
          },
        },
        invocations: [{ executionSuccessful: true }],
        results,
        properties: { command: report.command, summary: summaryLine(report), blocked: report.summary.blocked },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
