/**
 * A set of paragraph ids that answers `has` in constant time: the ids as listed, plus a bitmap over
 * all paragraphs built on first use. Over a million paragraphs a bitmap is 1.4 MB, cheaper to fill
 * than a JavaScript Set of a hundred thousand numbers.
 */
export class IdSet {
  private bits: Uint8Array | null = null;

  constructor(
    /** The ids, each once, in no particular order. */
    readonly ids: ArrayLike<number>,
    /** Number of paragraphs in the index: ids are below it. */
    private readonly universe: number,
  ) {}

  get size(): number {
    return this.ids.length;
  }

  has(id: number): boolean {
    if (!this.bits) {
      this.bits = new Uint8Array(this.universe);
      for (let i = 0; i < this.ids.length; i++) this.bits[this.ids[i]!] = 1;
    }
    return this.bits[id] === 1;
  }

  /** Ids in every set, walking the smallest. */
  static intersect(sets: IdSet[], universe: number): IdSet {
    if (sets.length === 0) return new IdSet([], universe);
    const [smallest, ...rest] = [...sets].sort((a, b) => a.size - b.size);
    const out: number[] = [];
    for (let i = 0; i < smallest!.ids.length; i++) {
      const id = smallest!.ids[i]!;
      if (rest.every((s) => s.has(id))) out.push(id);
    }
    return new IdSet(out, universe);
  }

  /** Ids in any set. */
  static union(sets: IdSet[], universe: number): IdSet {
    if (sets.length === 0) return new IdSet([], universe);
    if (sets.length === 1) return sets[0]!;
    const seen = new Uint8Array(universe);
    const out: number[] = [];
    for (const s of sets) {
      for (let i = 0; i < s.ids.length; i++) {
        const id = s.ids[i]!;
        if (!seen[id]) {
          seen[id] = 1;
          out.push(id);
        }
      }
    }
    return new IdSet(out, universe);
  }
}
