/**
 * The seeded generator of realistic reports: report `index` of corpus `seed`
 * is a pure function of the two (bytes and ground truth), so any report can
 * be regenerated alone and a corpus is byte-identical for a seed.
 */
import { SECTIONS, templateForYear, type SectionCode } from '../schema/codes.ts';
import type { ApplicationCell, ProactiveCell, ReportTables, ReviewCell } from '../schema/types.ts';
import { DEFAULT_SHARES, planDamage, printedTables, truthTables, type Shares } from './damage.ts';
import { renderDocument } from './document.ts';
import { encodeText, pickEncoding, pickLineEnding, withLineEndings } from './encode.ts';
import { LAYOUTS, dropsEmptyCells, type Layout } from './layouts.ts';
import { makeRng } from './prng.ts';
import { pickAgency } from './regions.ts';
import type { Truth, TruthTable } from './truth.ts';
import { generateValues } from './values.ts';

export interface SynthOptions {
  /** Share of reports whose tables do not add up on purpose. */
  brokenShare: number;
  shares: Shares;
  spamShare: number;
}

export const DEFAULT_OPTIONS: SynthOptions = { brokenShare: 0.08, shares: DEFAULT_SHARES, spamShare: 0.03 };

export interface SynthReport {
  file: string;
  bytes: Uint8Array;
  truth: Truth;
}

export function fileNameFor(index: number, layout: Layout): string {
  return `synth-${String(index).padStart(6, '0')}.${layout === 'html' ? 'html' : 'txt'}`;
}

function truthTable<C extends { value: number | null; status: string }>(t: ReportTables[keyof ReportTables], key: (c: C) => string): TruthTable {
  return {
    status: t.status,
    template: t.template,
    cells: (t.cells as unknown as C[]).map((c) => ({ key: key(c), value: c.value, status: c.status as TruthTable['cells'][number]['status'], knowable: c.status === 'reported' || c.status === 'imputed' })),
  };
}

export function generateReport(seed: string, index: number, options: SynthOptions = DEFAULT_OPTIONS): SynthReport {
  const rng = makeRng(`${seed}/${index}`);
  const agency = pickAgency(rng);
  const year = rng.int(2019, 2024);
  const template = templateForYear(year);
  const published = `${year + 1}-${String(rng.int(1, 3)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
  const layout = rng.pick(LAYOUTS);
  const values = generateValues(rng, template, options.brokenShare);
  const plan = planDamage(rng, values.tables, options.shares, values.broken === null, dropsEmptyCells(layout));
  const truth = truthTables(values.tables, template, plan, dropsEmptyCells(layout));
  const received = values.tables.applications.cells.find((c) => c.row === 'received_new' && c.applicant === 'total')!.value!;
  const omit = new Set<SectionCode>(rng.chance(0.05) ? ['other_matters'] : []);
  const noise = [...plan.labels];
  const spam = rng.chance(options.spamShare);
  const chrome = rng.chance(0.4);
  const titleStyle = rng.weighted<'one-line' | 'two-lines' | 'none'>([['one-line', 75], ['two-lines', 20], ['none', 5]]);
  const halfWidth = rng.chance(0.35);
  if (spam) noise.push('spam');
  if (chrome) noise.push('chrome');
  if (halfWidth) noise.push('half-width');
  if (titleStyle === 'none') noise.push('no-title');
  if (omit.size > 0) noise.push('missing-section');
  const printed = plan.noTables ? null : printedTables(values.tables, plan);
  const narrative = { agency: agency.agency_name, short: agency.short, year, received, published: rng.int(50, 20000) };
  const encoding = pickEncoding(rng);
  const lineEnding = pickLineEnding(rng);
  let text = renderDocument({ agency, year, published, layout, tables: printed, narrative, omit, spam, chrome, titleStyle, halfWidth }, rng);
  if (layout === 'html') text = text.replace('charset="utf-8"', `charset="${encoding === 'gbk' ? 'gbk' : encoding === 'utf-16le' ? 'utf-16' : 'utf-8'}"`);
  const file = fileNameFor(index, layout);
  return {
    file,
    bytes: encodeText(withLineEndings(text, lineEnding), encoding),
    truth: {
      file,
      seed: `${seed}/${index}`,
      layout,
      encoding,
      line_endings: lineEnding,
      noise,
      broken: values.broken,
      spam,
      metadata: {
        agency_name: agency.agency_name, year, template: plan.noTables ? null : template, published_date: published,
        province: agency.province, province_code: agency.province_code, city: agency.city, city_code: agency.city_code,
        county: agency.county, county_code: agency.county_code, admin_level: agency.admin_level, is_department: agency.is_department,
      },
      sections: Object.fromEntries(SECTIONS.map((s) => [s.code, omit.has(s.code) ? 'missing' : 'present'])) as Truth['sections'],
      tables: {
        applications: truthTable<ApplicationCell>(truth.applications, (c) => `${c.row}/${c.applicant}`),
        proactive_disclosure: truthTable<ProactiveCell>(truth.proactive_disclosure, (c) => `${c.category}/${c.measure}`),
        review_litigation: truthTable<ReviewCell>(truth.review_litigation, (c) => `${c.proceeding}/${c.result}`),
      },
    },
  };
}
