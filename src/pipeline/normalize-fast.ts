/**
 * normaliseForMatch without a call to String.prototype.normalize, for text made
 * only of characters whose NFKC does not depend on their neighbours (nearly
 * every report): one table lookup per UTF-16 unit, and null for any other text,
 * which then takes the plain path. tests/unit/reader/normalize-fast.test.ts
 * checks every code unit and pairs of them against the plain path.
 *
 * Why a character-by-character NFKC is exact here: decomposition is per
 * character; canonical reordering moves only non-starters; and composition
 * joins a starter with a following character only when that character can be
 * the second of a composite (NFC_QC = Maybe: combining marks, Hangul vowel and
 * final jamo, a few Indic vowel signs). A character qualifies when it is in
 * the ranges below and its NFKC is made of "plain" characters (ASCII, Latin-1,
 * CJK punctuation and ideographs), which are starters and never such a second.
 */

/** How one UTF-16 unit is normalised: kept, dropped, replaced, or not handled here. */
const KEEP = 0;
const DROP = 1;
const REPLACE = 2;
const SLOW = 3;

// Characters handled (their NFKC taken one by one): ASCII, Latin-1, general punctuation,
// number forms, enclosed alphanumerics, CJK punctuation, enclosed CJK and compatibility
// units, CJK ideographs (extension A and the main block), compatibility ideographs,
// full-width ASCII forms.
const HANDLED = /[\u0000-\u00ff\u2000-\u206f\u2150-\u218f\u2460-\u24ff\u3000-\u3029\u3030-\u303f\u3200-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff5e]/;
// What an NFKC result may be made of: starters that never join a following character.
const PLAIN = /^[\u0000-\u00ff\u2000-\u206f\u3000-\u3029\u3030-\u303f\u3400-\u4dbf\u4e00-\u9fff]*$/;
// What normaliseForMatch drops after NFKC: quotes, zero-width characters and whitespace
// (JavaScript's \s spelled out, as in normalize.ts).
const DROPPED_CHAR = /^[“”"'‘’「」『』\u200b-\u200d\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]$/;
// The commas normaliseForMatch makes 、.
const COMMA_CHAR = /^[,，]$/;

/** Not classified yet: tables fill in as characters are met, so a worker pays only for the ones its files hold. */
const UNKNOWN = 4;

interface Table {
  keepNewline: boolean;
  action: Uint8Array;
  replacement: string[];
}

/** The table for normaliseForMatch, or (keepNewline) for normalisedLines, which keeps line breaks. */
function newTable(keepNewline: boolean): Table {
  return { keepNewline, action: new Uint8Array(0x10000).fill(UNKNOWN), replacement: [] };
}

/** How the table handles one UTF-16 unit, worked out once. */
function classify(table: Table, c: number): number {
  const ch = String.fromCharCode(c);
  let a = SLOW;
  if (table.keepNewline && ch === '\n') a = KEEP;
  else if (HANDLED.test(ch)) {
    const nfkc = ch.normalize('NFKC');
    if (PLAIN.test(nfkc)) {
      let out = '';
      for (const d of nfkc) out += DROPPED_CHAR.test(d) ? '' : COMMA_CHAR.test(d) ? '、' : d;
      if (out === ch) a = KEEP;
      else if (out === '') a = DROP;
      else {
        a = REPLACE;
        table.replacement[c] = out;
      }
    }
  }
  table.action[c] = a;
  return a;
}

const forMatch = newTable(false);
const forLines = newTable(true);

function normaliseWith(s: string, table: Table): string | null {
  const { action, replacement } = table;
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let a = action[c]!;
    if (a === KEEP) continue;
    if (a === UNKNOWN) {
      a = classify(table, c);
      if (a === KEEP) continue;
    }
    if (a === SLOW) return null;
    out += s.slice(from, i);
    if (a === REPLACE) out += replacement[c]!;
    from = i + 1;
  }
  return from === 0 ? s : out + s.slice(from);
}

/** normaliseForMatch(s), or null when s has a character this path does not handle. */
export function fastNormaliseForMatch(s: string): string | null {
  return normaliseWith(s, forMatch);
}

/** normalisedLines(s) joined by line breaks, or null when s has a character this path does not handle. */
export function fastNormaliseLines(s: string): string | null {
  return normaliseWith(s, forLines);
}
