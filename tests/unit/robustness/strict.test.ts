/**
 * --strict for CI of the data (issue 8 §7): non-zero exit on any error-level
 * finding, zero without; the default mode publishes with findings and exits 0.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';

const work = mkdtempSync(join(tmpdir(), 'nianbao-strict-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function folder(name: string, files: string[], extra: Record<string, Uint8Array> = {}): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  for (const f of files) copyFileSync(join('content', f), join(dir, f));
  for (const [f, bytes] of Object.entries(extra)) writeFileSync(join(dir, f), bytes);
  return dir;
}

function data(content: string, out: string, strict: boolean) {
  const r = spawnSync('npx', ['tsx', 'scripts/data.ts', '--content', content, '--out', out, ...(strict ? ['--strict'] : [])], { encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr };
}

// Two reports with no error-level finding (checked by reading them: their tables balance, no spam).
const CLEAN = ['000_bbae7e2c4812eba4.txt', '004_e90c2bdef7009ef2.txt'];
// 002 carries injected gambling spam (narrative.injected_spam, an error); a PDF is unreadable (file.unreadable, an error).
const PDF = { 'scan.pdf': new TextEncoder().encode('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n') };

describe('data --strict', () => {
  it('exits 0 on a corpus without error-level findings', () => {
    expect(data(folder('clean', CLEAN), join(work, 'out-clean'), true).status).toBe(0);
  });

  it('exits 1 on any error-level finding and names the file and rule', () => {
    const r = data(folder('dirty', [...CLEAN, '002_8000bc9f9e439cef.txt'], PDF), join(work, 'out-dirty-strict'), true);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('002_8000bc9f9e439cef.txt: narrative.injected_spam');
    expect(r.stderr).toContain('scan.pdf: file.unreadable');
  });

  it('without --strict publishes everything with its findings and exits 0', () => {
    const out = join(work, 'out-dirty');
    const r = data(folder('dirty2', [...CLEAN, '002_8000bc9f9e439cef.txt'], PDF), out, false);
    expect(r.status).toBe(0);
    const rows = parse(readFileSync(join(out, 'reports.csv')), { bom: true, columns: true }) as Record<string, string>[];
    const byFile = Object.fromEntries(rows.map((x) => [x.source_file, x]));
    expect(Object.keys(byFile).sort()).toEqual(['000_bbae7e2c4812eba4.txt', '002_8000bc9f9e439cef.txt', '004_e90c2bdef7009ef2.txt', 'scan.pdf']);
    expect(byFile['scan.pdf']!.parse_status).toBe('failed');
    expect(Number(byFile['002_8000bc9f9e439cef.txt']!.findings_error)).toBeGreaterThan(0);
  });
});
