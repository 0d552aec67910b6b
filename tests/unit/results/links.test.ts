import { describe, expect, it } from 'vitest';
import { isValidHost, paragraphPath, siteOrigin } from '@/lib/results/links';

describe('links', () => {
  it('gives a paragraph a path of its own, with the query when there is one', () => {
    expect(paragraphPath('ziyang-cppcc-2022', 'p-5ba58209ce')).toBe('/reports/ziyang-cppcc-2022/p-5ba58209ce');
    expect(paragraphPath('r', 'p-1', '书香 政协')).toBe('/reports/r/p-1?q=%E4%B9%A6%E9%A6%99%20%E6%94%BF%E5%8D%8F');
  });

  it('takes the origin from SITE_URL, else the own host; forwarded headers only with TRUST_PROXY', () => {
    const headers = new Headers({ host: 'search.example.org' });
    expect(siteOrigin(headers)).toBe('https://search.example.org');
    expect(siteOrigin(new Headers({ host: '127.0.0.1:3000' }))).toBe('http://127.0.0.1:3000');
    const forwarded = new Headers({
      host: 'internal:3000',
      'x-forwarded-host': 'a.example',
      'x-forwarded-proto': 'https',
    });
    expect(siteOrigin(forwarded)).toBe('https://internal:3000');
    process.env.TRUST_PROXY = '1';
    try {
      expect(siteOrigin(forwarded)).toBe('https://a.example');
      expect(siteOrigin(new Headers({ host: 'a.example', 'x-forwarded-proto': 'gopher' }))).toBe('https://a.example');
    } finally {
      delete process.env.TRUST_PROXY;
    }
    process.env.SITE_URL = 'https://reports.example.gov.cn/';
    try {
      expect(siteOrigin(forwarded)).toBe('https://reports.example.gov.cn');
    } finally {
      delete process.env.SITE_URL;
    }
  });

  it('never echoes a malformed host: links name localhost instead', () => {
    for (const host of ['x:99999', 'evil.example/path', 'a b', '"><script>', 'a.example@b.example', ''])
      expect(siteOrigin(new Headers({ host }))).toBe('http://localhost');
    expect(siteOrigin(new Headers())).toBe('http://localhost');
  });

  it('tells well-formed hosts from the rest', () => {
    for (const host of ['localhost', 'a.example:8080', '127.0.0.1:3000', '[::1]:3000', 'xn--fiqs8s.example'])
      expect(isValidHost(host)).toBe(true);
    for (const host of ['x:99999', 'a..b', '-a.example', 'a_b.example', 'a.example:', 'a.example:1:2', '[::1'])
      expect(isValidHost(host)).toBe(false);
  });
});
