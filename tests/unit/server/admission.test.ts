import { describe, expect, it } from 'vitest';
import { Admission, costOf, isRefusal, type Ticket } from '@/lib/server/admission';

const limits = {
  maxInFlight: 3,
  maxExpensive: 2,
  maxClientExpensive: 1,
  maxExports: 2,
  maxClientExports: 1,
  expensiveBurstMs: 100,
};
const p = (q: string) => new URLSearchParams(q);

describe('what a request costs', () => {
  it('tells expensive requests from cheap ones by path and query', () => {
    expect(costOf('/api/health', p(''))).toBe('health');
    expect(costOf('/api/export', p('q=政协'))).toBe('export');
    for (const path of ['/api/trend', '/api/compare', '/api/similar'])
      expect(costOf(path, p('q=政协'))).toBe('expensive');
    expect(costOf('/api/search', p('q=政协 SENT 委员'))).toBe('expensive');
    expect(costOf('/', p('q=政协 NEAR/3 委员'))).toBe('expensive-page');
    expect(costOf('/', p('q=政协&view=kwic'))).toBe('expensive-page');
    expect(costOf('/', p('q=政协&vs=委员'))).toBe('expensive-page');
    expect(costOf('/compare', p('a=x&b=y'))).toBe('expensive-page');
    expect(costOf('/', p('q=政协&view=kwic'), true)).toBe('speculative');
    expect(costOf('/api/trend', p('q=政协'), true)).toBe('expensive');
    expect(costOf('/', p('q=政协'), true)).toBe('cheap');
    expect(costOf('/api/search', p('q=政协 委员'))).toBe('cheap');
    expect(costOf('/reports/x', p(''))).toBe('cheap');
  });
});

describe('admission', () => {
  it('always admits health, and refuses beyond the requests in flight', () => {
    const a = new Admission(limits, () => 0);
    const held = [a.admit('cheap', 'x'), a.admit('cheap', 'y'), a.admit('cheap', 'z')];
    expect(held.some(isRefusal)).toBe(false);
    expect(a.admit('cheap', 'w')).toMatchObject({ code: 'server_busy', retryAfterSeconds: 1 });
    expect(isRefusal(a.admit('health', 'w'))).toBe(false);
    (held[0] as Ticket).done();
    (held[0] as Ticket).done(); // twice is once
    expect(isRefusal(a.admit('cheap', 'w'))).toBe(false);
    expect(isRefusal(a.admit('cheap', 'v'))).toBe(true);
  });

  it('bounds exports at once and per client', () => {
    const a = new Admission(limits, () => 0);
    const first = a.admit('export', 'x') as Ticket;
    expect(a.admit('export', 'x')).toMatchObject({ code: 'too_many_exports' });
    expect(isRefusal(a.admit('export', 'y'))).toBe(false);
    expect(a.admit('export', 'z')).toMatchObject({ code: 'too_many_exports' });
    first.done();
    expect(isRefusal(a.admit('export', 'z'))).toBe(false);
  });

  it('spends the expensive budget by the time each took, and refills it at half a second a second', () => {
    let now = 0;
    const a = new Admission(limits, () => now);
    const first = a.admit('expensive', 'x') as Ticket;
    expect(a.admit('expensive', 'x')).toMatchObject({ code: 'server_busy' }); // one per client
    now += 250;
    first.worked(); // 250 ms of a 100 ms budget: 150 ms owed, counted once
    first.done();
    // Alone (its own cheap request beside it), a reader's next expensive request is taken however much is owed.
    const own = a.admit('cheap', 'x') as Ticket;
    const alone = a.admit('expensive', 'x') as Ticket;
    expect(isRefusal(alone)).toBe(false);
    alone.done(); // at once: nothing more owed
    own.done();
    // With another client about, what is owed is refused until refilled.
    const other = a.admit('cheap', 'z') as Ticket;
    other.done();
    expect(a.admit('expensive', 'y')).toMatchObject({ code: 'server_busy' });
    now += 299; // refilled 149.5 of it
    expect(isRefusal(a.admit('expensive', 'y'))).toBe(true);
    now += 2;
    const next = a.admit('expensive', 'y');
    expect(isRefusal(next)).toBe(false);
    // Owing more than a second's worth is owing a second's worth: Retry-After stays short.
    const b = new Admission(limits, () => now);
    const slow = b.admit('expensive', 'z') as Ticket;
    now += 60_000;
    slow.done();
    (b.admit('cheap', 'x') as Ticket).done();
    expect(b.admit('expensive', 'z')).toMatchObject({ code: 'server_busy', retryAfterSeconds: 2 });
    now += 1_999;
    (b.admit('cheap', 'x') as Ticket).done();
    expect(b.admit('expensive', 'z')).toMatchObject({ code: 'server_busy', retryAfterSeconds: 1 });
    now += 2;
    expect(isRefusal(b.admit('expensive', 'z'))).toBe(false);
    // Cheap requests never wait for the budget.
    expect(isRefusal(a.admit('cheap', 'y'))).toBe(false);
  });

  it('takes a reader’s page navigations whatever their count, and a prefetch only while nothing expensive runs', () => {
    const a = new Admission(limits, () => 0);
    const held = [a.admit('expensive-page', 'x'), a.admit('expensive-page', 'x')] as Ticket[];
    expect(held.some(isRefusal)).toBe(false);
    expect(a.admit('expensive', 'x')).toMatchObject({ code: 'server_busy' }); // the API: two per client
    expect(a.admit('speculative', 'y')).toMatchObject({ code: 'server_busy' });
    for (const t of held) t.done();
    expect(isRefusal(a.admit('speculative', 'y'))).toBe(false);
  });
});
