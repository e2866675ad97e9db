/**
 * Sentences of a normalised text for the narrative rules, which read a text
 * sentence by sentence (split at 。；;！？!?) and only the sentences holding
 * some word: those sentences found from a search for the word, instead of
 * splitting the whole text and testing every piece.
 */

/** The sentence breaks the narrative rules split at: 。；;！？!? */
const BREAK = /[。；;！？!?]/g;
const IS_BREAK = new Uint8Array(0x10000);
for (const ch of '。；;！？!?') IS_BREAK[ch.charCodeAt(0)] = 1;

/**
 * The sentences of `text` (the pieces text.split(/[。；;！？!?]/) gives) that
 * hold a match of `words` (a global regex that matches neither a break nor
 * nothing), in order.
 * Found from the matches: each reaches back to the break before it and on to
 * the break after it, and the search goes on after that sentence.
 */
export function sentencesHolding(words: RegExp, text: string): string[] {
  const out: string[] = [];
  words.lastIndex = 0;
  for (let m = words.exec(text); m !== null; m = words.exec(text)) {
    let start = m.index;
    while (start > 0 && IS_BREAK[text.charCodeAt(start - 1)] === 0) start--;
    BREAK.lastIndex = m.index;
    const next = BREAK.exec(text);
    const end = next === null ? text.length : next.index;
    out.push(text.slice(start, end));
    words.lastIndex = end;
  }
  return out;
}

/** Every match of a global `re` in `s`, in order (what s.matchAll(re) gives, without its copy of re). */
export function matchesOf(re: RegExp, s: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    out.push(m);
    // An empty match moves on by one code point, as matchAll does.
    if (m[0].length === 0) re.lastIndex = advance(s, re.lastIndex, re.unicode);
  }
  return out;
}

function advance(s: string, i: number, unicode: boolean): number {
  if (!unicode || i + 1 >= s.length) return i + 1;
  const c = s.charCodeAt(i);
  const d = s.charCodeAt(i + 1);
  return c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff ? i + 2 : i + 1;
}


// A four-digit year: 2019年.
const YEAR = /(\d{4})年/gu;

/**
 * Whether `text` names a year (2019年) other than `year`: the matches that
 * text.matchAll(/(\d{4})年/gu) gives, read one by one without its copy of the
 * regex, its iterator and an array of them all.
 */
export function namesOtherYear(text: string, year: number): boolean {
  YEAR.lastIndex = 0;
  for (let m = YEAR.exec(text); m !== null; m = YEAR.exec(text)) if (Number(m[1]) !== year) return true;
  return false;
}
