/** src/search/pagefind-meta.ts: the CBOR of Pagefind's metadata, and the files a written bundle is made of. */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { afterAll, describe, expect, it } from 'vitest';
import { hashedBundleFiles, readCbor } from '../../../src/search/pagefind-meta.ts';

const work = mkdtempSync(join(tmpdir(), 'nianbao-pagefind-meta-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('readCbor', () => {
  it('reads integers, strings, arrays, maps and null, and says where the next item starts', () => {
    // [1, "abc", [256, null], {"k": -2}], then one more byte
    const bytes = Uint8Array.from([0x84, 0x01, 0x63, 0x61, 0x62, 0x63, 0x82, 0x19, 0x01, 0x00, 0xf6, 0xa1, 0x61, 0x6b, 0x21, 0x00]);
    const { value, next } = readCbor(bytes);
    expect(value).toEqual([1, 'abc', [256, null], new Map([['k', -2]])]);
    expect(next).toBe(15);
  });

  it('refuses what Pagefind does not write: indefinite lengths, floats, a cut item', () => {
    expect(() => readCbor(Uint8Array.from([0x9f, 0x01, 0xff]))).toThrow(/unsupported/);
    expect(() => readCbor(Uint8Array.from([0xfb, 0, 0, 0, 0, 0, 0, 0, 0]))).toThrow(/unsupported/);
    expect(() => readCbor(Uint8Array.from([0x63, 0x61]))).toThrow(/ends inside/);
  });
});

describe('hashedBundleFiles', () => {
  it('names exactly the hashed files Pagefind wrote: metadata, one fragment per page, index chunks, filters', async () => {
    const { index } = await pagefind.createIndex({ forceLanguage: 'zh-cn' });
    for (const n of [1, 2, 3]) {
      await index!.addCustomRecord({ url: `/r${n}/`, content: `第${n}份报告：政府信息公开工作稳步推进。`, language: 'zh-cn', meta: { title: `r${n}` }, filters: { year: [`202${n}`] } });
    }
    const out = join(work, 'bundle');
    expect((await index!.writeFiles({ outputPath: out })).errors).toEqual([]);
    await pagefind.close();
    const files = hashedBundleFiles(out);
    const written = [
      ...readdirSync(out).filter((f) => f.endsWith('.pf_meta')),
      ...['fragment', 'index', 'filter'].flatMap((d) => readdirSync(join(out, d)).map((f) => `${d}/${f}`)),
    ];
    expect([...files].sort()).toEqual(written.sort());
    expect([...files].filter((f) => f.startsWith('fragment/'))).toHaveLength(3);
  });
});
