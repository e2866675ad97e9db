/**
 * Lists that V8 keeps as one kind of array however they are made, for the parse
 * stages' hot code. V8's optimised Array.prototype.map makes a holey array where
 * the unoptimised one makes a packed one, and an empty `[]` is an array of small
 * integers until something else is put in it: code reading such lists meets a new
 * array shape once the code making them is optimised (or on the first empty one),
 * and is thrown away and compiled again. These are always "packed, any value".
 */

/** An empty list that stays packed, of any value, as it is filled by push. */
export function emptyList<T>(): T[] {
  const list: T[] = [undefined as T];
  list.length = 0;
  return list;
}

/** items.map(f), as emptyList's kind of array. */
export function mapList<T, U>(items: readonly T[], f: (item: T, index: number) => U): U[] {
  const out = emptyList<U>();
  for (let i = 0; i < items.length; i++) out.push(f(items[i]!, i));
  return out;
}
