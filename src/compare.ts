/**
 * Ordering of ids and paths by UTF-16 code units: the same on every machine
 * and locale (unlike localeCompare), which byte-identical output relies on.
 */
export const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
