/**
 * decode stage: bytes → text. Detects the encoding (BOM, strict UTF-8, then
 * GB18030 which covers GBK and GB2312), unifies line endings to `\n` and tells
 * HTML from plain text. When every strict reading fails, a file that is UTF-8
 * or GB18030 but for a few invalid bytes is read leniently (decode-repair.ts)
 * with a `file.encoding_repaired` finding. Files that cannot be read as text
 * get `value: null` and a finding naming the file and the reason; this stage
 * never throws.
 */
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import type { DecodedText, Finding } from '../schema/types.ts';
import { bestRepair, lenientDecode, replacementInNumber, replacementNearMoney, type Repair } from './decode-repair.ts';
import { fastStrictGb18030, utf16Text, validUtf8Text } from './decode-fast.ts';
import { MAX_FILE_BYTES } from './file-limit.ts';
import { makeFinding } from './findings.ts';
import type { StageResult } from './findings.ts';

export { MAX_FILE_BYTES };

/** Magic numbers of the binary formats that reach a content folder by mistake. */
const BINARY_SIGNATURES: readonly { name: string; bytes: readonly number[] }[] = [
  { name: 'PDF', bytes: [0x25, 0x50, 0x44, 0x46] },
  { name: 'PNG', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { name: 'JPEG', bytes: [0xff, 0xd8, 0xff] },
  { name: 'GIF', bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: 'ZIP/DOCX/XLSX', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'DOC/XLS (OLE)', bytes: [0xd0, 0xcf, 0x11, 0xe0] },
  { name: 'GZIP', bytes: [0x1f, 0x8b] },
  { name: 'RAR', bytes: [0x52, 0x61, 0x72, 0x21] },
  { name: '7Z', bytes: [0x37, 0x7a, 0xbc, 0xaf] },
];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.length <= bytes.length && prefix.every((b, i) => bytes[i] === b);
}

/** Why a file is not text, or null when it may be. */
function binaryReason(bytes: Uint8Array, hasNul: boolean): string | null {
  const signature = BINARY_SIGNATURES.find((s) => startsWith(bytes, s.bytes));
  if (signature) return `binary file (${signature.name})`;
  if (hasNul) return 'binary file (contains NUL bytes)';
  return null;
}

interface Detected {
  text: string;
  encoding: string;
  /** Present when the text was read leniently (decode-repair.ts). */
  repair?: Repair;
}

type Detection = { ok: true; value: Detected } | { ok: false; reason: string };

// Validity is checked apart (isUtf8, the same rule as a fatal decoder's): a fatal TextDecoder decodes at half
// the speed, and throws on every GB18030 file. Valid UTF-8 is then read by decode-fast.ts.
function strictUtf8(bytes: Uint8Array): string | null {
  return isUtf8(bytes) ? validUtf8Text(bytes) : null;
}

/**
 * Whether `bytes` may be valid UTF-8 but for a last character cut short (lenientDecode's reading without a
 * replacement): only if they are valid without their last 1–3 bytes, which isUtf8 tells at native speed. A GB18030
 * file fails at once, and is not read leniently for nothing.
 */
export function mayBeCutUtf8(bytes: Uint8Array): boolean {
  if (!validUpToProbe(bytes)) return false;
  for (let k = 1; k <= 3 && k <= bytes.length; k++) if (isUtf8(bytes.subarray(0, bytes.length - k))) return true;
  return false;
}

/** Bytes of the start probed before mayBeCutUtf8's three checks of (nearly) the whole file. */
const UTF8_PROBE = 1024;

/**
 * Whether the bytes before a character start near the beginning are valid UTF-8, as they are when the bytes are
 * valid without their last 1–3 (a valid text cut where a character starts is valid): false rules out every cut
 * at once, after a short check (a GB18030 file fails in its first Chinese character).
 */
function validUpToProbe(bytes: Uint8Array): boolean {
  // A byte at or before length − 4 lies inside each of the three cuts; one that is not a continuation byte
  // (10xxxxxx) starts a character in a valid reading.
  let at = Math.min(UTF8_PROBE, bytes.length - 4);
  while (at > 0 && (bytes[at]! & 0xc0) === 0x80) at--;
  return at <= 0 || isUtf8(bytes.subarray(0, at));
}

/** GB18030 is accepted only when it round-trips byte for byte and has no replacement characters. */
function strictGb18030(bytes: Uint8Array): string | null {
  // Most files are ASCII and two-byte characters: decode-fast.ts reads those (null: it cannot tell).
  const fast = fastStrictGb18030(bytes);
  if (fast !== null) return fast;
  const text = iconv.decode(Buffer.from(bytes), 'gb18030');
  if (text.includes('\ufffd')) return null;
  const back = iconv.encode(text, 'gb18030');
  return Buffer.compare(back, Buffer.from(bytes)) === 0 ? text : null;
}

/**
 * UTF-16 without a byte order mark: NUL bytes almost all on the same side of
 * their code unit (the high byte of ASCII characters), and the result free of
 * control characters and unpaired surrogates. Anything else with NULs is binary.
 */
function bomlessUtf16(bytes: Uint8Array, hasNul: boolean): Detected | null {
  if (bytes.length < 4 || bytes.length % 2 !== 0 || !hasNul) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0) {
      if (i % 2 === 0) even++;
      else odd++;
    }
  }
  // NULs are the high bytes of ASCII characters, so they sit almost all on one side (一 U+4E00 puts a few on the other).
  if (Math.min(even, odd) * 8 > Math.max(even, odd)) return null;
  const encoding = odd > even ? 'utf-16le' : 'utf-16be';
  const text = utf16Text(bytes, encoding === 'utf-16le');
  // Replacement characters, control characters or (in /u mode, unpaired) surrogates: not text.
  if (/[\ufffd\u0000-\u0008\u000e-\u001f\ud800-\udfff]/u.test(text)) return null;
  return { text, encoding };
}

function detectEncoding(bytes: Uint8Array): Detection {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    const text = strictUtf8(bytes.subarray(3));
    if (text !== null) return { ok: true, value: { text, encoding: 'utf-8-bom' } };
    const repair = lenientDecode(bytes.subarray(3), 'utf-8', 3);
    return repair ? repaired(repair, 'utf-8-bom') : { ok: false, reason: 'invalid UTF-8 after a UTF-8 byte order mark' };
  }
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    const le = bytes[0] === 0xff;
    const body = bytes.subarray(2);
    if (body.length % 2 !== 0) return { ok: false, reason: 'UTF-16 text truncated in the middle of a character' };
    const text = utf16Text(body, le);
    return { ok: true, value: { text, encoding: le ? 'utf-16le' : 'utf-16be' } };
  }
  // One scan for NUL bytes serves both checks below (Buffer's indexOf is a native byte search).
  const hasNul = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).indexOf(0) >= 0;
  const bomless = bomlessUtf16(bytes, hasNul);
  if (bomless) return { ok: true, value: bomless };
  const reason = binaryReason(bytes, hasNul);
  if (reason) return { ok: false, reason };
  const utf8 = strictUtf8(bytes);
  if (utf8 !== null) return { ok: true, value: { text: utf8, encoding: 'utf-8' } };
  // Valid UTF-8 but for a character cut at the very end: UTF-8 is so strict that this is near proof (GB18030's
  // structure accepts most byte pairs, so the same bytes often pass as GB18030 mojibake). Checked before GB18030.
  const cutUtf8 = mayBeCutUtf8(bytes) ? lenientDecode(bytes, 'utf-8') : null;
  if (cutUtf8 && cutUtf8.replaced === 0) return repaired(cutUtf8, 'utf-8');
  const gb = strictGb18030(bytes);
  if (gb !== null) return { ok: true, value: { text: gb, encoding: 'gb18030' } };
  // Lenient only after every strict reading failed, so a GBK file is never read as UTF-8 with replacements.
  const repair = bestRepair(bytes);
  return repair ? repaired(repair, repair.encoding) : { ok: false, reason: 'not valid text in UTF-8, UTF-16 or GB18030/GBK (too many invalid bytes to repair)' };
}

/** 1-based line of a text offset, counting CRLF, CR and LF line ends. */
function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split(/\r\n?|\n/).length;
}

function repaired(repair: Repair, encoding: string): Detection {
  const inNumber = replacementInNumber(repair);
  if (inNumber >= 0) return { ok: false, reason: `invalid bytes beside a number on line ${lineAt(repair.text, inNumber)}: its value cannot be known` };
  const nearMoney = replacementNearMoney(repair);
  if (nearMoney >= 0) return { ok: false, reason: `invalid bytes beside a money amount or unit on line ${lineAt(repair.text, nearMoney)}: the amounts cannot be known` };
  return { ok: true, value: { text: repair.text, encoding, repair } };
}

function repairFinding(path: string, repair: Repair): Finding {
  const line = lineAt(repair.text, repair.firstChar);
  const tailZh = repair.droppedTail > 0 ? `，删去末尾残缺字符（${repair.droppedTail} 字节）` : '';
  const tailEn = repair.droppedTail > 0 ? `, a truncated last character (${repair.droppedTail} bytes) dropped` : '';
  return makeFinding('file.encoding_repaired', {
    location: 'file',
    actual: repair.invalidBytes,
    zh: `${path}：按 ${repair.encoding} 读取，${repair.invalidBytes} 个无效字节（${repair.replaced} 处替换为 U+FFFD${tailZh}），第一处在第 ${repair.firstByte} 字节（第 ${line} 行）`,
    en: `${path}: read as ${repair.encoding} with ${repair.invalidBytes} invalid bytes (${repair.replaced} sequences replaced by U+FFFD${tailEn}), the first at byte ${repair.firstByte} (line ${line})`,
  });
}

/** `lf` | `crlf` | `cr` | `mixed` | `none`. */
export function lineEndingsOf(text: string): string {
  return unifiedLineEnds(text).lineEndings;
}

// A line feed that is not the second half of a CRLF pair (a CR followed by LF always pairs with it).
const LONE_LF = /(?<!\r)\n/;

/**
 * The text with CRLF and lone CR made LF (what replace(/\r\n?/g, '\n') does, by plain searches: faster than the
 * expression), and which kinds of line end it had (lineEndingsOf), sharing the one search for CRLF pairs.
 */
function unifiedLineEnds(raw: string): { text: string; lineEndings: string } {
  // Without a carriage return (most files) only line feeds can occur.
  if (!raw.includes('\r')) return { text: raw, lineEndings: raw.includes('\n') ? 'lf' : 'none' };
  // Only whether each kind occurs matters, not how often.
  const pairsDone = raw.replaceAll('\r\n', '\n');
  const crlf = pairsDone.length !== raw.length;
  // The pairs' replacements hold no CR: the CRs left are the lone ones.
  const cr = pairsDone.includes('\r');
  const lf = LONE_LF.test(raw);
  return { text: cr ? pairsDone.replaceAll('\r', '\n') : pairsDone, lineEndings: lineEndingKind(crlf, cr, lf) };
}

function lineEndingKind(crlf: boolean, cr: boolean, lf: boolean): string {
  const kinds = (crlf ? 1 : 0) + (cr ? 1 : 0) + (lf ? 1 : 0);
  if (kinds === 0) return 'none';
  if (kinds > 1) return 'mixed';
  return crlf ? 'crlf' : cr ? 'cr' : 'lf';
}

/** Control characters other than tab, line feed, carriage return and form feed. */
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g;
/**
 * A run of units that are not CONTROL_CHARS from the start: a text has one exactly when the run stops short
 * of its end (most texts have none, and then nothing is counted; the engine runs a class's greedy run faster
 * than it searches for the class).
 */
const NO_CONTROL_RUN = /[^\u0000-\u0008\u000b\u000e-\u001f\u007f]*/y;

function hasControlChar(s: string): boolean {
  NO_CONTROL_RUN.lastIndex = 0;
  NO_CONTROL_RUN.test(s);
  return NO_CONTROL_RUN.lastIndex < s.length;
}

/** HTML by extension, or by a document/table tag in the text itself. */
export function looksLikeHtml(text: string, path: string): boolean {
  if (/\.html?$/i.test(path)) return true;
  // Every sign below starts with `<`.
  if (!text.includes('<')) return false;
  // An HTML document or fragment: a doctype, <html>/<body>, or a complete <table>…</table>.
  return /<!doctype\s+html|<html[\s>]|<body[\s>]/i.test(text) || (/<table[\s>]/i.test(text) && /<\/table>/i.test(text));
}

function unreadable(path: string, reason: string): StageResult<DecodedText | null> {
  return {
    value: null,
    findings: [makeFinding('file.unreadable', { location: 'file', zh: `${path}：无法读取——${reason}`, en: `${path}: cannot be read — ${reason}` })],
  };
}

export function decodeBytes(bytes: Uint8Array, path: string): StageResult<DecodedText | null> {
  if (bytes.length > MAX_FILE_BYTES) {
    const reason = `${bytes.length} bytes, over the limit of ${MAX_FILE_BYTES} bytes`;
    return { value: null, findings: [makeFinding('file.too_large', { location: 'file', zh: `${path}：文件过大（${reason}）`, en: `${path}: file too large (${reason})` })] };
  }
  if (bytes.length === 0) return unreadable(path, 'empty file (0 bytes)');
  const detected = detectEncoding(bytes);
  if (!detected.ok) return unreadable(path, detected.reason);
  const raw = detected.value.text.replace(/^\ufeff/, '');
  if (raw.trim() === '') return unreadable(path, 'the file holds only whitespace');
  const controls = hasControlChar(raw) ? (raw.match(CONTROL_CHARS) ?? []).length : 0;
  if (controls > 0 && controls * 100 > raw.length) return unreadable(path, `binary content (${controls} control characters)`);
  const { text, lineEndings } = unifiedLineEnds(raw);
  return {
    value: { text, encoding: detected.value.encoding, lineEndings, isHtml: looksLikeHtml(text, path) },
    findings: detected.value.repair ? [repairFinding(path, detected.value.repair)] : [],
  };
}
