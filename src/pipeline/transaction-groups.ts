// Data changes a migration wraps in its own BEGIN … COMMIT. The dry run measures each statement
// on its own, but on the server the row locks of every statement in the group stay held until the
// group ends: a writer that needs a row the first statement changed waits for all of them.

import { isDdl, isDml, type ParsedStatement } from '../parser/statement.js';

export interface TransactionGroup {
  /** Index of the BEGIN / START TRANSACTION. */
  readonly begin: number;
  /** Index of the statement that ends the group; null when nothing in the migration does. */
  readonly end: number | null;
  readonly endedBy: 'commit' | 'rollback' | 'ddl' | null;
  /** Indexes of the statements inside that take row locks (DML). */
  readonly dml: readonly number[];
}

/** The migration's explicit transactions. A DDL statement ends one (MySQL commits implicitly before DDL). */
export function transactionGroups(statements: readonly ParsedStatement[]): TransactionGroup[] {
  const groups: TransactionGroup[] = [];
  let open: { begin: number; dml: number[] } | null = null;
  const close = (end: number | null, endedBy: TransactionGroup['endedBy']): void => {
    if (open) groups.push(Object.freeze({ begin: open.begin, end, endedBy, dml: Object.freeze(open.dml) }));
    open = null;
  };
  for (const st of statements) {
    const op = st.operation;
    if (op.kind === 'transaction') {
      if (op.verb === 'begin') {
        close(st.index, 'commit'); // BEGIN inside a transaction commits the open one
        open = { begin: st.index, dml: [] };
      } else {
        close(st.index, op.verb);
      }
    } else if (isDdl(op)) {
      close(st.index, 'ddl');
    } else if (open && isDml(op)) {
      open.dml.push(st.index);
    }
  }
  close(null, null);
  return groups;
}
