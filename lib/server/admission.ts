/**
 * Admission: which requests the server takes on now, and which it answers at once with a 503 and
 * Retry-After. Every request is computed on the one event loop, so what a cheap search (and the
 * balancer's health check) waits for is the work admitted before it. That work is bounded here:
 *
 * - requests in progress at once (health aside);
 * - expensive ones (trends, comparisons, similar paragraphs, NEAR/SENT queries, concordance and
 *   compared-terms pages): at most so many at once and per client, and a time budget — each takes
 *   from it the time it took, it refills at half a second per second, and once it is spent an
 *   expensive request is refused while another client has sent a request in the last second — so that little more than
 *   EXPENSIVE_BURST_MS of them runs ahead of anyone, while one reader alone (a comparison, then its
 *   next page) is always served;
 * - exports, which stream for as long as the client reads: at most so many at once and per client.
 *
 * A replica that must shed load says so itself, fast, instead of queuing everyone behind the work
 * and being taken out by its balancer when its health check queues too.
 */
import type { ServerLimits } from './socket-limits';

/**
 * What a request costs the server, as told from its path, parameters and headers before any work.
 * An expensive page is `expensive-page` when a reader navigates to it (one at a time: no per-client
 * count) and `speculative` when Next.js prefetches it for a link (harmless to refuse: the click
 * fetches it again), taken only while no expensive request runs.
 */
export type Cost = 'health' | 'cheap' | 'expensive' | 'expensive-page' | 'speculative' | 'export';

const EXPENSIVE_PATHS = new Set(['/api/trend', '/api/compare', '/api/similar', '/compare', '/similar']);
/** Operators whose pairs read paragraphs whole (query/tree.ts). */
const NEARNESS = /NEAR|SENT/;

/** The cost of a request for `path` with the query string's `params`; `prefetch` when Next.js prefetches a page. */
export function costOf(path: string, params: URLSearchParams, prefetch = false): Cost {
  if (path === '/api/health') return 'health';
  if (path === '/api/export') return 'export';
  const expensive: Cost = path.startsWith('/api/') ? 'expensive' : prefetch ? 'speculative' : 'expensive-page';
  if (EXPENSIVE_PATHS.has(path)) return expensive;
  if (path !== '/api/search' && path !== '/') return 'cheap';
  if (params.getAll('q').some((q) => NEARNESS.test(q))) return expensive;
  // The search page's concordance and its chart of compared terms are trends and KWIC pages.
  if (path === '/' && (params.get('view') === 'kwic' || params.has('vs'))) return expensive;
  return 'cheap';
}

/** A request turned away: the error's code and message, and when to come back. */
export interface Refusal {
  code: 'server_busy' | 'too_many_exports';
  message: string;
  retryAfterSeconds: number;
}

/**
 * Admitted: call `worked` when the answer is made (an API reply before it is sent, so that its time
 * counts before the next request is admitted), `done` when the response is finished or abandoned.
 * Either may be called more than once; each counts once.
 */
export interface Ticket {
  worked(): void;
  done(): void;
}

type Limits = Pick<
  ServerLimits,
  'maxInFlight' | 'maxExpensive' | 'maxClientExpensive' | 'maxExports' | 'maxClientExports' | 'expensiveBurstMs'
>;

/** The share of one second that expensive requests' budget refills by. */
const REFILL_PER_MS = 0.5;
/** The most the budget may owe, in ms. */
const MAX_DEBT_MS = 1000;
/** Another client sent a request this recently: someone waits for what an expensive request would take. */
const CONTENTION_MS = 1000;

/** A client, and when it last sent a request. */
interface Seen {
  client: string;
  at: number;
}

/** Counts per client, forgetting a client at zero. */
class Tally {
  total = 0;
  private readonly byClient = new Map<string, number>();

  of(client: string): number {
    return this.byClient.get(client) ?? 0;
  }

  add(client: string, n: 1 | -1): void {
    this.total += n;
    const left = this.of(client) + n;
    if (left > 0) this.byClient.set(client, left);
    else this.byClient.delete(client);
  }
}

export class Admission {
  private readonly inFlight = new Tally();
  private readonly expensive = new Tally();
  private readonly exports = new Tally();
  private budget: number;
  private refilledAt: number;
  private latest: Seen | null = null;
  private previous: Seen | null = null;

  constructor(
    private readonly limits: Limits,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.budget = limits.expensiveBurstMs;
    this.refilledAt = now();
  }

  /** Admits a request of `cost` from `client`, or says why not. Health is always admitted. */
  admit(cost: Cost, client: string): Ticket | Refusal {
    if (cost === 'health') return { worked: () => {}, done: () => {} };
    this.seen(client);
    if (this.inFlight.total >= this.limits.maxInFlight) return busy(1, 'too many requests in progress');
    if (cost === 'export') {
      if (this.exports.total >= this.limits.maxExports || this.exports.of(client) >= this.limits.maxClientExports)
        return {
          code: 'too_many_exports',
          message: 'too many exports are being sent; try again when one has finished',
          retryAfterSeconds: 10,
        };
      return this.hold(client, this.exports);
    }
    if (cost === 'speculative') {
      // A prefetch of an expensive page: only while none runs and the budget has some left.
      this.refill();
      if (this.expensive.total > 0 || this.budget <= 0) return busy(1, 'expensive requests');
      return this.spending(client);
    }
    if (cost === 'expensive' || cost === 'expensive-page') {
      this.refill();
      // Spent budget matters only while another client is about: a reader alone (their next page,
      // its own prefetches beside it) is served, and held to their own count below.
      if (this.budget <= 0 && this.othersSeen(client))
        return busy(Math.ceil(-this.budget / REFILL_PER_MS / 1000) || 1, 'expensive requests');
      if (this.expensive.total >= this.limits.maxExpensive) return busy(1, 'expensive requests');
      // A reader navigates one page at a time; an API client may send many at once.
      if (cost === 'expensive' && this.expensive.of(client) >= this.limits.maxClientExpensive)
        return busy(1, 'expensive requests');
      return this.spending(client);
    }
    return this.hold(client);
  }

  /** Admits an expensive request, which takes from the budget the time it took until its answer was made. */
  private spending(client: string): Ticket {
    const started = this.now();
    let spent = false;
    const spend = () => {
      if (spent) return;
      spent = true;
      this.refill();
      // Owed at most MAX_DEBT_MS: a request's time counts its waits too (a trend's yields, a
      // shared answer), and no client should be told to come back in more than a couple of seconds.
      this.budget = Math.max(-MAX_DEBT_MS, this.budget - (this.now() - started));
    };
    return this.hold(client, this.expensive, spend);
  }

  private hold(client: string, tally?: Tally, spend: () => void = () => {}): Ticket {
    this.inFlight.add(client, 1);
    tally?.add(client, 1);
    let open = true;
    return {
      worked: spend,
      done: () => {
        spend();
        if (!open) return;
        open = false;
        this.inFlight.add(client, -1);
        tally?.add(client, -1);
      },
    };
  }

  /** Notes that `client` sent a request now; the latest client, and the latest before it that was another. */
  private seen(client: string): void {
    const now = this.now();
    if (this.latest && this.latest.client !== client) this.previous = this.latest;
    this.latest = { client, at: now };
  }

  /** Whether a client other than `client` sent a request within the last CONTENTION_MS. */
  private othersSeen(client: string): boolean {
    const recent = (x: Seen | null) => x !== null && x.client !== client && this.now() - x.at < CONTENTION_MS;
    return recent(this.latest) || recent(this.previous);
  }

  private refill(): void {
    const now = this.now();
    this.budget = Math.min(this.limits.expensiveBurstMs, this.budget + (now - this.refilledAt) * REFILL_PER_MS);
    this.refilledAt = now;
  }
}

function busy(retryAfterSeconds: number, what: string): Refusal {
  return {
    code: 'server_busy',
    message: `the server is busy with ${what}; try again in ${retryAfterSeconds} s`,
    retryAfterSeconds,
  };
}

/** Whether admit() turned a request away. */
export const isRefusal = (x: Ticket | Refusal): x is Refusal => 'code' in x;
