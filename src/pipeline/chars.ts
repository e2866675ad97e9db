/**
 * Length of a text in characters (Unicode code points), as `[...s].length`
 * counts them, without building an array of one-character strings: UTF-16
 * length less one for each surrogate pair (a lone surrogate counts as one).
 */
export function codePointCount(s: string): number {
  // Most text has no character beyond the Basic Multilingual Plane.
  if (!/[\ud800-\udbff]/.test(s)) return s.length;
  let pairs = 0;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        pairs++;
        i++;
      }
    }
  }
  return s.length - pairs;
}
