// Session state as a migration's own SET statements change it: foreign_key_checks, lock_wait_timeout, …
import type { SessionState } from '../db/capabilities/types.js';
import type { Operation } from '../parser/statement.js';

const truthy = (v: string): boolean => !/^(0|off|false)$/i.test(v.trim().replace(/^'|'$/g, ''));

export function applySet(state: SessionState, op: Operation): SessionState {
  if (op.kind !== 'set-variable') return state;
  let next = state;
  for (const a of op.assignments) {
    if (a.scope !== 'session') continue;
    switch (a.name) {
      case 'foreign_key_checks':
        next = { ...next, foreignKeyChecks: truthy(a.value) };
        break;
      case 'unique_checks':
        next = { ...next, uniqueChecks: truthy(a.value) };
        break;
      case 'lock_wait_timeout': {
        const n = Number(a.value);
        next = { ...next, lockWaitTimeout: Number.isFinite(n) ? n : null };
        break;
      }
      case 'sql_mode':
        next = { ...next, sqlMode: a.value.replace(/^'|'$/g, '') };
        break;
      default:
        break;
    }
  }
  return next === state ? state : Object.freeze(next);
}
