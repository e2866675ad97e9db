/**
 * fflate's DEFLATE compressor (fflate 0.8.3, MIT, © 2020 Arjun Barrett:
 * dflt here, its block writer in deflate-block.ts), ported as it is so its
 * output is byte for byte deflateSync(data, { level }) — tests compare the
 * two — with one addition: a piece of a file can be compressed as a
 * non-final run of blocks that ends on a byte boundary (an empty stored
 * block, as zlib's Z_SYNC_FLUSH ends one). Pieces compressed on their own
 * and put one after the other, then an empty final block, are one valid
 * DEFLATE stream (segments.ts), so a changed file is compressed again only
 * in the pieces that changed.
 */

import { fdeb, fleb, revfd, revfl, shft, wblk, wfblk, wbits } from './deflate-block.ts';

const deo = new Int32Array([65540, 131080, 131088, 131104, 262176, 1048704, 1048832, 2114560, 2117632]);

/** The hash table's bits for an input of this length, as fflate's deflateSync chooses them. */
const memLevel = (length: number) => Math.ceil(Math.max(8, Math.min(13, Math.log(length))) * 1.5);

/** An empty final block with fixed codes (BFINAL 1, BTYPE 01, end of block): what ends a stream of pieces. */
export const FINAL_EMPTY_BLOCK = new Uint8Array([0x03, 0x00]);

/** fflate's dflt; with `final` false, the last block is not final and an empty stored block follows it. */
function dflt(dat: Uint8Array, lvl: number, final: boolean): Uint8Array {
  const s = dat.length;
  const plvl = memLevel(s);
  // fflate's bound, and 5 bytes more for the empty stored block.
  const o = new Uint8Array(s + 5 * (1 + Math.ceil(s / 7000)) + 8 + 5);
  const w = o;
  let pos = 0;
  const opt = deo[lvl - 1];
  const n = opt >> 13;
  const c = opt & 8191;
  const msk = (1 << plvl) - 1;
  const prev = new Uint16Array(32768);
  const head = new Uint16Array(msk + 1);
  const bs1 = Math.ceil(plvl / 3);
  const bs2 = 2 * bs1;
  const hsh = (i: number) => (dat[i] ^ (dat[i + 1] << bs1) ^ (dat[i + 2] << bs2)) & msk;
  const syms = new Int32Array(25000);
  const lf = new Uint16Array(288);
  const df = new Uint16Array(32);
  let lc_1 = 0;
  let eb = 0;
  let i = 0;
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
  pos = wblk(dat, w, final ? 1 : 0, syms, lf, df, eb, li, bs, i - bs, pos);
  if (!final) {
    wbits(w, pos, 0);
    pos = wfblk(w, pos + 1, EMPTY);
  }
  return o.slice(0, shft(pos));
}

const EMPTY = new Uint8Array(0);

/**
 * deflateSync(data, { level }) of fflate. The build compresses only pieces; this is what the tests compare
 * with fflate itself, byte for byte, to show the port (and so deflatePiece, the same code) is fflate's.
 */
export function deflateWhole(data: Uint8Array, level = 6): Uint8Array {
  return dflt(data, level, true);
}

/** One piece of a file, compressed on its own: blocks none of which is final, ending on a byte boundary. */
export function deflatePiece(data: Uint8Array, level = 6): Uint8Array {
  return dflt(data, level, false);
}
