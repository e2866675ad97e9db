/**
 * Checks CSV files against the Table Schemas of a datapackage.json, as a
 * Frictionless validator would: header, types, required, enum, pattern,
 * unique primary key, foreign keys that resolve. Returns the problems found.
 */
import { join } from 'node:path';
import { csvHeader, readCsv } from './fixtures.ts';

interface Field { name: string; type: string; constraints?: { required?: boolean; enum?: string[]; pattern?: string } }
interface Resource { name: string; path: string; schema: { fields: Field[]; primaryKey: string[]; missingValues: string[]; foreignKeys?: { fields: string[]; reference: { resource: string; fields: string[] } }[] } }

// Lexical forms of Table Schema types (default formats).
const TYPE_FORM: Record<string, RegExp> = {
  integer: /^-?\d+$/,
  number: /^-?\d+(\.\d+)?$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  boolean: /^(true|false)$/,
  string: /^[\s\S]*$/,
};

function validDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** `descriptor`: a parsed datapackage.json. */
export function conformanceProblems(dir: string, descriptor: unknown): string[] {
  const pkg = descriptor as { resources: Resource[] };
  const problems: string[] = [];
  const tables = new Map(pkg.resources.map((r) => [r.name, readCsv(join(dir, r.path))]));
  for (const res of pkg.resources) {
    const rows = tables.get(res.name)!;
    const header = csvHeader(join(dir, res.path));
    if (header.join(',') !== res.schema.fields.map((f) => f.name).join(',')) problems.push(`${res.path}: header ${header.join(',')}`);
    rows.forEach((row, i) => {
      for (const f of res.schema.fields) {
        const v = row[f.name] ?? '';
        const where = `${res.path} row ${i + 2} ${f.name}=${JSON.stringify(v)}`;
        if (res.schema.missingValues.includes(v)) {
          if (f.constraints?.required) problems.push(`${where}: required`);
          continue;
        }
        if (!TYPE_FORM[f.type]!.test(v) || (f.type === 'date' && !validDate(v))) problems.push(`${where}: not a ${f.type}`);
        if (f.constraints?.enum && !f.constraints.enum.includes(v)) problems.push(`${where}: not in enum`);
        if (f.constraints?.pattern && !new RegExp(`^(?:${f.constraints.pattern})$`).test(v)) problems.push(`${where}: pattern`);
      }
    });
    const keys = rows.map((r) => res.schema.primaryKey.map((k) => r[k]).join('\u0000'));
    if (new Set(keys).size !== keys.length) problems.push(`${res.path}: primary key ${res.schema.primaryKey.join(',')} not unique`);
    for (const fk of res.schema.foreignKeys ?? []) {
      const target = tables.get(fk.reference.resource);
      if (!target) {
        problems.push(`${res.path}: foreign key to unknown resource ${fk.reference.resource}`);
        continue;
      }
      const known = new Set(target.map((r) => fk.reference.fields.map((k) => r[k]).join('\u0000')));
      rows.forEach((r, i) => {
        const values = fk.fields.map((k) => r[k] ?? '');
        if (values.some((v) => v === '')) return;
        if (!known.has(values.join('\u0000'))) problems.push(`${res.path} row ${i + 2}: ${fk.fields.join(',')}=${values.join(',')} not in ${fk.reference.resource}`);
      });
    }
  }
  return problems;
}
