/**
 * Lists made at their size, to fill in place: a list grown by push leaves each
 * smaller backing store behind as garbage, and keeps up to half again its size.
 * Each is a copy of a packed list of n undefined slots (made once per n), so it
 * is packed, of any value, as lists made by push are (see packed.ts).
 */
import { emptyList } from '../packed.ts';

/** Packed lists of n undefined slots, by n. */
const SLOTS: unknown[][] = [];

/** A packed list of n slots (undefined until filled), to fill in place. */
export function listOfLength<T>(n: number): T[] {
  let slots = SLOTS[n];
  if (slots === undefined) {
    slots = emptyList<unknown>();
    for (let k = 0; k < n; k++) slots.push(undefined);
    SLOTS[n] = slots;
  }
  return slots.slice() as T[];
}
