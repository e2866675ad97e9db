/** decode: encodings, BOMs and line endings give the same text; unreadable files give a clear finding. */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBytes, lineEndingsOf, MAX_FILE_BYTES, mayBeCutUtf8 } from '../../../src/pipeline/decode.ts';
import { lenientDecode } from '../../../src/pipeline/decode-repair.ts';
import { parseReport } from '../../../src/pipeline/report.ts';
import { corpusBytes, inputFromBytes, readStages } from './load.ts';
import { summarise } from './summary.ts';

const ORIGINAL = '000_bbae7e2c4812eba4.txt';
const utf8Text = new TextDecoder().decode(corpusBytes(ORIGINAL));
const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

describe('decode: the same report in other encodings parses identically', () => {
  const expected = summarise(readStages(ORIGINAL, corpusBytes(ORIGINAL)));

  it('the UTF-8 original reads as expected', () => {
    expect(expected.agency_name).toBe('南充市顺庆区人民政府办公室');
    expect(expected.sections.filter((s) => s.status === 'present')).toHaveLength(6);
  });

  // GBK has no no-break space (the page footer has two): a GBK page carries a plain space there.
  const gbkText = utf8Text.replace(/\u00a0/g, ' ');
  const copies: [string, Uint8Array, string][] = [
    ['GBK', new Uint8Array(iconv.encode(gbkText, 'gbk')), 'gb18030'],
    ['GB18030', new Uint8Array(iconv.encode(utf8Text, 'gb18030')), 'gb18030'],
    ['UTF-16 LE with BOM', concat(new Uint8Array([0xff, 0xfe]), iconv.encode(utf8Text, 'utf-16le')), 'utf-16le'],
    ['UTF-16 BE with BOM', concat(new Uint8Array([0xfe, 0xff]), iconv.encode(utf8Text, 'utf-16be')), 'utf-16be'],
    ['UTF-16 LE without BOM', new Uint8Array(iconv.encode(utf8Text, 'utf-16le')), 'utf-16le'],
    ['UTF-16 BE without BOM', new Uint8Array(iconv.encode(utf8Text, 'utf-16be')), 'utf-16be'],
    ['UTF-8 with BOM', concat(new Uint8Array([0xef, 0xbb, 0xbf]), corpusBytes(ORIGINAL)), 'utf-8-bom'],
    ['CRLF line endings', new Uint8Array(Buffer.from(utf8Text.replace(/\n/g, '\r\n'))), 'utf-8'],
    ['CR-only line endings', new Uint8Array(Buffer.from(utf8Text.replace(/\n/g, '\r'))), 'utf-8'],
  ];
  for (const [name, bytes, encoding] of copies) {
    it(`${name} copy`, () => {
      expect(bytes).not.toEqual(corpusBytes(ORIGINAL));
      const decoded = decodeBytes(bytes, 'copy.txt');
      expect(decoded.findings).toEqual([]);
      expect(decoded.value!.encoding).toBe(encoding);
      const text = name === 'GBK' ? gbkText : utf8Text;
      expect(decoded.value!.text).toBe(text);
      expect(summarise(readStages('copy.txt', bytes))).toEqual(summarise(readStages(ORIGINAL, new Uint8Array(Buffer.from(text)))));
      expect(summarise(readStages('copy.txt', bytes)).sections).toEqual(expected.sections);
    });
  }

  it('reports the line endings it found', () => {
    const of = (s: string) => decodeBytes(new Uint8Array(Buffer.from(s)), 'x.txt').value!.lineEndings;
    expect([of('a\nb'), of('a\r\nb'), of('a\rb'), of('a\r\nb\nc'), of('ab')]).toEqual(['lf', 'crlf', 'cr', 'mixed', 'none']);
    expect(decodeBytes(new Uint8Array(Buffer.from('a\r\nb\rc\n')), 'x.txt').value!.text).toBe('a\nb\nc\n');
  });

  it('the CR-only corpus report reads as CR-only', () => {
    const decoded = decodeBytes(corpusBytes('12_hebei_jyt_2019.txt'), '12_hebei_jyt_2019.txt').value!;
    expect(decoded.lineEndings).toBe('cr');
    expect(decoded.text).not.toContain('\r');
    expect(decoded.text).toContain('\n一、总体情况\n');
  });
});

describe('decode: HTML is recognised by extension or by content', () => {
  const bytes = (s: string) => new Uint8Array(Buffer.from(s));
  it('by extension', () => expect(decodeBytes(bytes('一、总体情况'), 'a/report.HTM').value!.isHtml).toBe(true));
  it('by an <html> or complete <table> in the text', () => {
    expect(decodeBytes(bytes('<!DOCTYPE html><html><body>x</body></html>'), 'r.txt').value!.isHtml).toBe(true);
    expect(decodeBytes(bytes('一、总体情况\n<table><tr><td>1</td></tr></table>'), 'r.txt').value!.isHtml).toBe(true);
  });
  it('plain text is not HTML', () => expect(decodeBytes(corpusBytes(ORIGINAL), ORIGINAL).value!.isHtml).toBe(false));
});

describe('decode: unreadable files get a finding that names the file and the reason, and never throw', () => {
  const truncated = (() => {
    const b = corpusBytes(ORIGINAL);
    // Cut inside the three-byte UTF-8 character that ends the title line's first character run.
    const cut = Buffer.from(b).indexOf(Buffer.from('顺庆')) + 1;
    return b.subarray(0, cut);
  })();
  const cases: [string, Uint8Array, string, string][] = [
    ['empty', new Uint8Array(0), 'file.unreadable', 'empty file'],
    ['whitespace only', new Uint8Array(Buffer.from(' \n\u3000\n\t')), 'file.unreadable', 'only whitespace'],
    ['NUL bytes', new Uint8Array([0x61, 0x00, 0x62, 0x00, 0x63]), 'file.unreadable', 'NUL bytes'],
    ['PDF', new Uint8Array(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj')), 'file.unreadable', 'PDF'],
    ['PNG', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2]), 'file.unreadable', 'PNG'],
    ['JPEG', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), 'file.unreadable', 'JPEG'],
    ['ZIP (docx)', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), 'file.unreadable', 'ZIP'],
    ['over the size limit', new Uint8Array(MAX_FILE_BYTES + 1).fill(0x61), 'file.too_large', 'over the limit'],
  ];
  for (const [name, bytes, rule, reason] of cases) {
    it(name, () => {
      const result = decodeBytes(bytes, 'bad/input.txt');
      expect(result.value).toBeNull();
      expect(result.findings).toHaveLength(1);
      expect(result.findings[0]!.rule).toBe(rule);
      expect(result.findings[0]!.message_en).toContain('bad/input.txt');
      expect(result.findings[0]!.message_en).toContain(reason);
      expect(result.findings[0]!.message_zh).toContain('bad/input.txt');
      const record = parseReport(inputFromBytes('bad/input.txt', bytes));
      expect(record.parse_status).toBe('failed');
      expect(record.findings.map((f) => f.rule)).toContain(rule);
    });
  }

  // Until issue 8's lenient decoding this was refused; now the cut character is dropped with a warning (decode-repair.test.ts).
  it('truncated in a multi-byte character: the cut character is dropped, with file.encoding_repaired', () => {
    const result = decodeBytes(truncated, 'bad/input.txt');
    expect(result.value!.text).toBe('南充市');
    expect(result.findings.map((f) => [f.rule, f.severity])).toEqual([['file.encoding_repaired', 'warning']]);
    expect(result.findings[0]!.message_en).toContain('bad/input.txt');
    expect(result.findings[0]!.message_en).toContain('a truncated last character (1 bytes) dropped');
    const record = parseReport(inputFromBytes('bad/input.txt', truncated));
    expect(record.parse_status).toBe('failed');
    expect(record.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['file.encoding_repaired', 'file.not_a_report']));
  });

  it('a text file that is no report fails with file.not_a_report', () => {
    const record = parseReport(inputFromBytes('notes.txt', new Uint8Array(Buffer.from('会议纪要\n今天讨论了食堂的菜单。\n'))));
    expect(record.parse_status).toBe('failed');
    expect(record.sections.every((s) => s.status === 'missing')).toBe(true);
    expect(record.findings.map((f) => f.rule)).toContain('file.not_a_report');
  });

  it('bytes that are neither UTF-8 nor GB18030 are unreadable, not garbage', () => {
    const result = decodeBytes(new Uint8Array([0x61, 0x80, 0x80, 0x80, 0xff, 0x62]), 'x.txt');
    expect(result.value).toBeNull();
    expect(result.findings[0]!.rule).toBe('file.unreadable');
  });
});

describe('line endings: unified and named by plain searches as the expressions would', () => {
  /** The expressions the searches stand for. */
  const reference = (text: string) => {
    if (!text.includes('\r')) return text.includes('\n') ? 'lf' : 'none';
    const kinds = [text.includes('\r\n'), /\r(?!\n)/.test(text), /(?<!\r)\n/.test(text)];
    const n = kinds.filter(Boolean).length;
    return n === 0 ? 'none' : n > 1 ? 'mixed' : kinds[0] ? 'crlf' : kinds[1] ? 'cr' : 'lf';
  };
  it('on every text of up to six characters of a, CR and LF', () => {
    const texts = [''];
    for (let len = 1; len <= 6; len++) for (const t of texts.filter((x) => x.length === len - 1)) for (const ch of ['a', '\r', '\n']) texts.push(t + ch);
    for (const t of texts) {
      const s = `x${t}`;
      expect(lineEndingsOf(s), JSON.stringify(s)).toBe(reference(s));
      expect(decodeBytes(new TextEncoder().encode(s), 'a.txt').value!.text, JSON.stringify(s)).toBe(s.replace(/\r\n?/g, '\n'));
    }
  });
});

describe('mayBeCutUtf8: the quick test before reading a file as UTF-8 with a cut last character', () => {
  it('holds wherever lenientDecode reads the bytes without a replacement', () => {
    const samples: Uint8Array[] = [];
    const utf8 = new TextEncoder().encode('一、总体情况 abc 𠀀 é');
    for (let cut = 0; cut <= utf8.length; cut++) samples.push(utf8.subarray(0, cut));
    const gb = iconv.encode('一、总体情况，主动公开政府信息情况。', 'gb18030');
    for (let cut = 1; cut <= gb.length; cut++) samples.push(new Uint8Array(gb.subarray(0, cut)));
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) % 256;
    for (let n = 0; n < 400; n++) samples.push(Uint8Array.from({ length: 1 + (n % 9) }, () => [0x41, 0xe4, 0xb8, 0x80, 0xf0, 0x9f, 0xc2, 0xed, next()][next() % 9]!));
    for (const b of samples) {
      if (b.length === 0) continue;
      const lenient = lenientDecode(b, 'utf-8');
      if (lenient !== null && lenient.replaced === 0) expect(mayBeCutUtf8(b), Buffer.from(b).toString('hex')).toBe(true);
    }
  });
});

describe('decode: control characters', () => {
  const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g;
  it('refuses a text exactly when more than 1 in 100 of its units are control characters, wherever they stand', () => {
    const body = '本机关收到政府信息公开申请6件。\n'.repeat(12);
    const bad: string[] = [];
    for (let c = 1; c < 0x100; c++) {
      const ch = String.fromCharCode(c);
      for (const text of [`${ch}${body}`, `${body}${ch}`, `正文${ch}`, `${ch}正文`, `${body.slice(0, 50)}${ch}${ch}${ch}${body.slice(50)}`, `${ch.repeat(3)}${body}`]) {
        const count = (text.match(CONTROL) ?? []).length;
        const refused = decodeBytes(new TextEncoder().encode(text), 'a.txt').value === null;
        if (refused !== count * 100 > text.length) bad.push(`${c}:${text.length}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
