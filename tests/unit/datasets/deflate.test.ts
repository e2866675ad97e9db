/**
 * src/pipeline/emit/deflate.ts is fflate's compressor ported: its output is
 * byte for byte fflate's deflateSync at level 6, and compressing a changed
 * file again from a block boundary before the change gives those same bytes.
 */
import { deflateSync, inflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { deflateRecorded, deflateResumed } from '../../../src/pipeline/emit/deflate.ts';

/** CSV-like text with repetition and variety, from a small seeded generator. */
function csvText(rows: number, seed: number): Uint8Array {
  let x = seed >>> 0;
  const rnd = () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const words = ['政府信息公开', '申请', '予以公开', '部分公开', 'natural_person', 'reported', '疫情防控', '12345热线', '', '"引号,逗号"'];
  const lines: string[] = ['\uFEFFreport_id,row,applicant,status,value,text'];
  for (let r = 0; r < rows; r++) {
    lines.push([`agency-${Math.floor(rnd() * 500)}-2022`, words[Math.floor(rnd() * words.length)], words[Math.floor(rnd() * words.length)], 'reported', Math.floor(rnd() * 1000), words[Math.floor(rnd() * words.length)].repeat(Math.floor(rnd() * 4))].join(','));
  }
  return new TextEncoder().encode(lines.join('\n') + '\n');
}

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe('the ported compressor', () => {
  it('gives fflate deflateSync level 6 bytes, small and large inputs', () => {
    const inputs = [new Uint8Array(0), new Uint8Array([1]), new Uint8Array([1, 2]), new Uint8Array([1, 2, 3]), new TextEncoder().encode('一、总体情况\n'.repeat(50)), csvText(200, 1), csvText(30_000, 2)];
    const noise = new Uint8Array(600_000);
    let x = 7;
    for (let i = 0; i < noise.length; i++) noise[i] = (x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 24;
    inputs.push(noise);
    for (const input of inputs) {
      const mine = deflateRecorded(input);
      expect(same(mine.data, deflateSync(input, { level: 6 })), `${input.length} bytes`).toBe(true);
    }
  });

  it('compresses a changed file again from a boundary before the change, to the same bytes as from the start', () => {
    const before = csvText(60_000, 3);
    const recorded = deflateRecorded(before);
    expect(recorded.boundaries.length).toBeGreaterThan(20);
    const at = Math.floor(before.length * 0.6);
    const change = new TextEncoder().encode('本报告发布后更正了一处文字。\n');
    for (const after of [
      new Uint8Array([...before.subarray(0, at), ...change, ...before.subarray(at)]),
      before.subarray(0, at + 10),
      new Uint8Array([...before, ...change]),
    ]) {
      const resumed = deflateResumed(after, Math.min(at, after.length), recorded, before.length);
      expect(resumed).not.toBeNull();
      expect(same(resumed!.data, deflateSync(after, { level: 6 }))).toBe(true);
      expect(resumed!.boundaries).toEqual(deflateRecorded(after).boundaries);
      expect(same(inflateSync(resumed!.data), after)).toBe(true);
    }
    // A change before the first boundary leaves nothing to keep.
    expect(deflateResumed(before, 10, recorded, before.length)).toBeNull();
  });
});
