// M05: UPDATE/DELETE … LIMIT n without ORDER BY changes "some n rows": which ones depends on the
// access path the optimizer picks, which can differ between the primary, its replicas and the next
// run. MySQL flags the statement unsafe for statement-based replication.
import { defineAnalyzer, type Alternative } from '../src/analysis/analyzer.js';
import { primaryKeyFor } from '../src/analysis/alternatives/batched-dml.js';
import { quoteIdent } from '../src/analysis/alternatives/online-ddl.js';

type Messages = 'limitNoOrder';

export const dmlLimitWithoutOrderBy = defineAnalyzer<Messages>({
  id: 'dml-limit-without-order-by',
  title: 'UPDATE/DELETE with LIMIT but no ORDER BY',
  category: 'dml',
  severity: 'warning',
  appliesTo: ['delete', 'update'],
  messages: {
    limitNoOrder:
      'This {verb} on {table} stops after LIMIT {limit} rows but has no ORDER BY, so which rows it changes depends on the index the optimizer picks: it can differ between runs and between the primary and a replica (MySQL logs it as unsafe for statement-based replication, warning 1592).',
  },
  check(statement, context) {
    const op = statement.operation;
    if (op.kind !== 'delete' && op.kind !== 'update') return [];
    // Without a WHERE the no-WHERE rules report it.
    if (op.limit === null || op.orderBy !== null || op.where === null || op.where.alwaysTrue) return [];
    const table = (op.kind === 'delete' ? op.targets : op.tables)[0];
    if (!table) return [];
    const key = primaryKeyFor(context, table);
    const alternatives: Alternative[] = [];
    const limitAt = /\bLIMIT\s+\d+\s*$/i.exec(statement.sql);
    if (key && limitAt) {
      alternatives.push(
        Object.freeze({
          kind: 'rewrite' as const,
          title: `Order by the primary key (${key.join(', ')}) so the same rows are chosen everywhere`,
          sql: Object.freeze([`${statement.sql.slice(0, limitAt.index).trimEnd()} ORDER BY ${key.map(quoteIdent).join(', ')} ${limitAt[0]};`]),
          notes: Object.freeze([]),
          replacesStatement: true,
        }),
      );
    }
    return [{ messageId: 'limitNoOrder', values: { verb: op.kind === 'delete' ? 'DELETE' : 'UPDATE', table: table.name, limit: op.limit }, table: table.name, alternatives }];
  },
});
