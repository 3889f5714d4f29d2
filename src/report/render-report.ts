// One entry point for the CLI: `--format` picks the renderer. All renderers are pure.
import { ConfigError } from '../errors.js';
import type { ImpactReport } from './impact-report.js';
import { renderGithub } from './renderers/render-github.js';
import { renderJson } from './renderers/render-json.js';
import { renderMarkdown } from './renderers/render-markdown.js';
import { renderSarif } from './renderers/render-sarif.js';
import { renderText } from './renderers/render-text.js';

export const REPORT_FORMATS = Object.freeze(['text', 'json', 'markdown', 'github', 'sarif'] as const);
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderOptions {
  /** ANSI colours in `text`; the CLI sets it for a TTY without NO_COLOR (see `shouldUseColor`). */
  readonly color?: boolean;
}

export function parseReportFormat(value: string): ReportFormat {
  const v = value.trim().toLowerCase();
  if ((REPORT_FORMATS as readonly string[]).includes(v)) return v as ReportFormat;
  throw new ConfigError(`unknown report format ${JSON.stringify(value)}: use one of ${REPORT_FORMATS.join(', ')}`);
}

/**
 * Colours are for people at a terminal: only on a TTY, and never when NO_COLOR is set to a
 * non-empty value (no-color.org). FORCE_COLOR (non-empty, not `0`) turns them on anyway.
 */
export function shouldUseColor(isTty: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true;
  return isTty && env.TERM !== 'dumb';
}

export function renderReport(report: ImpactReport, format: ReportFormat, options: RenderOptions = {}): string {
  switch (format) {
    case 'text':
      return renderText(report, { color: options.color ?? false });
    case 'json':
      return renderJson(report);
    case 'markdown':
      return renderMarkdown(report);
    case 'github':
      return renderGithub(report);
    case 'sarif':
      return renderSarif(report);
  }
}
