// The few exceptional conditions drydock throws. Expected outcomes (findings, failed migrations)
// are values; these are for "could not run". Messages are lower-case, name the object and say
// what to do next. The CLI maps each code to an exit code and prints the message without a stack.

export type DrydockErrorCode =
  | 'CONFIG'
  | 'CONNECTION'
  | 'PARSE'
  | 'MIGRATION_SOURCE'
  | 'CAPTURE'
  | 'LOCK_NOT_ACQUIRED'
  | 'ABORTED'
  | 'CANCELLED'
  | 'APPROVAL_REQUIRED'
  | 'SHADOW'
  | 'EXECUTION'
  | 'INTERNAL';

export class DrydockError extends Error {
  readonly code: DrydockErrorCode;
  constructor(code: DrydockErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

export class ConfigError extends DrydockError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CONFIG', message, options);
  }
}

export class ConnectionError extends DrydockError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CONNECTION', message, options);
  }
}

/** Unparseable SQL: names the file, line, column and the offending snippet. */
export class ParseError extends DrydockError {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly snippet: string;
  constructor(
    props: { file: string; line: number; column: number; snippet: string; reason: string },
    options?: { cause?: unknown },
  ) {
    super('PARSE', `${props.file}:${props.line}:${props.column}: ${props.reason}`, options);
    this.file = props.file;
    this.line = props.line;
    this.column = props.column;
    this.snippet = props.snippet;
  }
}

/** A migration file that cannot be used: not UTF-8, empty, duplicate name, unreadable. */
export class MigrationSourceError extends DrydockError {
  readonly file: string;
  constructor(file: string, message: string, options?: { cause?: unknown }) {
    super('MIGRATION_SOURCE', `${file}: ${message}`, options);
    this.file = file;
  }
}

/** A Kysely migration threw while its SQL was being captured. */
export class CaptureError extends DrydockError {
  readonly file: string;
  constructor(file: string, message: string, options?: { cause?: unknown }) {
    super('CAPTURE', `${file}: ${message}`, options);
    this.file = file;
  }
}

export class LockNotAcquiredError extends DrydockError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('LOCK_NOT_ACQUIRED', message, options);
  }
}

export class AbortedError extends DrydockError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ABORTED', message, options);
  }
}

export class ApprovalRequiredError extends DrydockError {
  readonly reasons: readonly string[];
  constructor(message: string, reasons: readonly string[]) {
    super('APPROVAL_REQUIRED', message);
    this.reasons = reasons;
  }
}

export class ShadowError extends DrydockError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('SHADOW', message, options);
  }
}

export class ExecutionError extends DrydockError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('EXECUTION', message, options);
  }
}

export class InternalError extends DrydockError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('INTERNAL', message, options);
  }
}
