/**
 * The invariant checker and the harness must be able to fail: crafted records
 * and deliberately broken parsers are caught, correct ones pass.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkRecord, type MutantContext } from '../../../src/robustness/invariants.ts';
import { loadCorpus, makeMutant, runMutants, type Parse } from '../../../src/robustness/harness.ts';
import { parseReport } from '../../../src/pipeline/report.ts';
import { sha256Hex } from '../../../src/pipeline/read.ts';
import type { ApplicationCell, ReportRecord, ReviewCell } from '../../../src/schema/types.ts';

const PATH = '004_e90c2bdef7009ef2.txt';
const bytes = new Uint8Array(readFileSync(`content/${PATH}`));
const base = parseReport({ path: PATH, bytes, sha256: sha256Hex(bytes), provenance: { source_url: null, obtained: null, note: null } });

function app(row: ApplicationCell['row'], applicant: ApplicationCell['applicant'], value: number | null, status: ApplicationCell['status'] = 'reported'): ApplicationCell {
  return { row, applicant, value, status, raw: value === null ? null : String(value), unit: null };
}
function rev(proceeding: ReviewCell['proceeding'], result: ReviewCell['result'], value: number, status: ReviewCell['status'] = 'reported'): ReviewCell {
  return { proceeding, result, value, status, raw: String(value), unit: null };
}
function withCells(applications: ApplicationCell[], review: ReviewCell[] = []): ReportRecord {
  return {
    ...base,
    tables: {
      proactive_disclosure: { status: 'missing', template: null, cells: [] },
      applications: { status: 'present', template: '2021', cells: applications },
      review_litigation: { status: review.length ? 'present' : 'missing', template: review.length ? '2021' : null, cells: review },
    },
  };
}
function ctx(over: Partial<MutantContext> = {}): MutantContext {
  return { path: PATH, sha256: base.source_sha256, text: '新收 5 件，结转 3 件，另 7 件', narrativeOnly: false, newNumbers: new Set(), touched: '', ...over };
}

const original = withCells([app('received_new', 'natural_person', 5), app('carried_over_in', 'natural_person', 3), app('disclosed', 'natural_person', null, 'blank')]);

describe('checkRecord', () => {
  it('accepts the original itself', () => {
    expect(checkRecord(original, original, ctx())).toEqual([]);
    expect(checkRecord(original, original, ctx({ narrativeOnly: true }))).toEqual([]);
  });

  it('flags any table change after a narrative-only edit, even a lost cell', () => {
    const lost = withCells([app('received_new', 'natural_person', 5), app('carried_over_in', 'natural_person', null, 'missing'), app('disclosed', 'natural_person', null, 'blank')]);
    const breaches = checkRecord(original, lost, ctx({ narrativeOnly: true }));
    expect(breaches.map((b) => [b.kind, b.key])).toEqual([['narrative_edit_changed_tables', 'applications/carried_over_in/natural_person']]);
  });

  it('allows a cell to be lost after a table mutation, never to change to a number the mutation did not print', () => {
    const lost = withCells([app('received_new', 'natural_person', 5), app('carried_over_in', 'natural_person', null, 'missing')]);
    expect(checkRecord(original, lost, ctx())).toEqual([]);
    // 7 is printed in the text but the mutation neither printed nor moved it: a value read from the wrong place.
    const moved = withCells([app('received_new', 'natural_person', 7), app('carried_over_in', 'natural_person', 3)]);
    expect(checkRecord(original, moved, ctx()).map((b) => b.kind)).toEqual(['wrong_value']);
    expect(checkRecord(original, moved, ctx({ touched: '…| 7 |…' }))).toEqual([]);
    expect(checkRecord(original, moved, ctx({ newNumbers: new Set([7]) }))).toEqual([]);
  });

  it('flags a reported number printed nowhere, and a blank read as 0', () => {
    const invented = withCells([app('received_new', 'natural_person', 5), app('disclosed', 'natural_person', 0)]);
    expect(checkRecord(original, invented, ctx()).map((b) => [b.kind, b.key])).toEqual([['invented_value', 'applications/disclosed/natural_person']]);
  });

  it('accepts an imputed value only when it is the original or an identity of the mutant confirms it', () => {
    const orig = withCells([], [rev('reconsideration', 'upheld', 1), rev('reconsideration', 'corrected', 1), rev('reconsideration', 'other', 0), rev('reconsideration', 'pending', 0), rev('reconsideration', 'total', 2)]);
    const imputedRight = withCells([], [rev('reconsideration', 'upheld', 1), rev('reconsideration', 'corrected', 2, 'imputed'), rev('reconsideration', 'other', 0), rev('reconsideration', 'pending', 0), rev('reconsideration', 'total', 3)]);
    const text = '维持 1 纠正 其他 0 未结 0 总计 3';
    expect(checkRecord(orig, imputedRight, ctx({ text, newNumbers: new Set([3]) }))).toEqual([]);
    const imputedWrong = withCells([], [rev('reconsideration', 'upheld', 1), rev('reconsideration', 'corrected', 5, 'imputed'), rev('reconsideration', 'other', 0), rev('reconsideration', 'pending', 0), rev('reconsideration', 'total', 3)]);
    expect(checkRecord(orig, imputedWrong, ctx({ text, newNumbers: new Set([3]) })).map((b) => b.kind)).toEqual(['unfounded_imputation']);
  });

  it('flags a record of another file or with an unsafe id', () => {
    const kinds = checkRecord(original, { ...original, source_file: 'other.txt', report_id: '../x' }, ctx()).map((b) => b.kind);
    expect(kinds).toEqual(['bad_record', 'bad_record']);
    expect(checkRecord(original, undefined, ctx()).map((b) => b.kind)).toEqual(['bad_record']);
  });
});

describe('the harness catches a broken parser', () => {
  const corpus = loadCorpus('content');

  it('counts an exception as a crash and a lost input', () => {
    const throwing: Parse = (f) => (f.bytes.length % 3 === 0 ? (() => { throw new RangeError('boom'); })() : parseReport(f));
    const t = runMutants(corpus, 1, 0, 60, throwing);
    expect(t.crashes).toBeGreaterThan(5);
    expect(t.lost).toBe(t.crashes);
    expect(t.examples[0]!.crash).toBe('RangeError: boom');
  });

  it('counts a record under another name as lost', () => {
    const renaming: Parse = (f) => ({ ...parseReport(f), source_file: 'x.txt' });
    expect(runMutants(corpus, 1, 0, 20, renaming).lost).toBe(20);
  });

  it('counts an invented cell value as a breach', () => {
    const inventing: Parse = (f) => {
      const r = parseReport(f);
      const cells = [app('received_new', 'total', f.path.includes('.m') ? 987654321 : 1)];
      return { ...r, tables: { ...r.tables, applications: { status: 'present', template: '2021', cells } } };
    };
    const corpusB = loadCorpus('content', inventing);
    const t = runMutants(corpusB, 1, 0, 30, inventing);
    expect(t.breaches).toBe(30);
    expect(t.examples[0]!.breaches[0]!.kind).toBe('invented_value');
  });

  it('rebuilds the same mutant from its number', () => {
    const a = makeMutant(corpus, 42, 123);
    const b = makeMutant(corpus, 42, 123);
    expect(sha256Hex(a.bytes)).toBe(sha256Hex(b.bytes));
    expect(a.path).toBe(b.path);
    expect(sha256Hex(makeMutant(corpus, 43, 123).bytes)).not.toBe(sha256Hex(a.bytes));
  });
});
