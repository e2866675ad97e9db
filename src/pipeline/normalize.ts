/**
 * Normalisation for matching only (the text shown to people keeps its own
 * characters). Full-width → ASCII (NFKC turns （一） into (一), U+3000 into a
 * space), no-break and zero-width spaces removed, all whitespace removed, and
 * Chinese/ASCII quotes and a few punctuation variants unified.
 */
export function normaliseForMatch(s: string): string {
  return (
    s
      .normalize('NFKC')
      // Quotes of every width and direction carry no meaning for label matching.
      .replace(/[“”"'‘’「」『』]/g, '')
      // Chinese enumeration comma and ASCII comma/period variants used in numbering: 一、 一. 一，
      .replace(/[、,，]/g, '、')
      // Whitespace of every kind, including NBSP (NFKC makes it a space) and zero-width characters.
      .replace(/[\s\u200b-\u200d\ufeff]+/g, '')
  );
}
