/**
 * Membership tables, reused: a stamp per paragraph, and an id is in the table while its stamp
 * equals the table's generation, so starting afresh costs one increment, not a clear. Allocating a
 * fresh 1.4 MB bitmap per set per query looked free but was not: over the poetry corpus each new
 * ArrayBuffer pushed V8 into a full collection of a 2 GB heap, ~25 ms a time.
 */
export class StampPool {
  private readonly free: Stamps[] = [];

  constructor(readonly universe: number) {}

  acquire(): Stamps {
    const t = this.free.pop() ?? { stamps: new Uint32Array(this.universe), generation: 0 };
    if (++t.generation === 0xffffffff) {
      t.stamps.fill(0);
      t.generation = 1;
    }
    return t;
  }

  release(t: Stamps): void {
    this.free.push(t);
  }
}

/** One membership table of a pool. */
export interface Stamps {
  stamps: Uint32Array;
  generation: number;
}

/**
 * A set of paragraph ids that answers `has` in constant time: the ids as listed, plus a membership
 * table from the pool, taken on first use and given back by `release`.
 */
export class IdSet {
  private table: Stamps | null = null;

  constructor(
    /** The ids, each once, in no particular order. */
    readonly ids: ArrayLike<number>,
    private readonly pool: StampPool,
  ) {}

  get size(): number {
    return this.ids.length;
  }

  has(id: number): boolean {
    if (!this.table) {
      this.table = this.pool.acquire();
      const { stamps, generation } = this.table;
      for (let i = 0; i < this.ids.length; i++) stamps[this.ids[i]!] = generation;
    }
    return this.table.stamps[id] === this.table.generation;
  }

  /** Gives the membership table back to the pool; the set must not be asked again. */
  release(): void {
    if (this.table) this.pool.release(this.table);
    this.table = null;
  }

  /** Ids in every set, walking the smallest. */
  static intersect(sets: IdSet[], pool: StampPool): IdSet {
    if (sets.length === 0) return new IdSet([], pool);
    const [smallest, ...rest] = [...sets].sort((a, b) => a.size - b.size);
    const out: number[] = [];
    for (let i = 0; i < smallest!.ids.length; i++) {
      const id = smallest!.ids[i]!;
      if (rest.every((s) => s.has(id))) out.push(id);
    }
    return new IdSet(out, pool);
  }

  /** Ids in any set. */
  static union(sets: IdSet[], pool: StampPool): IdSet {
    if (sets.length === 0) return new IdSet([], pool);
    if (sets.length === 1) return sets[0]!;
    const seen = pool.acquire();
    const out: number[] = [];
    for (const s of sets) {
      for (let i = 0; i < s.ids.length; i++) {
        const id = s.ids[i]!;
        if (seen.stamps[id] !== seen.generation) {
          seen.stamps[id] = seen.generation;
          out.push(id);
        }
      }
    }
    pool.release(seen);
    return new IdSet(out, pool);
  }
}
