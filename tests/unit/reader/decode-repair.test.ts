/** decode: a file that is UTF-8 or GBK but for a few bad bytes is read with U+FFFD and a finding; a broken one is still refused. */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../../src/pipeline/decode.ts';
import { parseReport } from '../../../src/pipeline/report.ts';
import { keyedCells } from '../../../src/robustness/invariants.ts';
import { corpusBytes, inputFromBytes } from './load.ts';

const ORIGINAL = '000_bbae7e2c4812eba4.txt';
const bytes = corpusBytes(ORIGINAL);
const text = new TextDecoder().decode(bytes);
const original = parseReport(inputFromBytes(ORIGINAL, bytes));
const originalCells = keyedCells(original);
const utf8 = (s: string) => new Uint8Array(Buffer.from(s));
const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));
/** The report with `insert` put right after the first occurrence of `anchor`. */
const insertAfter = (anchor: string, insert: Uint8Array): Uint8Array => {
  const at = text.indexOf(anchor) + anchor.length;
  return concat(utf8(text.slice(0, at)), insert, utf8(text.slice(at)));
};

/** Cells whose status or value differ from the original's; a differing cell must not carry a value. */
function changedCells(mutant: Uint8Array): string[] {
  const after = keyedCells(parseReport(inputFromBytes('m.txt', mutant)));
  const changed: string[] = [];
  for (const key of new Set([...originalCells.keys(), ...after.keys()])) {
    const a = originalCells.get(key);
    const b = after.get(key);
    if (a?.status === b?.status && a?.value === b?.value) continue;
    changed.push(key);
    // A value that differs from the original's is never invented from damaged bytes.
    expect(b?.value ?? null, key).toBeNull();
  }
  return changed;
}

describe('decode: a few invalid bytes are replaced, with a finding', () => {
  it('the original has the three tables with values', () => {
    expect(original.parse_status).not.toBe('failed');
    expect(originalCells.get('applications/received_new/total')?.value).toBe(35);
    expect(original.findings.map((f) => f.rule)).not.toContain('file.encoding_repaired');
  });

  // 0x9F alone is a continuation byte without a lead: one invalid sequence wherever it stands between characters.
  // The third: a U+FFFD line among the row's one-cell lines makes that row unreadable (no values), never shifted.
  const cases: [string, string, string | null][] = [
    ['mid-narrative', '2020年,区政府办认真贯彻', null],
    ['mid-table, inside a row label', '本年新收政府', null],
    ['mid-table, on the blank line between two cells', '本年新收政府信息公开申请数量\n\n20\n', 'applications/received_new/'],
  ];
  for (const [name, anchor, hitRow] of cases) {
    it(`one stray byte ${name}: same tables, one U+FFFD, a finding naming the file, the count and the place`, () => {
      expect(text).toContain(anchor);
      const mutant = insertAfter(anchor, new Uint8Array([0x9f]));
      const decoded = decodeBytes(mutant, 'dir/m.txt');
      expect(decoded.value!.encoding).toBe('utf-8');
      expect(decoded.value!.text).toBe(text.replace(anchor, `${anchor}\ufffd`));
      expect(decoded.findings).toHaveLength(1);
      const f = decoded.findings[0]!;
      expect([f.rule, f.severity, f.origin, f.actual]).toEqual(['file.encoding_repaired', 'warning', 'source', '1']);
      const at = Buffer.byteLength(text.slice(0, text.indexOf(anchor) + anchor.length));
      const line = text.slice(0, text.indexOf(anchor) + anchor.length).split('\n').length;
      expect(f.message_en).toBe(`dir/m.txt: read as utf-8 with 1 invalid bytes (1 sequences replaced by U+FFFD), the first at byte ${at} (line ${line})`);
      expect(f.message_zh).toContain(`dir/m.txt：按 utf-8 读取，1 个无效字节`);
      const changed = changedCells(mutant);
      expect(changed.filter((key) => hitRow === null || !key.startsWith(hitRow))).toEqual([]);
      expect(parseReport(inputFromBytes('m.txt', mutant)).findings.map((x) => x.rule)).toContain('file.encoding_repaired');
    });
  }

  it('equals the WHATWG decoder on a burst of noise (one U+FFFD per maximal invalid subpart)', () => {
    const noise = new Uint8Array([0xe4, 0xb8, 0x41, 0xf0, 0x9f, 0x98, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xff]);
    const mutant = insertAfter('区政府办认真贯彻', noise);
    const decoded = decodeBytes(mutant, 'm.txt');
    expect(decoded.value!.text).toBe(new TextDecoder().decode(mutant));
    expect(decoded.findings[0]!.message_en).toContain('with 11 invalid bytes (8 sequences replaced by U+FFFD)');
  });

  it('a GBK fragment pasted into the UTF-8 narrative: read as UTF-8, the fragment replaced, tables unchanged', () => {
    const mutant = insertAfter('区政府办认真贯彻', new Uint8Array(iconv.encode('政务公开', 'gbk')));
    const decoded = decodeBytes(mutant, 'm.txt');
    expect(decoded.value!.encoding).toBe('utf-8');
    expect(decoded.value!.text).toContain('区政府办认真贯彻\ufffd');
    expect(decoded.findings.map((f) => f.rule)).toEqual(['file.encoding_repaired']);
    expect(decoded.findings[0]!.message_en).toMatch(/with [1-8] invalid bytes/);
    expect(changedCells(mutant)).toEqual([]);
  });

  it('a stray byte in a GBK file: read as GB18030 with one U+FFFD, not as UTF-8 with thousands', () => {
    const gbkText = text.replace(/\u00a0/g, ' ');
    const gbk = new Uint8Array(iconv.encode(gbkText, 'gbk'));
    const k = gbkText.indexOf('顺庆区人民政府办公室') + 3;
    const at = iconv.encode(gbkText.slice(0, k), 'gbk').length;
    const decoded = decodeBytes(concat(gbk.subarray(0, at), new Uint8Array([0xff]), gbk.subarray(at)), 'g.txt');
    expect(decoded.value!.encoding).toBe('gb18030');
    expect(decoded.value!.text).toBe(`${gbkText.slice(0, k)}\ufffd${gbkText.slice(k)}`);
    expect(decoded.findings[0]!.message_en).toContain(`read as gb18030 with 1 invalid bytes (1 sequences replaced by U+FFFD), the first at byte ${at}`);
  });

  it('a truncated last character is dropped, with the finding', () => {
    const end = Buffer.byteLength(text.slice(0, text.indexOf('顺庆') + 1));
    const cut = bytes.subarray(0, end + 2);
    const decoded = decodeBytes(cut, 'bad/input.txt');
    expect(decoded.value!.text).toBe(text.slice(0, text.indexOf('顺庆') + 1));
    expect(decoded.findings[0]!.rule).toBe('file.encoding_repaired');
    expect(decoded.findings[0]!.message_en).toContain(`2 invalid bytes (0 sequences replaced by U+FFFD, a truncated last character (2 bytes) dropped), the first at byte ${end}`);
    // The whole report cut in its last character keeps every table.
    const whole = concat(bytes, new Uint8Array([0xe4, 0xb8]));
    expect(decodeBytes(whole, 'x.txt').value!.text).toBe(text);
    expect(changedCells(whole)).toEqual([]);
  });
});

describe('decode: what cannot be repaired soundly is still refused', () => {
  const refused = (b: Uint8Array, reason: string) => {
    const result = decodeBytes(b, 'bad/input.txt');
    expect(result.value).toBeNull();
    expect(result.findings.map((f) => f.rule)).toEqual(['file.unreadable']);
    expect(result.findings[0]!.message_en).toContain(reason);
    expect(parseReport(inputFromBytes('bad/input.txt', b)).parse_status).toBe('failed');
  };

  it('a heavily corrupted file (every 50th byte bad)', () => {
    refused(bytes.map((x, i) => (i % 50 === 7 ? 0xfe : x)), 'too many invalid bytes to repair');
  });

  it('nine separate stray bytes (more places than a repair allows), though eight are repaired', () => {
    const anchors = ['总体情况', '区政府办认真贯彻', '主动公开政府', '收到和处理', '本年度办理结果', '结转下年度继续办理', '行政复议', '存在的主要问题', '其他需要报告'];
    const at = anchors.map((a) => Buffer.byteLength(text.slice(0, text.indexOf(a) + 1))).sort((a, b) => a - b);
    expect(new Set(at).size).toBe(9);
    const spoil = (n: number) => concat(...at.slice(0, n).flatMap((p, i) => [bytes.subarray(i === 0 ? 0 : at[i - 1], p), new Uint8Array([0x9f])]), bytes.subarray(at[n - 1]));
    expect(decodeBytes(spoil(8), 'x.txt').findings[0]!.message_en).toContain('with 8 invalid bytes');
    refused(spoil(9), 'too many invalid bytes to repair');
  });

  it('a long GBK paste (over 0.5% of the bytes)', () => {
    refused(insertAfter('区政府办认真贯彻', new Uint8Array(iconv.encode('政务公开'.repeat(20), 'gbk'))), 'too many invalid bytes to repair');
  });

  it('a bad byte beside a digit: the number is unknowable, never a different number', () => {
    refused(insertAfter('本年新收政府信息公开申请数量\n\n2', new Uint8Array([0x9f])), 'invalid bytes beside a number on line');
    refused(insertAfter('本年新收政府信息公开申请数量\n\n', new Uint8Array([0x9f])), 'invalid bytes beside a number on line');
  });

  it('a bad byte near a money word: a header that lost its 万元 would make amounts 10,000 times too small', () => {
    refused(insertAfter('采购总', new Uint8Array([0x9f])), 'invalid bytes beside a money amount or unit on line 117');
    const hongze = new TextDecoder().decode(corpusBytes('10_hongze_2024_pypdf.txt'));
    const at = hongze.indexOf('（单位：万元）') + 3;
    expect(at).toBeGreaterThan(3);
    refused(concat(utf8(hongze.slice(0, at)), new Uint8Array([0x9f]), utf8(hongze.slice(at))), 'invalid bytes beside a money amount or unit');
  });

  it('a cut last character right after a number (6. of "6.其他" would read as the value 6)', () => {
    const end = Buffer.byteLength(text.slice(0, text.indexOf('2020年,区政府办') + 4));
    refused(bytes.subarray(0, end + 1), 'invalid bytes beside a number');
  });

  it('binary content is still refused before any repair', () => {
    refused(concat(bytes, new Uint8Array([0x00, 0x9f])), 'NUL bytes');
  });
});
