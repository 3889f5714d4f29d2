// H02: a table on another engine than InnoDB (MyISAM, Aria, MEMORY, …). No transactions, table-level
// locks for every write, no crash recovery worth the name (MyISAM), data gone on restart (MEMORY),
// and online DDL and OSC tools built around InnoDB.
import { defineAnalyzer } from '../src/analysis/analyzer.js';

type Messages = 'engine';

export const nonInnodbEngine = defineAnalyzer<Messages>({
  id: 'non-innodb-engine',
  title: 'Table on an engine other than InnoDB',
  category: 'hygiene',
  severity: 'warning',
  appliesTo: ['create-table', 'alter-table'],
  messages: {
    engine:
      '{table} uses ENGINE={engine}. Unlike InnoDB it has no transactions: a failed migration or request leaves half its writes behind{extra}. Online DDL, crash-safe replication and the online schema change tools all assume InnoDB.',
  },
  check(statement) {
    const op = statement.operation;
    let engine: string | undefined;
    if (op.kind === 'create-table') engine = op.options['ENGINE'];
    else if (op.kind === 'alter-table') engine = op.actions.flatMap((a) => (a.type === 'table-options' && a.options['ENGINE'] ? [a.options['ENGINE']] : []))[0];
    else return [];
    if (!engine || /^innodb$/i.test(engine)) return [];
    if (op.kind === 'create-table' && op.temporary && /^memory$/i.test(engine)) return []; // scratch tables
    const lower = engine.toLowerCase();
    const extra =
      lower === 'memory' || lower === 'heap'
        ? '; its rows are lost on every restart'
        : lower === 'myisam' || lower === 'aria'
          ? '; every write locks the whole table; a crash can leave it needing REPAIR TABLE'
          : '';
    const engineRe = /(\bENGINE\s*=?\s*)(['"`]?)[\w]+\2/i;
    return [
      {
        messageId: 'engine',
        values: { table: op.table.name, engine, extra },
        table: op.table.name,
        alternatives: engineRe.test(statement.sql)
          ? [
              Object.freeze({
                kind: 'rewrite' as const,
                title: 'Use InnoDB',
                sql: Object.freeze([`${statement.sql.replace(engineRe, (_m, kw: string) => `${kw}InnoDB`)};`]),
                notes: Object.freeze(op.kind === 'alter-table' ? ['Changing an existing table\'s engine copies it with writes blocked: see engine-rebuild.'] : []),
                replacesStatement: true,
              }),
            ]
          : [],
      },
    ];
  },
});
