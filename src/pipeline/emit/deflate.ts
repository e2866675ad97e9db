/**
 * fflate's DEFLATE compressor (fflate 0.8.3, MIT, © 2020 Arjun Barrett:
 * dflt here, its block writer in deflate-block.ts), ported as it is so its output is
 * byte for byte deflateSync(data, { level }) — tests compare the two — with
 * one addition: it records where each block begins (input position, output
 * bit), so a file changed past some point can be compressed again from the
 * last block boundary before the change instead of from the start.
 *
 * Why resuming gives the same bytes: at a block boundary the compressor's
 * whole state is the output so far and its two hash tables, and the tables
 * are a function of the input before the boundary alone (every position is
 * inserted, whatever was matched), so replaying the insertions over the
 * unchanged prefix rebuilds them; the blocks before the boundary read at most
 * 258 bytes past it. The hash table's size depends on the input's length, so
 * both lengths must give the same size (past e^13 bytes they all do).
 */

import { fdeb, fleb, revfd, revfl, shft, wblk } from './deflate-block.ts';

const deo = new Int32Array([65540, 131080, 131088, 131104, 262176, 1048704, 1048832, 2114560, 2117632]);

/** The hash table's bits for an input of this length, as fflate's deflateSync chooses them. */
const memLevel = (length: number) => Math.ceil(Math.max(8, Math.min(13, Math.log(length))) * 1.5);

/** Where a block begins: input position, output bit. Flat pairs. */
export type Boundaries = number[];

export interface Deflated {
  data: Uint8Array;
  boundaries: Boundaries;
}

/** A resume point: input position, output bit, the output's bytes before that bit's byte and the bits of that byte. */
interface Start {
  i: number;
  bit: number;
  head: Uint16Array;
  prev: Uint16Array;
  partial: number;
}

function dflt(dat: Uint8Array, lvl: number, start: Start | null, boundaries: Boundaries): Uint8Array {
  const s = dat.length;
  const plvl = memLevel(s);
  const base = start ? start.bit >> 3 : 0;
  const o = new Uint8Array(s - (start?.i ?? 0) + 5 * (1 + Math.ceil(s / 7000)) + 8);
  const w = o;
  let pos = start ? start.bit & 7 : 0;
  if (pos) w[0] = start!.partial;
  const opt = deo[lvl - 1];
  const n = opt >> 13;
  const c = opt & 8191;
  const msk = (1 << plvl) - 1;
  const prev = start?.prev ?? new Uint16Array(32768);
  const head = start?.head ?? new Uint16Array(msk + 1);
  const bs1 = Math.ceil(plvl / 3);
  const bs2 = 2 * bs1;
  const hsh = (i: number) => (dat[i] ^ (dat[i + 1] << bs1) ^ (dat[i + 2] << bs2)) & msk;
  const syms = new Int32Array(25000);
  const lf = new Uint16Array(288);
  const df = new Uint16Array(32);
  let lc_1 = 0;
  let eb = 0;
  let i = start?.i ?? 0;
  let li = 0;
  let wi = i;
  let bs = i;
  for (; i + 2 < s; ++i) {
    const hv = hsh(i);
    let imod = i & 32767;
    let pimod = head[hv];
    prev[imod] = pimod;
    head[hv] = imod;
    if (wi <= i) {
      const rem = s - i;
      if ((lc_1 > 7000 || li > 24576) && rem > 423) {
        pos = wblk(dat, w, 0, syms, lf, df, eb, li, bs, i - bs, pos);
        (li = lc_1 = eb = 0), (bs = i);
        for (let j = 0; j < 286; ++j) lf[j] = 0;
        for (let j = 0; j < 30; ++j) df[j] = 0;
        boundaries.push(i, base * 8 + pos);
      }
      let l = 2;
      let d = 0;
      let ch_1 = c;
      let dif = (imod - pimod) & 32767;
      if (rem > 2 && hv == hsh(i - dif)) {
        const maxn = Math.min(n, rem) - 1;
        const maxd = Math.min(32767, i);
        const ml = Math.min(258, rem);
        while (dif <= maxd && --ch_1 && imod != pimod) {
          if (dat[i + l] == dat[i + l - dif]) {
            let nl = 0;
            for (; nl < ml && dat[i + nl] == dat[i + nl - dif]; ++nl);
            if (nl > l) {
              (l = nl), (d = dif);
              if (nl > maxn) break;
              const mmd = Math.min(dif, nl - 2);
              let md = 0;
              for (let j = 0; j < mmd; ++j) {
                const ti = (i - dif + j) & 32767;
                const pti = prev[ti];
                const cd = (ti - pti) & 32767;
                if (cd > md) (md = cd), (pimod = ti);
              }
            }
          }
          (imod = pimod), (pimod = prev[imod]);
          dif += (imod - pimod) & 32767;
        }
      }
      if (d) {
        syms[li++] = 268435456 | (revfl[l] << 18) | revfd[d];
        const lin = revfl[l] & 31;
        const din = revfd[d] & 31;
        eb += fleb[lin] + fdeb[din];
        ++lf[257 + lin];
        ++df[din];
        wi = i + l;
        ++lc_1;
      } else {
        syms[li++] = dat[i];
        ++lf[dat[i]];
      }
    }
  }
  for (i = Math.max(i, wi); i < s; ++i) {
    syms[li++] = dat[i];
    ++lf[dat[i]];
  }
  pos = wblk(dat, w, 1, syms, lf, df, eb, li, bs, i - bs, pos);
  return o.slice(0, shft(pos));
}

/** deflateSync(data, { level }) of fflate, with the block boundaries. */
export function deflateRecorded(data: Uint8Array, level = 6): Deflated {
  const boundaries: Boundaries = [];
  const out = dflt(data, level, null, boundaries);
  return { data: out, boundaries };
}

/** Blocks before a boundary read at most this far past it (the longest match, 258, and the hash's 3 bytes). */
const LOOKAHEAD = 300;

/**
 * deflateRecorded of `data`, given the compression of an earlier version
 * whose first `unchanged` bytes it shares: the blocks before the last
 * boundary safely inside the shared bytes are kept, the rest is compressed
 * again. Null when nothing can be kept (then compress from the start).
 */
export function deflateResumed(data: Uint8Array, unchanged: number, before: Deflated, beforeLength: number, level = 6): Deflated | null {
  if (memLevel(data.length) !== memLevel(beforeLength)) return null;
  let k = -1;
  for (let j = 0; j < before.boundaries.length; j += 2) {
    const i = before.boundaries[j]!;
    if (i + LOOKAHEAD <= unchanged && data.length - i > 423 + LOOKAHEAD) k = j;
    else break;
  }
  if (k < 0) return null;
  const i = before.boundaries[k]!;
  const bit = before.boundaries[k + 1]!;
  const plvl = memLevel(data.length);
  const msk = (1 << plvl) - 1;
  const bs1 = Math.ceil(plvl / 3);
  const bs2 = 2 * bs1;
  const head = new Uint16Array(msk + 1);
  const prev = new Uint16Array(32768);
  // Every position before the boundary is inserted into the hash tables, as the compressor did.
  for (let j = 0; j < i; ++j) {
    const hv = (data[j] ^ (data[j + 1] << bs1) ^ (data[j + 2] << bs2)) & msk;
    prev[j & 32767] = head[hv];
    head[hv] = j & 32767;
  }
  const byte = bit >> 3;
  const partial = bit & 7 ? before.data[byte]! & ((1 << (bit & 7)) - 1) : 0;
  const boundaries = before.boundaries.slice(0, k + 2);
  const tail = dflt(data, level, { i, bit, head, prev, partial }, boundaries);
  const out = new Uint8Array(byte + tail.length);
  out.set(before.data.subarray(0, byte), 0);
  out.set(tail, byte);
  return { data: out, boundaries };
}
