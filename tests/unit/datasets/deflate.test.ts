/**
 * src/pipeline/emit/deflate.ts is fflate's compressor ported: its output is
 * byte for byte fflate's deflateSync at level 6. segments.ts cuts a file into
 * pieces compressed on their own; put together they inflate to the file (by
 * zlib, a reader other than the writer), and a change to a few rows
 * compresses again only the pieces around it, to the bytes a fresh run gives.
 */
import { deflateSync } from 'fflate';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { deflatePiece, deflateWhole } from '../../../src/pipeline/emit/deflate.ts';
import { deflatePieces, MAX_PIECE, MIN_PIECE, NO_PIECES, pieceEnds, type PieceStore } from '../../../src/pipeline/emit/segments.ts';

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

/** A piece store in memory that counts what it was asked for. */
function memoryStore(): PieceStore & { kept: Map<string, Uint8Array>; misses: number } {
  const kept = new Map<string, Uint8Array>();
  const store = {
    kept,
    misses: 0,
    piece: (sha: string) => kept.get(sha) ?? (store.misses++, null),
    putPiece: (sha: string, data: Uint8Array) => void kept.set(sha, data),
  };
  return store;
}

const NOISE = (() => {
  const noise = new Uint8Array(600_000);
  let x = 7;
  for (let i = 0; i < noise.length; i++) noise[i] = (x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 24;
  return noise;
})();

describe('the ported compressor', () => {
  const inputs = [new Uint8Array(0), new Uint8Array([1]), new Uint8Array([1, 2]), new Uint8Array([1, 2, 3]), new TextEncoder().encode('一、总体情况\n'.repeat(50)), csvText(200, 1), csvText(30_000, 2), NOISE];

  it('gives fflate deflateSync level 6 bytes, small and large inputs', () => {
    for (const input of inputs) expect(same(deflateWhole(input), deflateSync(input, { level: 6 })), `${input.length} bytes`).toBe(true);
  });

  it('compresses a piece as blocks none of which is final, ending on a byte boundary (an empty stored block)', () => {
    for (const input of inputs) {
      const piece = deflatePiece(input);
      expect(same(piece.subarray(-4), new Uint8Array([0, 0, 0xff, 0xff])), `${input.length} bytes`).toBe(true);
      // Two pieces one after the other, then the final empty block, are one stream.
      const stream = Buffer.concat([piece, deflatePiece(input), new Uint8Array([3, 0])]);
      expect(same(inflateRawSync(stream), Buffer.concat([input, input])), `${input.length} bytes`).toBe(true);
    }
  });
});

describe('a file in pieces', () => {
  it('cuts at line ends between MIN_PIECE and MAX_PIECE, and the whole file inflates back', () => {
    for (const input of [new Uint8Array(0), csvText(10, 4), csvText(120_000, 5), NOISE, new Uint8Array(MAX_PIECE * 2 + 5).fill(0x41)]) {
      const ends = pieceEnds(input);
      expect(ends.at(-1)).toBe(input.length);
      let start = 0;
      for (const end of ends.slice(0, -1)) {
        expect(end - start).toBeGreaterThanOrEqual(MIN_PIECE);
        expect(end - start).toBeLessThanOrEqual(MAX_PIECE);
        // A line end, unless no line end qualified before MAX_PIECE.
        if (end - start < MAX_PIECE) expect(input[end - 1]).toBe(0x0a);
        start = end;
      }
      const { entry } = deflatePieces(input, NO_PIECES);
      expect(entry.size).toBe(input.length);
      expect(same(inflateRawSync(entry.data), input), `${input.length} bytes`).toBe(true);
    }
    expect(pieceEnds(csvText(120_000, 5)).length).toBeGreaterThan(5);
  });

  it('compresses again only the pieces around a change, to the bytes of a fresh run', () => {
    const before = csvText(150_000, 3);
    const store = memoryStore();
    const first = deflatePieces(before, store);
    expect(first.pieces.length).toBeGreaterThan(8);
    const change = new TextEncoder().encode('本报告发布后更正了一处文字。\n');
    const at = before.indexOf(0x0a, Math.floor(before.length * 0.3)) + 1;
    for (const after of [
      new Uint8Array([...before.subarray(0, at), ...change, ...before.subarray(at)]),
      new Uint8Array([...before.subarray(0, at), ...before.subarray(before.indexOf(0x0a, at) + 1)]),
      new Uint8Array([...before, ...change]),
    ]) {
      const again = deflatePieces(after, store);
      expect(again.compressed).toBeLessThanOrEqual(2);
      expect(same(again.entry.data, deflatePieces(after, NO_PIECES).entry.data)).toBe(true);
      expect(same(inflateRawSync(again.entry.data), after)).toBe(true);
    }
  });
});
