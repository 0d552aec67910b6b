/**
 * The artifact's sections, in file order, each with what it holds: one table for the writer and
 * the reader (lib/index/FORMAT.md describes the bytes). Adding a section is one line here, one
 * value where the writer fills the table and one read where the loader uses it; a section written
 * with another element type than the table's does not compile.
 */
import { StringColumn } from './columns';

/** JSON text (UTF-8): small sections only. */
type Json = 'json';
/** A string column's UTF-8 bytes; its offsets are the next Uint32Array section. */
type Utf8 = 'utf8';
type TypedArrayType =
  | Int16ArrayConstructor
  | Uint16ArrayConstructor
  | Int32ArrayConstructor
  | Uint32ArrayConstructor
  | Float64ArrayConstructor
  | Uint8ArrayConstructor;

export const SECTIONS = {
  keywords: 'json',
  answers: 'json',
  reportIds: 'utf8',
  reportIdOffsets: Uint32Array,
  reportBodies: 'utf8',
  reportBodyOffsets: Uint32Array,
  reportBounds: Int32Array,
  distinctive: 'utf8',
  distinctiveOffsets: Uint32Array,
  ids: Uint8Array,
  idRepeated: Uint32Array,
  idRepeats: Uint32Array,
  texts: 'utf8',
  textOffsets: Uint32Array,
  norms: 'utf8',
  normOffsets: Uint32Array,
  report: Int32Array,
  section: Int16Array,
  tokens: Uint16Array,
  words: 'utf8',
  wordOffsets: Uint32Array,
  wordPostingOffsets: Uint32Array,
  wordPostings: Uint32Array,
  gramKeys: Float64Array,
  gramOffsets: Uint32Array,
  gramStarts: Uint32Array,
  gramPostings: Uint8Array,
  dictionary: 'json',
  synonyms: 'json',
  pinyinFull: 'utf8',
  pinyinFullOffsets: Uint32Array,
  pinyinFullWords: Uint32Array,
  pinyinInitials: 'utf8',
  pinyinInitialOffsets: Uint32Array,
  pinyinInitialWords: Uint32Array,
} as const satisfies Record<string, Json | Utf8 | TypedArrayType>;

export type SectionName = keyof typeof SECTIONS;

/** The sections in file order (an object's string keys keep the order they were written in). */
export const SECTION_NAMES = Object.keys(SECTIONS) as SectionName[];

/** What a section holds in memory: parsed JSON, UTF-8 bytes, or a typed array of the table's type. */
export type SectionValue<N extends SectionName> = (typeof SECTIONS)[N] extends Json
  ? unknown
  : (typeof SECTIONS)[N] extends Utf8
    ? Buffer
    : ArrayOf<(typeof SECTIONS)[N]>;

/** The typed array a constructor makes, over any buffer (a section's view shares the file's). */
type ArrayOf<T> = T extends Int16ArrayConstructor
  ? Int16Array
  : T extends Uint16ArrayConstructor
    ? Uint16Array
    : T extends Int32ArrayConstructor
      ? Int32Array
      : T extends Uint32ArrayConstructor
        ? Uint32Array
        : T extends Float64ArrayConstructor
          ? Float64Array
          : T extends Uint8ArrayConstructor
            ? Uint8Array
            : never;

/** Every section's value: what the writer fills in. */
export type SectionValues = { [N in SectionName]: SectionValue<N> };

/** A section's bytes as they go into the file (typed arrays little-endian, as this machine stores them). */
export function sectionBytes(name: SectionName, value: unknown): Buffer {
  const kind = SECTIONS[name];
  if (kind === 'json') return Buffer.from(JSON.stringify(value));
  if (kind === 'utf8') return value as Buffer;
  const a = value as InstanceType<TypedArrayType>;
  if (!(a instanceof kind)) throw new Error(`index: section ${name} must be a ${kind.name}`);
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

/** Where each section lies, relative to the end of the header line. */
export type SectionLayout = Record<SectionName, { offset: number; length: number }>;

/** Where a loader takes sections from: an artifact's bytes (SectionReader) or values sent by a worker (ValueReader). */
export interface SectionSource {
  typed<N extends SectionName>(name: N): SectionValue<N>;
  json<T>(name: SectionName): T;
  strings(name: SectionName, offsets: SectionName): StringColumn;
}

/** Sections from values another thread made (sectionValues) and sent: views of what arrived, no copies. */
export class ValueReader implements SectionSource {
  constructor(private readonly values: SectionValues) {}

  typed<N extends SectionName>(name: N): SectionValue<N> {
    return this.values[name];
  }

  json<T>(name: SectionName): T {
    return this.values[name] as T;
  }

  strings(name: SectionName, offsets: SectionName): StringColumn {
    // A Buffer arrives as a Uint8Array: seen as a Buffer again over the same memory.
    const bytes = this.values[name] as Uint8Array;
    return new StringColumn(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      this.values[offsets] as Uint32Array,
    );
  }
}

/** Reads sections out of an artifact's bytes, each as the table says, checking bounds as it goes. */
export class SectionReader implements SectionSource {
  constructor(
    private readonly layout: SectionLayout,
    private readonly raw: Buffer,
    private readonly base: number,
  ) {}

  /** A section's bytes. */
  bytes(name: SectionName): Buffer {
    const s = this.layout[name];
    if (!s || this.base + s.offset + s.length > this.raw.length) throw new Error(`section ${name} is truncated`);
    return this.raw.subarray(this.base + s.offset, this.base + s.offset + s.length);
  }

  /** A typed section: a view into the file's buffer where it is aligned for the type (the usual case), else a copy. */
  typed<N extends SectionName>(name: N): SectionValue<N> {
    const Type = SECTIONS[name] as TypedArrayType;
    const b = this.bytes(name);
    const length = b.byteLength / Type.BYTES_PER_ELEMENT;
    if (!Number.isInteger(length)) throw new Error(`section ${name} has a partial element`);
    if (b.byteOffset % Type.BYTES_PER_ELEMENT === 0)
      return new Type(b.buffer as ArrayBuffer, b.byteOffset, length) as SectionValue<N>;
    const out = new Type(length);
    new Uint8Array(out.buffer).set(b);
    return out as SectionValue<N>;
  }

  /** A JSON section, parsed. */
  json<T>(name: SectionName): T {
    return JSON.parse(this.bytes(name).toString('utf8')) as T;
  }

  /** A string column: a UTF-8 section and its offsets, which must agree. */
  strings(name: SectionName, offsets: SectionName): StringColumn {
    const column = new StringColumn(this.bytes(name), this.typed(offsets) as Uint32Array);
    if (column.offsets[column.length] !== column.bytes.length)
      throw new Error(`section ${offsets} does not match ${name}`);
    return column;
  }
}
