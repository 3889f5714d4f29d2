// The catalogue's conventions, checked for every analyzer so a missing piece fails CI: a unique
// kebab-case id, a test file, and a doc page with the three sections (engine rules included).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ANALYZERS } from '../../analyzers/index.js';
import { lockingAnalyzers } from '../../analyzers/index-locking.js';
import { DOCS_BASE } from '../../src/analysis/analyzer.js';
import { ENGINE_RULES, validateCatalogue } from '../../src/analysis/run-analyzers.js';
import { PLAN_RULES } from '../../src/pipeline/plan.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SECTIONS = ['## Problem', '## Why it hurts on MySQL / MariaDB', '## Safe alternative'];

function checkDocPage(id: string): void {
  const file = join(root, 'docs', 'analyzers', `${id}.md`);
  expect(existsSync(file), `docs/analyzers/${id}.md is missing`).toBe(true);
  const text = readFileSync(file, 'utf8');
  expect(text.startsWith(`# ${id}\n`), `docs/analyzers/${id}.md must start with "# ${id}"`).toBe(true);
  let last = -1;
  for (const section of SECTIONS) {
    const at = text.indexOf(`\n${section}\n`);
    expect(at, `docs/analyzers/${id}.md lacks the section "${section}"`).toBeGreaterThan(-1);
    expect(at, `docs/analyzers/${id}.md: "${section}" is out of order`).toBeGreaterThan(last);
    last = at;
  }
  expect(text.slice(last), `docs/analyzers/${id}.md: the safe alternative needs a code block`).toMatch(/```(sql|json|sh)?\n[\s\S]+?\n```/);
}

describe('analyzer catalogue', () => {
  it('contains every locking analyzer once, with unique kebab-case ids', () => {
    const ids = ANALYZERS.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const a of lockingAnalyzers) expect(ids).toContain(a.id);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(() => validateCatalogue(ANALYZERS)).not.toThrow();
    expect(Object.isFrozen(ANALYZERS)).toBe(true);
    expect(Object.isFrozen(lockingAnalyzers)).toBe(true);
  });

  it('has at least 30 locking/data-dependent/OSC analyzers', () => {
    expect(lockingAnalyzers.length).toBeGreaterThanOrEqual(30);
  });

  describe.each(ANALYZERS.map((a) => [a.id, a] as const))('%s', (id, analyzer) => {
    it('has a test file', () => {
      expect(existsSync(join(root, 'test', 'analyzers', `${id}.test.ts`)), `test/analyzers/${id}.test.ts is missing`).toBe(true);
    });

    it('has a doc page with Problem, Why it hurts and Safe alternative', () => {
      checkDocPage(id);
      expect(analyzer.docs).toBe(`${DOCS_BASE}${id}.md`);
    });

    it('declares messages, a title and what it applies to', () => {
      expect(analyzer.title.length).toBeGreaterThan(0);
      expect(Object.keys(analyzer.messages).length).toBeGreaterThan(0);
      // Every template is whole sentences (a trailing placeholder holds an optional sentence).
      for (const text of Object.values(analyzer.messages)) expect(text.trim()).toMatch(/[.!?)}]$/);
      expect(analyzer.appliesTo === 'any' || analyzer.appliesTo.length > 0).toBe(true);
    });
  });

  describe.each([...Object.keys(ENGINE_RULES), ...Object.keys(PLAN_RULES)])('engine rule %s', (id) => {
    it('has a doc page with the three sections', () => checkDocPage(id));
  });
});
