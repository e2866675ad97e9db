/**
 * fflate's DEFLATE compressor (fflate 0.8.3, MIT, © 2020 Arjun Barrett:
 * dflt, wblk, hTree, lc and their tables), ported as it is so its output is
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

const fleb = new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0, 0, 0, 0]);
const fdeb = new Uint8Array([0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13, 0, 0]);
const clim = new Uint8Array([16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]);

function freb(eb: Uint8Array, start: number): Int32Array {
  const b = new Uint16Array(31);
  for (let i = 0; i < 31; ++i) b[i] = start += 1 << eb[i - 1]!;
  const r = new Int32Array(b[30]);
  for (let i = 1; i < 30; ++i) for (let j = b[i]; j < b[i + 1]; ++j) r[j] = ((j - b[i]) << 5) | i;
  return r;
}
const revfl = freb(fleb, 2);
revfl[258] = 28;
const revfd = freb(fdeb, 0);
const rev = new Uint16Array(32768);
for (let i = 0; i < 32768; ++i) {
  let x = ((i & 0xaaaa) >> 1) | ((i & 0x5555) << 1);
  x = ((x & 0xcccc) >> 2) | ((x & 0x3333) << 2);
  x = ((x & 0xf0f0) >> 4) | ((x & 0x0f0f) << 4);
  rev[i] = (((x & 0xff00) >> 8) | ((x & 0x00ff) << 8)) >> 1;
}

/** Code for each symbol from code lengths (fflate's hMap without its reverse mode). */
function hMap(cd: Uint8Array, mb: number): Uint16Array {
  const s = cd.length;
  const l = new Uint16Array(mb);
  for (let i = 0; i < s; ++i) if (cd[i]) ++l[cd[i] - 1];
  const le = new Uint16Array(mb);
  for (let i = 1; i < mb; ++i) le[i] = (le[i - 1] + l[i - 1]) << 1;
  const co = new Uint16Array(s);
  for (let i = 0; i < s; ++i) if (cd[i]) co[i] = rev[le[cd[i] - 1]++] >> (15 - cd[i]);
  return co;
}
const flt = new Uint8Array(288);
for (let i = 0; i < 144; ++i) flt[i] = 8;
for (let i = 144; i < 256; ++i) flt[i] = 9;
for (let i = 256; i < 280; ++i) flt[i] = 7;
for (let i = 280; i < 288; ++i) flt[i] = 8;
const fdt = new Uint8Array(32).fill(5);
const flm = hMap(flt, 9);
const fdm = hMap(fdt, 5);
const et = new Uint8Array(0);
const shft = (p: number) => ((p + 7) / 8) | 0;

function wbits(d: Uint8Array, p: number, v: number): void {
  v <<= p & 7;
  const o = (p / 8) | 0;
  d[o] |= v;
  d[o + 1] |= v >> 8;
}
function wbits16(d: Uint8Array, p: number, v: number): void {
  v <<= p & 7;
  const o = (p / 8) | 0;
  d[o] |= v;
  d[o + 1] |= v >> 8;
  d[o + 2] |= v >> 16;
}

interface Node {
  s: number;
  f: number;
  l?: Node;
  r?: Node;
}
const ln = (n: Node, l: Uint16Array, d: number): number => (n.s == -1 ? Math.max(ln(n.l!, l, d + 1), ln(n.r!, l, d + 1)) : (l[n.s] = d));

function hTree(d: Uint16Array, mb: number): { t: Uint8Array; l: number } {
  const t: Node[] = [];
  for (let i = 0; i < d.length; ++i) if (d[i]) t.push({ s: i, f: d[i] });
  const s = t.length;
  const t2 = t.slice();
  if (!s) return { t: et, l: 0 };
  if (s == 1) {
    const v = new Uint8Array(t[0]!.s + 1);
    v[t[0]!.s] = 1;
    return { t: v, l: 1 };
  }
  t.sort((a, b) => a.f - b.f);
  t.push({ s: -1, f: 25001 });
  let l = t[0]!;
  let r = t[1]!;
  let i0 = 0;
  let i1 = 1;
  let i2 = 2;
  t[0] = { s: -1, f: l.f + r.f, l, r };
  while (i1 != s - 1) {
    l = t[t[i0]!.f < t[i2]!.f ? i0++ : i2++]!;
    r = t[i0 != i1 && t[i0]!.f < t[i2]!.f ? i0++ : i2++]!;
    t[i1++] = { s: -1, f: l.f + r.f, l, r };
  }
  let maxSym = t2[0]!.s;
  for (let i = 1; i < s; ++i) if (t2[i]!.s > maxSym) maxSym = t2[i]!.s;
  const tr = new Uint16Array(maxSym + 1);
  let mbt = ln(t[i1 - 1]!, tr, 0);
  if (mbt > mb) {
    let i = 0;
    let dt = 0;
    const lft = mbt - mb;
    const cst = 1 << lft;
    t2.sort((a, b) => tr[b.s] - tr[a.s] || a.f - b.f);
    for (; i < s; ++i) {
      const i2_1 = t2[i]!.s;
      if (tr[i2_1] > mb) {
        dt += cst - (1 << (mbt - tr[i2_1]));
        tr[i2_1] = mb;
      } else break;
    }
    dt >>= lft;
    while (dt > 0) {
      const i2_2 = t2[i]!.s;
      if (tr[i2_2] < mb) dt -= 1 << (mb - tr[i2_2]++ - 1);
      else ++i;
    }
    for (; i >= 0 && dt; --i) {
      const i2_3 = t2[i]!.s;
      if (tr[i2_3] == mb) {
        --tr[i2_3];
        ++dt;
      }
    }
    mbt = mb;
  }
  return { t: new Uint8Array(tr), l: mbt };
}

function lc(c: Uint8Array): { c: Uint16Array; n: number } {
  let s = c.length;
  while (s && !c[--s]);
  const cl = new Uint16Array(++s);
  let cli = 0;
  let cln = c[0];
  let cls = 1;
  const w = (v: number) => {
    cl[cli++] = v;
  };
  for (let i = 1; i <= s; ++i) {
    if (c[i] == cln && i != s) ++cls;
    else {
      if (!cln && cls > 2) {
        for (; cls > 138; cls -= 138) w(32754);
        if (cls > 2) {
          w(cls > 10 ? ((cls - 11) << 5) | 28690 : ((cls - 3) << 5) | 12305);
          cls = 0;
        }
      } else if (cls > 3) {
        w(cln), --cls;
        for (; cls > 6; cls -= 6) w(8304);
        if (cls > 2) w(((cls - 3) << 5) | 8208), (cls = 0);
      }
      while (cls--) w(cln);
      cls = 1;
      cln = c[i];
    }
  }
  return { c: cl.subarray(0, cli), n: s };
}

function clen(cf: Uint16Array, cl: Uint8Array): number {
  let l = 0;
  for (let i = 0; i < cl.length; ++i) l += cf[i] * cl[i];
  return l;
}

function wfblk(out: Uint8Array, pos: number, dat: Uint8Array): number {
  const s = dat.length;
  const o = shft(pos + 2);
  out[o] = s & 255;
  out[o + 1] = s >> 8;
  out[o + 2] = out[o] ^ 255;
  out[o + 3] = out[o + 1] ^ 255;
  for (let i = 0; i < s; ++i) out[o + i + 4] = dat[i];
  return (o + 4 + s) * 8;
}

function wblk(dat: Uint8Array, out: Uint8Array, final: number, syms: Int32Array, lf: Uint16Array, df: Uint16Array, eb: number, li: number, bs: number, bl: number, p: number): number {
  wbits(out, p++, final);
  ++lf[256];
  const { t: dlt, l: mlb } = hTree(lf, 15);
  const { t: ddt, l: mdb } = hTree(df, 15);
  const { c: lclt, n: nlc } = lc(dlt);
  const { c: lcdt, n: ndc } = lc(ddt);
  const lcfreq = new Uint16Array(19);
  for (let i = 0; i < lclt.length; ++i) ++lcfreq[lclt[i] & 31];
  for (let i = 0; i < lcdt.length; ++i) ++lcfreq[lcdt[i] & 31];
  const { t: lct, l: mlcb } = hTree(lcfreq, 7);
  let nlcc = 19;
  for (; nlcc > 4 && !lct[clim[nlcc - 1]]; --nlcc);
  const flen = (bl + 5) << 3;
  const ftlen = clen(lf, flt) + clen(df, fdt) + eb;
  const dtlen = clen(lf, dlt) + clen(df, ddt) + eb + 14 + 3 * nlcc + clen(lcfreq, lct) + 2 * lcfreq[16] + 3 * lcfreq[17] + 7 * lcfreq[18];
  if (bs >= 0 && flen <= ftlen && flen <= dtlen) return wfblk(out, p, dat.subarray(bs, bs + bl));
  let lm: Uint16Array, ll: Uint8Array, dm: Uint16Array, dl: Uint8Array;
  wbits(out, p, 1 + (dtlen < ftlen ? 1 : 0)), (p += 2);
  if (dtlen < ftlen) {
    (lm = hMap(dlt, mlb)), (ll = dlt), (dm = hMap(ddt, mdb)), (dl = ddt);
    const llm = hMap(lct, mlcb);
    wbits(out, p, nlc - 257);
    wbits(out, p + 5, ndc - 1);
    wbits(out, p + 10, nlcc - 4);
    p += 14;
    for (let i = 0; i < nlcc; ++i) wbits(out, p + 3 * i, lct[clim[i]]);
    p += 3 * nlcc;
    for (const clct of [lclt, lcdt]) {
      for (let i = 0; i < clct.length; ++i) {
        const len = clct[i] & 31;
        wbits(out, p, llm[len]), (p += lct[len]);
        if (len > 15) wbits(out, p, (clct[i] >> 5) & 127), (p += clct[i] >> 12);
      }
    }
  } else {
    (lm = flm), (ll = flt), (dm = fdm), (dl = fdt);
  }
  for (let i = 0; i < li; ++i) {
    const sym = syms[i];
    if (sym > 255) {
      const len = (sym >> 18) & 31;
      wbits16(out, p, lm[len + 257]), (p += ll[len + 257]);
      if (len > 7) wbits(out, p, (sym >> 23) & 31), (p += fleb[len]);
      const dst = sym & 31;
      wbits16(out, p, dm[dst]), (p += dl[dst]);
      if (dst > 3) wbits16(out, p, (sym >> 5) & 8191), (p += fdeb[dst]);
    } else {
      wbits16(out, p, lm[sym]), (p += ll[sym]);
    }
  }
  wbits16(out, p, lm[256]);
  return p + ll[256];
}

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
