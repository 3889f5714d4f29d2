// O12: a statement drydock does not model (CREATE PROCEDURE, GRANT, CREATE VIEW, an ALTER clause it
// could not type, …). It is never treated as safe: the finding makes somebody look at it.
import { defineAnalyzer, type Report } from '../src/analysis/analyzer.js';

type Messages = 'opaque' | 'opaqueAction';

export const opaqueStatement = defineAnalyzer<Messages>({
  id: 'opaque-statement',
  title: 'Statement drydock cannot judge',
  category: 'runner-safety',
  severity: 'warning',
  appliesTo: ['opaque', 'alter-table'],
  messages: {
    opaque:
      'drydock does not model {verb} statements ({reason}), so it cannot say what this one locks, how long it runs or whether it is safe. Unknown — needs approval: review it by hand, or measure it with drydock plan on a shadow.',
    opaqueAction:
      'drydock could not interpret part of this ALTER on {table} ({text}), so its lock and rebuild profile is unknown. Unknown — needs approval.',
  },
  check(statement) {
    const op = statement.operation;
    if (op.kind === 'opaque') {
      if (/^DROP (DATABASE|SCHEMA)$/.test(op.verb)) return []; // drop-database judges those
      return [{ messageId: 'opaque', values: { verb: op.verb, reason: op.reason }, ...(op.tables[0] ? { table: op.tables[0].name } : {}) }];
    }
    if (op.kind !== 'alter-table') return [];
    const reports: Report<Messages>[] = [];
    for (const a of op.actions) {
      if (a.type === 'opaque-action') reports.push({ messageId: 'opaqueAction', values: { table: op.table.name, text: a.text.length > 60 ? `${a.text.slice(0, 57)}…` : a.text }, table: op.table.name });
    }
    return reports;
  },
});
