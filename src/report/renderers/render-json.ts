// The machine contract: the report model itself, versioned by `schemaVersion` (see DESIGN.md,
// "Contracts other tools rely on", and docs/output-formats.md).
import type { ImpactReport } from '../impact-report.js';

export interface JsonRenderOptions {
  /** Indentation; 0 prints one line. */
  readonly indent?: number;
}

export function renderJson(report: ImpactReport, options: JsonRenderOptions = {}): string {
  return `${JSON.stringify(report, null, options.indent ?? 2)}\n`;
}
