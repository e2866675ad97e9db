/**
 * npm run bench's child-process measure (src/synth/bench/measure.ts): the
 * CPU time it reports is the command's and its descendants', read from
 * /usr/bin/time -v, so a child that spins for a while in a grandchild shows
 * that time, and an idle one almost none.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { parsedReadParseLabel } from '../../../src/pipeline/run.ts';
import { parseTimingLine } from '../../../src/pipeline/timings.ts';
import { measure } from '../../../src/synth/bench/measure.ts';

const work = mkdtempSync(join(tmpdir(), 'nianbao-measure-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// Spins for `ms` of wall time in a grandchild process, then the child ends.
const spinInGrandchild = (ms: number) =>
  `require('node:child_process').execFileSync(process.execPath, ['-e', 'const end = Date.now() + ${ms}; while (Date.now() < end);'])`;

describe('measure', () => {
  it.runIf(existsSync('/usr/bin/time'))("counts a descendant's CPU time", async () => {
    const busy = await measure(process.execPath, ['-e', spinInGrandchild(600)]);
    expect(busy.ok).toBe(true);
    expect(busy.cpu).not.toBeNull();
    expect(busy.cpu!.user + busy.cpu!.system).toBeGreaterThan(0.45);
    expect(busy.seconds).toBeGreaterThan(0.6);
    const idle = await measure(process.execPath, ['-e', 'setTimeout(() => {}, 600)']);
    expect(idle.cpu!.user + idle.cpu!.system).toBeLessThan(0.4);
    expect(idle.seconds).toBeGreaterThan(0.6);
  }, 30_000);

  it('hands back whole the output lines it was asked to keep, from stdout and stderr', async () => {
    // Thousands of other lines, a kept one written in two pieces, and a last one with no line end: the output
    // itself is kept only in part.
    const script = [
      "for (let i = 0; i < 5000; i++) process.stderr.write(`finding ${i}\\n`);",
      "process.stderr.write('timings: run read+parse (3 parsed, 0 cached) 12 ms');",
      "setTimeout(() => { process.stderr.write(' wall, 30 ms cpu\\n'); process.stdout.write('timings: run emit 5 ms wall, 6 ms cpu'); }, 100);",
    ].join('\n');
    const m = await measure(process.execPath, ['-e', script], {}, /^timings: /);
    expect(m.ok).toBe(true);
    expect(m.output).not.toContain('finding 0\n');
    expect(m.kept.sort()).toEqual(['timings: run emit 5 ms wall, 6 ms cpu', 'timings: run read+parse (3 parsed, 0 cached) 12 ms wall, 30 ms cpu']);
  }, 30_000);

  it("reads the data stage's parse step from its timings line, as the bench does", async () => {
    // The real corpus into a fresh parse cache: every report is parsed, none cached.
    const out = join(work, 'data');
    const m = await measure(process.execPath, ['--import', 'tsx', 'scripts/data.ts', '--content', 'content', '--out', out], { NIANBAO_TIMINGS: '1', NIANBAO_CACHE_DIR: join(work, 'cache') }, /^timings: run read\+parse /);
    expect(m.ok).toBe(true);
    const timing = parseTimingLine(m.kept[0] ?? '');
    expect(timing?.scope).toBe('run');
    const reports = parse(readFileSync(join(out, 'reports.csv')), { columns: true, bom: true }) as unknown[];
    expect(reports).toHaveLength(10);
    expect(parsedReadParseLabel(timing!.label)).toEqual({ parsed: 10, cached: 0 });
    expect(timing!.wallMs).toBeGreaterThan(0);
    expect(timing!.cpuMs).toBeGreaterThan(0);
  }, 60_000);

  it.runIf(!existsSync('/usr/bin/time'))('says nothing of CPU time without /usr/bin/time', async () => {
    const m = await measure(process.execPath, ['-e', '0']);
    expect(m.cpu).toBeNull();
  });
});
