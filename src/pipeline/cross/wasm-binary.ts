/**
 * The few pieces of the WebAssembly binary format (spec §5, "Binary Format")
 * that the MinHash kernel (minhash-kernel.ts) is written in: LEB128 numbers,
 * the opcodes it uses, each by name, a function body written instruction by
 * instruction (Code, read like the WAT text it stands for), and a module of
 * imports, one memory and exported functions. Bytes are pushed onto plain
 * arrays, never spread: the kernel is built once per thread, before any of
 * this code is optimised.
 */

/** Value types. */
export const I32 = 0x7f;
export const V128 = 0x7b;
/** A block, loop or if that leaves nothing on the stack. */
const VOID_BLOCK = 0x40;

/** Unsigned LEB128: seven bits a byte, low bits first, the top bit set on every byte but the last. */
function pushUnsigned(out: number[], n: number): void {
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
}

/** Signed LEB128 of a 32-bit integer: as unsigned, ending once the rest is the sign extension of the last byte's bit 6. */
function pushSigned(out: number[], n: number): void {
  n |= 0;
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return;
    }
    out.push(byte | 0x80);
  }
}

export const unsigned = (n: number): number[] => {
  const out: number[] = [];
  pushUnsigned(out, n);
  return out;
};
export const signed = (n: number): number[] => {
  const out: number[] = [];
  pushSigned(out, n);
  return out;
};

/** Single-byte instructions. */
export const op = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  br: 0x0c,
  br_if: 0x0d,
  call: 0x10,
  local_get: 0x20,
  local_set: 0x21,
  i32_load8_u: 0x2d,
  i32_load16_u: 0x2f,
  i32_store: 0x36,
  i32_store8: 0x3a,
  i32_const: 0x41,
  i32_eqz: 0x45,
  i32_eq: 0x46,
  i32_lt_u: 0x49,
  i32_ge_u: 0x4f,
  i32_add: 0x6a,
  i32_sub: 0x6b,
  i32_and: 0x71,
  i32_or: 0x72,
  i32_shl: 0x74,
  i32_shr_u: 0x76,
} as const;

/** 128-bit SIMD instructions: each is the prefix 0xfd, then its number as unsigned LEB128. */
export const simd = {
  v128_load: 0x00,
  v128_load32_splat: 0x09,
  v128_store: 0x0b,
  i32x4_splat: 0x11,
  v128_xor: 0x51,
  i32x4_shr_u: 0xad,
  i32x4_mul: 0xb5,
  i32x4_min_u: 0xb7,
} as const;
const SIMD_PREFIX = 0xfd;

/** A function body, instruction by instruction; each method pushes one instruction (or a block) and returns this. */
export class Code {
  readonly bytes: number[] = [];

  /** An instruction without immediates. */
  op(code: number): this {
    this.bytes.push(code);
    return this;
  }
  get(local: number): this {
    return this.#withIndex(op.local_get, local);
  }
  set(local: number): this {
    return this.#withIndex(op.local_set, local);
  }
  i32(value: number): this {
    this.bytes.push(op.i32_const);
    pushSigned(this.bytes, value);
    return this;
  }
  /** A load or store, with its memarg: alignment (log2 of bytes) and a constant offset added to the address. */
  memory(code: number, alignLog2: number, offset = 0): this {
    return this.#withIndex(code, alignLog2).#unsigned(offset);
  }
  simd(code: number): this {
    return this.#withIndex(SIMD_PREFIX, code);
  }
  /** A SIMD load or store, with its memarg. */
  simdMemory(code: number, alignLog2: number, offset = 0): this {
    return this.simd(code).#unsigned(alignLog2).#unsigned(offset);
  }
  call(func: number): this {
    return this.#withIndex(op.call, func);
  }
  /** Branch to the enclosing block `depth` levels out (0: the innermost); a loop's label is its start. */
  br(depth: number): this {
    return this.#withIndex(op.br, depth);
  }
  brIf(depth: number): this {
    return this.#withIndex(op.br_if, depth);
  }
  block(body: (code: this) => void): this {
    return this.#nested(op.block, body);
  }
  loop(body: (code: this) => void): this {
    return this.#nested(op.loop, body);
  }
  /** `if … else … end` on the i32 on the stack. */
  ifElse(then: (code: this) => void, otherwise?: (code: this) => void): this {
    this.bytes.push(op.if, VOID_BLOCK);
    then(this);
    if (otherwise) {
      this.bytes.push(op.else);
      otherwise(this);
    }
    this.bytes.push(op.end);
    return this;
  }
  /** An instruction (or prefix) byte followed by one unsigned LEB128 immediate: an index, a depth, an opcode. */
  #withIndex(code: number, immediate: number): this {
    this.bytes.push(code);
    return this.#unsigned(immediate);
  }
  #unsigned(value: number): this {
    pushUnsigned(this.bytes, value);
    return this;
  }
  #nested(code: number, body: (code: this) => void): this {
    this.bytes.push(code, VOID_BLOCK);
    body(this);
    this.bytes.push(op.end);
    return this;
  }
}

/** A function the module imports from JavaScript, as `module.name`. */
export interface WasmImport {
  module: string;
  name: string;
  params: number[];
  results: number[];
}

export interface WasmFunction {
  name: string;
  params: number[];
  results: number[];
  /** Local variables after the parameters, in order, by type. */
  locals: number[];
  /** Instructions, without the final `end`. */
  body: Code;
}

const FUNC_TYPE = 0x60;
const EXTERNAL_FUNC = 0x00;
const EXTERNAL_MEMORY = 0x02;
const LIMITS_MIN_ONLY = 0x00;
const SECTION = { type: 1, import: 2, function: 3, memory: 5, export: 7, code: 10 } as const;

/** A vector of items, as the binary format writes every list: its length, then each item. */
function pushVector<T>(out: number[], items: readonly T[], pushItem: (out: number[], item: T, index: number) => void): void {
  pushUnsigned(out, items.length);
  items.forEach((item, i) => pushItem(out, item, i));
}
const pushBytes = (out: number[], bytes: readonly number[]) => {
  for (const b of bytes) out.push(b);
};
/** Names are UTF-8 byte vectors; ours are ASCII. */
const pushName = (out: number[], name: string) => pushVector(out, Array.from(name, (c) => c.charCodeAt(0)), (o, b) => o.push(b));
const pushSection = (out: number[], id: number, content: number[]) => {
  out.push(id);
  pushUnsigned(out, content.length);
  pushBytes(out, content);
};
/** One section's content, pushed by `fill`. */
const contentOf = (fill: (out: number[]) => void) => {
  const out: number[] = [];
  fill(out);
  return out;
};
const pushFuncType = (out: number[], f: { params: number[]; results: number[] }) => {
  out.push(FUNC_TYPE);
  pushVector(out, f.params, (o, t) => o.push(t));
  pushVector(out, f.results, (o, t) => o.push(t));
};

/** A function's code entry: its size, its locals as runs of one type ((count, type) pairs), its body and `end`. */
function pushFunctionCode(out: number[], f: WasmFunction): void {
  const runs: [number, number][] = [];
  for (const t of f.locals) {
    const last = runs.at(-1);
    if (last && last[1] === t) last[0]++;
    else runs.push([1, t]);
  }
  const entry = contentOf((o) => {
    pushVector(o, runs, (oo, [count, t]) => {
      pushUnsigned(oo, count);
      oo.push(t);
    });
    pushBytes(o, f.body.bytes);
    o.push(op.end);
  });
  pushUnsigned(out, entry.length);
  pushBytes(out, entry);
}

/**
 * A module with the imports (function indices 0, 1, … in order, then the
 * module's own functions), one memory (exported as "memory", `pages` of
 * 64 KiB to start) and the functions, each exported by its name.
 */
export function wasmModule(imports: WasmImport[], pages: number, functions: WasmFunction[]): Uint8Array<ArrayBuffer> {
  const out = [
    0x00, 0x61, 0x73, 0x6d, // "\0asm"
    0x01, 0x00, 0x00, 0x00, // version 1
  ];
  // Each function its own type (imports first): a handful of functions need no type sharing.
  pushSection(out, SECTION.type, contentOf((o) => pushVector(o, [...imports, ...functions], pushFuncType)));
  pushSection(out, SECTION.import, contentOf((o) => pushVector(o, imports, (oo, f, i) => {
    pushName(oo, f.module);
    pushName(oo, f.name);
    oo.push(EXTERNAL_FUNC);
    pushUnsigned(oo, i);
  })));
  pushSection(out, SECTION.function, contentOf((o) => pushVector(o, functions, (oo, _, i) => pushUnsigned(oo, imports.length + i))));
  pushSection(out, SECTION.memory, contentOf((o) => pushVector(o, [pages], (oo, p) => {
    oo.push(LIMITS_MIN_ONLY);
    pushUnsigned(oo, p);
  })));
  pushSection(out, SECTION.export, contentOf((o) => {
    pushUnsigned(o, 1 + functions.length);
    pushName(o, 'memory');
    o.push(EXTERNAL_MEMORY, 0);
    functions.forEach((f, i) => {
      pushName(o, f.name);
      o.push(EXTERNAL_FUNC);
      pushUnsigned(o, imports.length + i);
    });
  }));
  pushSection(out, SECTION.code, contentOf((o) => pushVector(o, functions, pushFunctionCode)));
  return new Uint8Array(out);
}
