/**
 * The parse cache keeps every report's digest in one append-only file
 * (digests.jsonl): written in batches, read once, a damaged line is a miss,
 * and the file is rewritten with only this run's keys once it holds many more.
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openCache } from '../../../src/pipeline/parallel/cache.ts';

const dir = mkdtempSync(join(tmpdir(), 'nianbao-digest-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const key = (i: number) => i.toString(16).padStart(64, '0');

describe('the digest file', () => {
  it('gives back what a previous run stored, misses a damaged line, and drops keys no longer used once it is large', () => {
    const first = openCache(dir);
    for (let i = 0; i < 300; i++) first.putDigest(key(i), { n: i, text: '一\t"x"\n' });
    first.flush();
    // A line cut short (a crash mid-write), then a whole one.
    appendFileSync(join(dir, 'digests.jsonl'), `${key(1000)}\t{"n":10`);
    appendFileSync(join(dir, 'digests.jsonl'), `\n${key(1001)}\t{"n":1001}\n`);

    const second = openCache(dir);
    expect(second.getDigest(key(7))).toEqual({ n: 7, text: '一\t"x"\n' });
    expect(second.getDigest(key(299))).toEqual({ n: 299, text: '一\t"x"\n' });
    expect(second.getDigest(key(1000))).toBeNull();
    expect(second.getDigest(key(1001))).toEqual({ n: 1001 });
    expect(second.getDigest(key(5000))).toBeNull();

    // 301 lines for 2 keys in use: under the 2 × keys + 1000 threshold, kept; over it, rewritten.
    second.flush([key(3), key(4)]);
    expect(readFileSync(join(dir, 'digests.jsonl'), 'utf8').split('\n').length).toBeGreaterThan(300);
    const third = openCache(dir);
    for (let i = 300; i < 1200; i++) third.putDigest(key(i), { n: i });
    third.flush([key(3), key(1100)]);
    expect(readFileSync(join(dir, 'digests.jsonl'), 'utf8')).toBe(`${key(3)}\t{"n":3,"text":"一\\t\\"x\\"\\n"}\n${key(1100)}\t{"n":1100}\n`);
    expect(openCache(dir).getDigest(key(1100))).toEqual({ n: 1100 });
  });
});
