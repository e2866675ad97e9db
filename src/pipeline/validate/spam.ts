/**
 * narrative.injected_spam: gambling or porn vocabulary (spam-terms.ts)
 * injected into the page, e.g. 立博平台 put in place of 政务公开. One finding
 * per part of the report that carries it, naming each matched text and how
 * often it occurs; hits outside the six parts (title, preamble, footer) are
 * reported at location `text`.
 */
import type { Finding, Section } from '../../schema/types.ts';
import { emptyList } from '../packed.ts';
import { makeFinding } from '../findings.ts';
import { sectionLabel } from './labels.ts';
import { normaliseForMatch } from '../normalize.ts';
import type { ReportText } from './normalised.ts';
import { mayHaveSpam } from './spam-screen.ts';
import { SPAM_TERMS, type SpamTerm } from './spam-terms.ts';

export interface SpamHit {
  /** The matched text, normalised (NFKC, no whitespace, lower case). */
  text: string;
  count: number;
}

interface Span {
  start: number;
  end: number;
}

/** Where the entry matches at `start`, or null when its context rules it out. */
function matchAt(s: string, start: number, t: SpamTerm): Span | null {
  let end = start + t.term.length;
  if (t.followedBy) {
    let found = -1;
    for (let gap = 0; gap <= (t.followWithin ?? 0) && found < 0; gap++) {
      const w = t.followedBy.find((x) => s.startsWith(x, end + gap));
      if (w) found = end + gap + w.length;
    }
    if (found < 0) return null;
    end = found;
  }
  if (t.notNear) {
    const near = t.nearWithin ?? 0;
    const window = s.slice(Math.max(0, start - near), end + near);
    if (t.notNear.some((w) => window.includes(w))) return null;
  }
  return { start, end };
}

/**
 * The spam terms by their first two UTF-16 units (every term has at least
 * two), so one pass over a text tries only the terms that can start at each
 * place. Many first units are common characters (一, 新, 在, 开); the second
 * unit rules out nearly every place they occur.
 */
const TERMS_BY_PAIR = new Map<number, SpamTerm[]>();
/** Which UTF-16 units are the first, and which the second, of some term: table reads before any map lookup. */
const FIRST_UNIT = new Uint8Array(0x10000);
const SECOND_UNIT = new Uint8Array(0x10000);
for (const t of SPAM_TERMS) {
  if (t.term.length < 2) throw new Error(`spam term shorter than two units: ${t.term}`);
  const key = t.term.charCodeAt(0) * 0x10000 + t.term.charCodeAt(1);
  TERMS_BY_PAIR.set(key, [...(TERMS_BY_PAIR.get(key) ?? []), t]);
  FIRST_UNIT[t.term.charCodeAt(0)] = 1;
  SECOND_UNIT[t.term.charCodeAt(1)] = 1;
}

function spansOf(s: string): Span[] {
  const spans: Span[] = [];
  // Every occurrence of every term (overlapping ones too), found in one pass.
  for (let i = 0; i + 1 < s.length; i++) {
    const first = s.charCodeAt(i);
    if (FIRST_UNIT[first] === 0) continue;
    const second = s.charCodeAt(i + 1);
    if (SECOND_UNIT[second] === 0) continue;
    const terms = TERMS_BY_PAIR.get(first * 0x10000 + second);
    if (terms === undefined) continue;
    for (const t of terms) {
      if (!s.startsWith(t.term, i)) continue;
      const span = matchAt(s, i, t);
      if (span) spans.push(span);
    }
  }
  // The order found does not matter: spans are sorted, and equal spans are interchangeable.
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  // Overlapping matches (新葡京 inside 澳门新葡京) are one hit.
  const merged: Span[] = [];
  for (const sp of spans) {
    const last = merged[merged.length - 1];
    if (last && sp.start < last.end) last.end = Math.max(last.end, sp.end);
    else merged.push({ ...sp });
  }
  return merged;
}

/** Per UTF-16 unit: 1 when lower-casing may change it (surrogates included, for the pairs that have case), 0 when not, 2 not yet known. */
const LOWERING_CHANGES = new Uint8Array(0x10000).fill(2);

/**
 * s.toLowerCase(), without the copy when no character has an upper case (most
 * reports): lower-casing maps each character on its own but for the final
 * sigma, and Σ is itself a character it changes.
 */
function lowerCased(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let v = LOWERING_CHANGES[c]!;
    if (v === 2) {
      const ch = String.fromCharCode(c);
      v = (c >= 0xd800 && c <= 0xdfff) || ch.toLowerCase() !== ch ? 1 : 0;
      LOWERING_CHANGES[c] = v;
    }
    if (v === 1) return s.toLowerCase();
  }
  return s;
}

/** Spam in one text, counted by matched text, in order of first occurrence. */
export function findSpam(text: string): SpamHit[] {
  // Nearly every text has no term at all: the screen says so without normalising it.
  if (!mayHaveSpam(text)) return [];
  return spamIn(normaliseForMatch(text));
}

/** findSpam of the text whose normaliseForMatch is `normalised`. */
function spamIn(normalised: string): SpamHit[] {
  const s = lowerCased(normalised);
  const counts = new Map<string, number>();
  for (const sp of spansOf(s)) {
    const hit = s.slice(sp.start, sp.end);
    counts.set(hit, (counts.get(hit) ?? 0) + 1);
  }
  return [...counts].map(([t, count]) => ({ text: t, count }));
}

function spamFinding(location: string, where: { zh: string; en: string }, hits: SpamHit[]): Finding {
  const zh = hits.map((h) => `“${h.text}”${h.count}处`).join('、');
  const en = hits.map((h) => `“${h.text}” ×${h.count}`).join(', ');
  return makeFinding('narrative.injected_spam', {
    location,
    actual: hits.map((h) => `${h.text}×${h.count}`).join('; '),
    zh: `${where.zh}：含有与政府报告无关的注入内容（赌博或色情网站用语）：${zh}`,
    en: `${where.en}: carries text that does not belong to a government report (gambling or porn site words): ${en}`,
  });
}

export function checkSpam(sections: readonly Section[], text: ReportText): Finding[] {
  // (emptyList: every check's findings one kind of array, see packed.ts.)
  const out: Finding[] = emptyList();
  // The screen of the full text and the parts: nearly always none has a term.
  if (!text.mayHaveSpam) return out;
  const inParts = new Map<string, number>();
  for (const [i, sec] of sections.entries()) {
    if (sec.status !== 'present') continue;
    const hits = spamIn(text.normalisedParts[i]!);
    for (const h of hits) inParts.set(h.text, (inParts.get(h.text) ?? 0) + h.count);
    if (hits.length > 0) out.push(spamFinding(`section/${sec.code}`, sectionLabel(sec.code), hits));
  }
  // What the whole text has beyond the parts: title, preamble, footer, or all of it when no part was found.
  const rest = spamIn(text.normalised)
    .map((h) => ({ text: h.text, count: h.count - (inParts.get(h.text) ?? 0) }))
    .filter((h) => h.count > 0);
  if (rest.length > 0) out.push(spamFinding('text', { zh: '正文六个部分以外的文字（标题、前言或页脚）', en: 'text outside the six parts (title, preamble or footer)' }, rest));
  return out;
}
