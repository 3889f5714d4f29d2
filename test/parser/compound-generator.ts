// Generates migrations of stored routines and triggers with nested compound statements
// (BEGIN…END, IF, CASE statements and expressions, LOOP, WHILE, REPEAT, labels, IF() and
// REPEAT() functions, columns named begin/end), each with the statements it must split into.
// The unit test checks the splitter against the expected cuts; the integration test runs every
// generated statement on the servers, which proves the generated SQL is valid.

export interface GeneratedMigration {
  readonly text: string;
  /** The statements, as splitStatements must return their sql. */
  readonly statements: readonly string[];
}

/** A small seeded generator (mulberry32) so every run checks the same files. */
export function seededRandom(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
}

/**
 * Tables the generated statements use: g carries the triggers, h the plain statements, so running
 * them never fires a generated trigger (whose loops are only meant to parse).
 */
export const generatorSchema = [
  'CREATE TABLE g (a INT, `begin` INT, `end` INT)',
  'CREATE TABLE h (a INT, `end` INT, note VARCHAR(10))',
] as const;

class Generator {
  readonly #next: (n: number) => number;
  #label = 0;
  /** The variable the body assigns: a declared local, or NEW.a in a trigger. */
  #target = 'v';

  constructor(seed: number) {
    this.#next = seededRandom(seed);
  }

  #pick<T>(items: readonly T[]): T {
    return items[this.#next(items.length)] as T;
  }

  #expr(depth: number): string {
    const v = this.#target;
    const simple = [
      '1',
      v,
      "'a;b'",
      "REPEAT('x;', 2) = 'x'",
      '(SELECT MAX(g.end) FROM g)',
      '(SELECT MIN(g.begin) FROM g)',
    ];
    if (depth >= 2) return this.#pick(simple);
    return this.#pick([
      ...simple,
      `IF(${this.#cond(depth + 1)}, 1, 2)`,
      `CASE WHEN ${this.#cond(depth + 1)} THEN 1 ELSE ${this.#expr(depth + 1)} END`,
      `CASE ${v} WHEN 1 THEN 2 END`,
      `(CASE WHEN ${v} THEN IF(${v}, 1, 0) ELSE 0 END)`,
    ]);
  }

  #cond(depth: number): string {
    const v = this.#target;
    return this.#pick([
      `${v} > 0`,
      `(${v} > 0)`,
      `${this.#expr(depth + 1)} = 1`,
      'EXISTS (SELECT 1 FROM g)',
      `${v} IS NULL`,
    ]);
  }

  #simple(): string {
    const v = this.#target;
    return this.#pick([
      `SET ${v} = ${this.#expr(0)};`,
      `SET ${v} = ${this.#expr(0)}, @x = 'it''s; \\'quoted\\'';`,
      `SET @s = CASE WHEN ${this.#cond(1)} THEN 'x;' END;`,
      'SET @e = (SELECT MAX(g.end) FROM g WHERE g.begin > 0);',
      `DO ${this.#expr(0)};`,
      '/* a comment; inside */ SET @c = 1;',
    ]);
  }

  #statements(depth: number, indent: string): string {
    const out: string[] = [];
    for (let k = 1 + this.#next(3); k > 0; k--) out.push(indent + this.#statement(depth, indent));
    return out.join('\n');
  }

  #statement(depth: number, indent: string): string {
    if (depth >= 3 || this.#next(3) === 0) return this.#simple();
    const inner = indent + '  ';
    const body = (): string => this.#statements(depth + 1, inner);
    const label = `l${++this.#label}`;
    switch (this.#next(8)) {
      case 0: {
        const elseif = this.#next(2) === 0 ? `\n${indent}ELSEIF ${this.#cond(0)} THEN\n${body()}` : '';
        const otherwise = this.#next(2) === 0 ? `\n${indent}ELSE\n${body()}` : '';
        return `IF ${this.#cond(0)} THEN\n${body()}${elseif}${otherwise}\n${indent}END IF;`;
      }
      case 1:
        return `CASE ${this.#target}\n${indent}WHEN 1 THEN\n${body()}\n${indent}ELSE\n${body()}\n${indent}END CASE;`;
      case 2:
        return `CASE WHEN ${this.#cond(0)} THEN\n${body()}\n${indent}ELSE BEGIN END;\n${indent}END CASE;`;
      case 3:
        return `${label}: LOOP\n${body()}\n${inner}LEAVE ${label};\n${indent}END LOOP ${label};`;
      case 4:
        return `WHILE ${this.#cond(0)} DO\n${body()}\n${indent}END WHILE;`;
      case 5:
        return `REPEAT\n${body()}\n${indent}UNTIL ${this.#cond(0)} END REPEAT;`;
      case 6:
        return `BEGIN\n${body()}\n${indent}END;`;
      default:
        return `${label}: BEGIN\n${body()}\n${indent}END ${label};`;
    }
  }

  /** A routine or trigger; `n` keeps names unique. */
  compound(n: number): string {
    switch (this.#next(4)) {
      case 0:
        this.#target = 'v';
        return `CREATE PROCEDURE gen_p${n}()\nBEGIN\n  DECLARE v INT DEFAULT 0;\n${this.#statements(0, '  ')}\nEND`;
      case 1:
        this.#target = 'v';
        return `CREATE FUNCTION gen_f${n}(v INT) RETURNS INT DETERMINISTIC\nBEGIN\n${this.#statements(0, '  ')}\n  RETURN ${this.#expr(0)};\nEND`;
      case 2: {
        // A body without BEGIN: one compound statement, its `;` belongs to the CREATE.
        this.#target = 'NEW.a';
        const single = this.#statement(0, '  ').replace(/;$/, '');
        return `CREATE TRIGGER gen_t${n} BEFORE INSERT ON g FOR EACH ROW\n  ${single}`;
      }
      default:
        this.#target = 'NEW.a';
        return `CREATE TRIGGER gen_t${n} BEFORE UPDATE ON g FOR EACH ROW\nBEGIN\n${this.#statements(0, '  ')}\nEND`;
    }
  }

  plain(): string {
    return this.#pick([
      'INSERT INTO h (a) VALUES (1)',
      "UPDATE h SET a = IF(a > 0, 1, 2) WHERE `end` = 1 OR note = ';'",
      'SELECT CASE WHEN a THEN 1 END FROM h',
      'BEGIN',
      'COMMIT',
      'DELETE FROM h WHERE a < 0',
    ]);
  }
}

/** `count` statements: routines and triggers mixed with plain statements, joined by `;`. */
export function generateMigration(seed: number, count: number): GeneratedMigration {
  const generator = new Generator(seed);
  const statements: string[] = [];
  for (let n = 0; n < count; n++)
    statements.push(n % 3 === 2 ? generator.plain() : generator.compound(seed * 1000 + n));
  return { text: statements.map((s) => `${s};\n`).join(''), statements };
}
