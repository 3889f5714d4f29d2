// X01: the statement is heavy enough to run through an online schema change tool, but the table
// has no PRIMARY KEY or NOT NULL UNIQUE key: pt-osc and gh-ost refuse to run (they copy and
// replay rows by key), and row-based replicas full-scan the table for every changed row.
import { defineAnalyzer } from '../src/analysis/analyzer.js';
import { oscCandidate } from '../src/analysis/alternatives/alter-facts.js';
import { hasPrimaryOrUnique } from '../src/analysis/alternatives/osc-tools.js';
import { buildAlter, onlineDdlSql } from '../src/analysis/alternatives/online-ddl.js';
import { sizeNote, sizeSeverity } from '../src/analysis/size-severity.js';

type Messages = 'noKey';

export const oscTableWithoutPrimaryKey = defineAnalyzer<Messages>({
  id: 'osc-table-without-primary-key',
  title: 'Table without a primary key cannot go through OSC tools',
  category: 'osc-compatibility',
  severity: 'warning',
  appliesTo: ['alter-table', 'create-index', 'optimize-table'],
  messages: {
    noKey:
      '{table} has no PRIMARY KEY and no NOT NULL UNIQUE key{size}. This statement {why}, so it should run through pt-online-schema-change or gh-ost — and both refuse a table without such a key. Row-based replicas also scan the whole table for every row this table changes.',
  },
  check(statement, context) {
    const candidate = oscCandidate(statement, context);
    if (!candidate) return [];
    const { target, facts } = candidate;
    if (hasPrimaryOrUnique(facts) !== false) return [];
    // An ALTER that itself adds the primary key fixes the problem.
    const op = statement.operation;
    if (
      op.kind === 'alter-table' &&
      op.actions.some((a) => a.type === 'add-index' && a.index.kind === 'primary')
    )
      return [];
    const add = buildAlter(target.table, [
      'ADD COLUMN `id` BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY FIRST',
    ]);
    return [
      {
        messageId: 'noKey',
        values: {
          table: target.table.name,
          size: sizeNote(context, target.table),
          why: context.lock.blocksWrites !== false ? 'blocks writes' : 'rebuilds the table',
        },
        severity: sizeSeverity(context, target.table, 'rebuild') === 'info' ? 'info' : 'warning',
        table: target.table.name,
        alternatives: [
          onlineDdlSql(
            `Give ${target.table.name} a primary key first (in a maintenance window: it rebuilds the table and blocks writes)`,
            [
              `${add};`,
              '-- or promote an existing NOT NULL unique column set: ALTER TABLE … ADD PRIMARY KEY (…)',
            ],
            ['After that, route this change through an online schema change tool.'],
            false,
          ),
        ],
      },
    ];
  },
});
