/**
 * Bugs the mutation run found in other stages, each reduced to one input
 * (issue 8). A test here fails until its stage is fixed; it then guards the fix.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseReport } from '../../../src/pipeline/report.ts';
import { sha256Hex } from '../../../src/pipeline/read.ts';
import type { ReportRecord } from '../../../src/schema/types.ts';

function parseText(path: string, text: string): ReportRecord {
  const bytes = new TextEncoder().encode(text);
  return parseReport({ path, bytes, sha256: sha256Hex(bytes), provenance: { source_url: null, obtained: null, note: null } });
}

function cpuMs<T>(f: () => T): { value: T; ms: number } {
  const t0 = process.cpuUsage();
  const value = f();
  const d = process.cpuUsage(t0);
  return { value, ms: (d.user + d.system) / 1000 };
}

describe('found by npm run mutate', () => {
  // Mutant #134 (seed 7): a 2,000,000-digit line made metadata/contact.ts's WEBSITE regex quadratic (hours).
  // Fixed in contact.ts (bounded host labels, start after a non-host character).
  it('a report with a line of 300,000 digits parses in bounded time', () => {
    const text = readFileSync('content/004_e90c2bdef7009ef2.txt', 'utf8') + '\n' + '1234567890'.repeat(30_000) + '\n';
    const { value, ms } = cpuMs(() => parseText('long-digits.txt', text));
    expect(value.source_file).toBe('long-digits.txt');
    expect(ms).toBeLessThan(2000);
  });

  // Mutant #1647 (seed 20261124, reorderSections): part 一 moved after part 四 of 12_hebei_jyt_2019.txt
  // (one cell per line, blank cells as empty lines). Table 四's own lines are unchanged, but the tables
  // stage then reads its three 0s as `pending` instead of `total`: the reading of a blank-line table
  // depends on the text that follows it.
  it('table 四 reads the same when the text after it changes', () => {
    const original = readFileSync('content/12_hebei_jyt_2019.txt', 'utf8');
    const one = original.indexOf('一、总体情况');
    const two = original.indexOf('二、主动公开政府信息情况');
    const five = original.indexOf('五、存在的主要问题');
    const moved = original.slice(0, one) + original.slice(two, five) + original.slice(one, two) + original.slice(five);
    expect(moved.length).toBe(original.length);
    const cells = (r: ReportRecord) => r.tables.review_litigation.cells.map((c) => `${c.proceeding}/${c.result}=${c.status}:${c.value ?? ''}`);
    const a = cells(parseText('12_hebei_jyt_2019.txt', original));
    expect(a).toContain('reconsideration/total=reported:0');
    expect(cells(parseText('moved.txt', moved))).toEqual(a);
  });
});

describe('found by npm run mutate (tables stage, glued cells)', () => {
  // Mutant #4775 (seed 20261124, duplicateUnit) of 03_pingtan_2020.txt: the row 三(七) 总计 printed
  // "20 0 00 0 121" becomes "20 0 0 00 0 121" (one more "0 "). Six tokens for seven cells: exactly one split
  // satisfies the row total (20 0 0 0 0 1 21: 20+0+0+0+0+1 = 21), yet the stage reports 20 0 0 0 0 0 | 121,
  // which its own row total refutes (20 ≠ 121), as `reported`.
  it('never reports a split of glued digits that the row total refutes when one that satisfies it exists', () => {
    const original = readFileSync('content/03_pingtan_2020.txt', 'utf8');
    const mutated = original.replace('（七）总计20 0 00 0 121', '（七）总计20 0 0 00 0 121');
    expect(mutated).not.toBe(original);
    const r = parseText('pingtan-extra-zero.txt', mutated);
    const row = r.tables.applications.cells.filter((c) => c.row === 'outcome_total' && (c.status === 'reported' || c.status === 'imputed'));
    const total = row.find((c) => c.applicant === 'total')?.value ?? null;
    const parts = row.filter((c) => c.applicant !== 'total').map((c) => c.value ?? 0);
    if (total !== null && parts.length === 6) expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
    expect(total === null || total === 21).toBe(true);
  });
});

describe('found by npm run mutate (tables stage, table 四 header)', () => {
  // Mutant #47826 (seed 20261124, hugeLine) of 10_hongze_2024_pypdf.txt: a long line inserted inside table 四's
  // wrapped header, between 尚未 and 审结, cut the first 尚未审结 label; the result order was then read from the
  // header's first occurrences (总计 before 尚未审结) and pending/total were swapped in all three proceedings.
  it('a header with a label cut by noise keeps the template order of results', () => {
    const original = readFileSync('content/10_hongze_2024_pypdf.txt', 'utf8');
    const at = original.indexOf('尚未\n') + '尚未\n'.length;
    const mutated = original.slice(0, at) + '经说光而们人发们对动发月水后要多后出上花说产同'.repeat(50) + '\n' + original.slice(at);
    const cells = (r: ReportRecord) => r.tables.review_litigation.cells.map((c) => `${c.proceeding}/${c.result}=${c.status}:${c.value ?? ''}`);
    const a = cells(parseText('10_hongze_2024_pypdf.txt', original));
    expect(a).toContain('reconsideration/total=reported:2');
    expect(cells(parseText('noisy-header.txt', mutated))).toEqual(a);
  });
});

describe('found by npm run mutate (tables stage, a lost row label)', () => {
  // Mutant #41707 (seed 20261124, deleteUnits) of 12_hebei_jyt_2019.txt (one cell per line, empty cells as longer
  // runs of blank lines): the line （七）总计 was deleted, so the empty （六）其他处理 row was followed by a whole
  // row of empty positions and then the 总计 values (16 0 0 0 0 0 16), which were read as 其他处理's.
  it('values after a whole row of empty positions are not given to that row', () => {
    const original = readFileSync('content/12_hebei_jyt_2019.txt', 'utf8');
    const mutated = original.replace('（七）总计\r', '');
    expect(mutated).not.toBe(original);
    const r = parseText('lost-label.txt', mutated);
    const other = r.tables.applications.cells.filter((c) => c.row === 'other_handling');
    expect(other.filter((c) => c.status === 'reported' || c.status === 'imputed')).toEqual([]);
  });
});
