// Table facts without a target: a schema file (CREATE TABLE statements) plus sizes, as a developer
// planning an upgrade has them. Used by lint (size-aware severities offline) and plan.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { emptyFacts, type TableFactsMap } from '../analysis/table-facts.js';
import type { TableFacts } from '../db/capabilities/types.js';
import { ConfigError } from '../errors.js';
import { tableKey } from '../parser/statement.js';
import { parseRowsArgs, readSizesFile, schemaFromFile, type SchemaSource } from '../shadow/schema-source.js';

export interface SchemaFactsInput {
  readonly schemaFile: string;
  readonly rows: readonly string[];
  readonly sizesFile?: string;
  readonly cwd: string;
}

export async function readSchemaSource(input: SchemaFactsInput): Promise<SchemaSource> {
  const path = resolve(input.cwd, input.schemaFile);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read --schema ${input.schemaFile}: ${(error as Error).message}`);
  }
  const sizes = new Map<string, number>();
  if (input.sizesFile) for (const [k, v] of await readSizesFile(resolve(input.cwd, input.sizesFile))) sizes.set(k, v);
  for (const [k, v] of parseRowsArgs(input.rows)) sizes.set(k, v);
  return schemaFromFile(text, input.schemaFile, sizes);
}

/** Facts keyed like target facts (by table name), with the referencing foreign keys filled in. */
export function factsFromSchema(source: SchemaSource): TableFactsMap {
  const facts = new Map<string, TableFacts>();
  for (const t of source.tables) facts.set(tableKey({ schema: null, name: t.definition.table.name }), emptyFacts({ schema: null, name: t.definition.table.name }, t.definition, t.rows));
  for (const t of source.tables) {
    for (const fk of t.definition.foreignKeys) {
      const key = tableKey({ schema: null, name: fk.referencedTable.name });
      const parent = facts.get(key);
      if (parent) facts.set(key, Object.freeze({ ...parent, referencedBy: Object.freeze([...parent.referencedBy, { table: t.definition.table, foreignKey: fk }]) }));
    }
  }
  return facts;
}
