import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { buildLintReport } from '../../src/report/impact-report.js';
import { REPORT_FORMATS, parseReportFormat, renderReport } from '../../src/report/render-report.js';
import { outageInput } from './report-fixtures.js';

describe('parseReportFormat', () => {
  it('accepts the five formats, case-insensitively', () => {
    expect(REPORT_FORMATS).toEqual(['text', 'json', 'markdown', 'github', 'sarif']);
    for (const f of REPORT_FORMATS) expect(parseReportFormat(f)).toBe(f);
    expect(parseReportFormat(' SARIF ')).toBe('sarif');
  });
  it('rejects anything else with a ConfigError naming the choices', () => {
    expect(() => parseReportFormat('xml')).toThrow(ConfigError);
    expect(() => parseReportFormat('xml')).toThrow('unknown report format "xml": use one of text, json, markdown, github, sarif');
    expect(() => parseReportFormat('')).toThrow(ConfigError);
  });
});

describe('renderReport', () => {
  const report = buildLintReport(outageInput());
  it('dispatches to each renderer', () => {
    expect(renderReport(report, 'text')).toMatch(/^drydock lint · mariadb 10\.11\.19/);
    expect(JSON.parse(renderReport(report, 'json')).schemaVersion).toBe(1);
    expect(renderReport(report, 'markdown')).toMatch(/^### drydock lint: blocked/);
    expect(renderReport(report, 'github')).toMatch(/^::error file=/);
    expect(JSON.parse(renderReport(report, 'sarif')).version).toBe('2.1.0');
  });
  it('colours text only when told to', () => {
    expect(renderReport(report, 'text')).not.toContain('\u001b[');
    expect(renderReport(report, 'text', { color: true })).toContain('\u001b[');
    expect(renderReport(report, 'markdown', { color: true })).not.toContain('\u001b[');
  });
  it('never lets the password through in any format', () => {
    for (const f of REPORT_FORMATS) expect(renderReport(report, f)).not.toContain('s3cret');
  });
});
