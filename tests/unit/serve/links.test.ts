import { describe, expect, it } from 'vitest';
import { paragraphPath, siteOrigin } from '@/lib/serve/links';

describe('links', () => {
  it('gives a paragraph a path of its own, with the query when there is one', () => {
    expect(paragraphPath('ziyang-cppcc-2022', 'p-5ba58209ce')).toBe('/reports/ziyang-cppcc-2022/p-5ba58209ce');
    expect(paragraphPath('r', 'p-1', '书香 政协')).toBe('/reports/r/p-1?q=%E4%B9%A6%E9%A6%99%20%E6%94%BF%E5%8D%8F');
  });

  it('takes the origin from SITE_URL, else the forwarded or own host', () => {
    const headers = new Headers({ host: 'search.example.org' });
    expect(siteOrigin(headers)).toBe('https://search.example.org');
    expect(siteOrigin(new Headers({ host: '127.0.0.1:3000' }))).toBe('http://127.0.0.1:3000');
    expect(
      siteOrigin(new Headers({ host: 'internal:3000', 'x-forwarded-host': 'a.example', 'x-forwarded-proto': 'https' })),
    ).toBe('https://a.example');
    process.env.SITE_URL = 'https://reports.example.gov.cn/';
    try {
      expect(siteOrigin(headers)).toBe('https://reports.example.gov.cn');
    } finally {
      delete process.env.SITE_URL;
    }
  });
});
