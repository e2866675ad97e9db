/** datapackage.json: valid against the Frictionless specs, complete against the schema module, and the CSVs conform to it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDatasets } from '../../../src/pipeline/emit/index.ts';
import { CODE_LISTS, DATASETS } from '../../../src/schema/datasets.ts';
import { conformanceProblems } from './conformance.ts';
import { applicationTable, readCsv, record, removeTempDirs, tempDir } from './fixtures.ts';

// The published JSON Schemas of the Frictionless specs (v1), vendored: see frictionless/README.md.
const profile = (name: string) => JSON.parse(readFileSync(new URL(`./frictionless/${name}`, import.meta.url), 'utf8')) as object;
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
// `textarea` is an editor hint of the profiles, not a constraint.
ajv.addFormat('textarea', true);
const validatePackage = ajv.compile(profile('tabular-data-package.json'));
const validateTableSchema = ajv.compile(profile('table-schema.json'));

interface Pkg {
  version: string;
  licenses: { name: string }[];
  resources: { name: string; path: string; schema: { fields: { name: string; title: string; constraints?: { enum?: string[] }; categories?: { value: string; label: string; label_en: string }[] }[]; primaryKey: string[]; missingValues: string[]; foreignKeys?: { fields: string[]; reference: { resource: string; fields: string[] } }[] } }[];
}

let out: string;
let pkg: Pkg;
beforeAll(() => {
  out = tempDir('datapackage');
  const full = record({ tables: { ...record().tables, applications: { status: 'present', template: '2021', cells: applicationTable(() => 1) } } });
  const other = record({ sha: 'cc', report_id: 'qita-def456-2020', agency_id: 'qita-def456', metadata: { ...record().metadata, agency_name: '其他局', year: 2020, template: '2019' } });
  const failed = record({ sha: 'dd', report_id: 'unidentified-dd0000000000', agency_id: null, parse_status: 'failed', metadata: { ...record().metadata, agency_name: null, year: null, template: null, admin_level: null } });
  writeDatasets([full, other, failed], out, { version: '1.2.3' });
  pkg = JSON.parse(readFileSync(join(out, 'datapackage.json'), 'utf8')) as Pkg;
});
afterAll(removeTempDirs);

describe('datapackage.json', () => {
  it('validates against the Tabular Data Package profile', () => {
    const ok = validatePackage(pkg);
    expect(validatePackage.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('gives every resource a schema valid against the Table Schema profile', () => {
    for (const r of pkg.resources) {
      validateTableSchema(r.schema);
      expect(validateTableSchema.errors ?? [], r.name).toEqual([]);
    }
  });

  it('fails validation when a field has no name (the validator is really checking)', () => {
    const broken = structuredClone(pkg);
    delete (broken.resources[0]!.schema.fields[0] as { name?: string }).name;
    expect(validatePackage(broken)).toBe(false);
  });

  it('carries license, version and every dataset with every column in schema order', () => {
    expect(pkg.licenses[0]!.name).toBe('CC-BY-4.0');
    expect(pkg.version).toBe('1.2.3');
    expect(pkg.resources.map((r) => r.path)).toEqual(DATASETS.map((d) => d.file));
    for (const d of DATASETS) {
      const r = pkg.resources.find((x) => x.name === d.name)!;
      expect(r.schema.fields.map((f) => f.name)).toEqual(d.columns.map((c) => c.name));
      expect(r.schema.fields.map((f) => f.title)).toEqual(d.columns.map((c) => c.zh));
      expect(r.schema.primaryKey).toEqual(d.primaryKey);
      expect(r.schema.missingValues).toEqual(['']);
    }
  });

  it('lists every code of a coded column in its enum, with its Chinese label and English title', () => {
    for (const d of DATASETS) {
      for (const c of d.columns.filter((x) => x.codes)) {
        const field = pkg.resources.find((x) => x.name === d.name)!.schema.fields.find((f) => f.name === c.name)!;
        const list = CODE_LISTS.find((l) => l.name === c.codes)!;
        expect(field.constraints!.enum).toEqual(list.codes.map((x) => x.code));
        expect(field.categories).toEqual(list.codes.map((x) => ({ value: x.code, label: x.zh, label_en: x.en })));
      }
    }
    const codes = readCsv(join(out, 'codes.csv'));
    for (const list of CODE_LISTS) for (const c of list.codes) expect(codes.find((r) => r.list === list.name && r.code === c.code), `${list.name}/${c.code}`).toMatchObject({ zh: c.zh, en: c.en });
    expect(codes.find((r) => r.list === 'row' && r.code === 'withheld_admin_inquiry')).toMatchObject({ zh: '属于行政查询事项', number: '三(三)8', templates: '2019 2021' });
  });

  it('points foreign keys at reports and agencies', () => {
    const fk = (name: string) => pkg.resources.find((r) => r.name === name)!.schema.foreignKeys;
    expect(fk('applications')).toEqual([{ fields: ['report_id'], reference: { resource: 'reports', fields: ['report_id'] } }]);
    expect(fk('reports')).toEqual([{ fields: ['agency_id'], reference: { resource: 'agencies', fields: ['agency_id'] } }]);
  });
});

describe('the CSV files conform to their schemas', () => {
  it('has no type, enum, required, key or foreign-key problem', () => {
    expect(conformanceProblems(out, pkg)).toEqual([]);
  });

  it('catches a broken file (the checker is really checking)', () => {
    const broken = structuredClone(pkg);
    broken.resources.find((r) => r.name === 'applications')!.schema.fields.find((f) => f.name === 'status')!.constraints!.enum = ['reported'];
    expect(conformanceProblems(out, broken).some((p) => p.includes('not in enum'))).toBe(true);
  });
});
