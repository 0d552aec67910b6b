import { describe, expect, it } from 'vitest';
import { contentDir, readContent } from '@/lib/content/folder';
import { buildIndex } from '@/lib/indexer/builder';
import { MAX_PINYIN_LETTERS } from '@/lib/query/expand';
import { search } from '@/lib/eval/search';

const index = buildIndex(
  [
    {
      id: 'r',
      title: '测试报告',
      date: null,
      source: null,
      paragraphs: [
        { text: '围绕提升内涵素质，做强“书香政协”品牌，N 项措施。', section: null },
        { text: '有事来协商，政协委员走进社区。', section: null },
        { text: '聚焦疫情防控精准发力。', section: null },
        { text: '重要的银行业务，正在进行中。', section: null },
        { text: '写字的鞋子放在书桌上。', section: null },
      ],
    },
  ],
  {
    contentHash: 'h',
    dictionary: [{ word: '有事来协商', tag: null }],
    synonyms: [['新冠', '疫情']],
  },
);
const q = (query: string) => search(index, query, { limit: 10, offset: 0 });
const marked = (query: string) => q(query).hits.map((h) => h.snippetSegments.filter((s) => s.mark).map((s) => s.text));
const expansions = (query: string) => q(query).terms.map((t) => t.expansions.map((e) => `${e.kind}:${e.text}`));

describe('pinyin', () => {
  it('reads a Latin term as full pinyin and marks the Chinese it spells', () => {
    expect(expansions('zhengxie')).toEqual([['pinyin:政协']]);
    expect(marked('zhengxie')).toEqual([['政协'], ['政协']]);
    expect(q('zhengxie').hits.map((h) => h.match)).toEqual(['expansion', 'expansion']);
  });

  it('reads initials, and marks the whole word (zx → 政协)', () => {
    expect(marked('zx').flat()).toContain('政协');
  });

  it('reads several words at once', () => {
    expect(expansions('youshilaixieshang')).toEqual([['pinyin:有事来协商']]);
    expect(q('shuxiang zhengxie').hits).toHaveLength(1);
  });

  it(`reads a term of up to ${MAX_PINYIN_LETTERS} letters, and searches a longer one as its letters only`, () => {
    const spelled = 'zhengxie'.repeat(5);
    expect(spelled).toHaveLength(MAX_PINYIN_LETTERS);
    expect(expansions('zhengxieweiyuanzoujinshequ')).toEqual([['pinyin:政协委员走进社区']]);
    expect(expansions(`${spelled}z`)).toEqual([[]]);
    expect(q('sz'.repeat(99)).total).toBe(0);
  });

  it('matches an unfinished last syllable as a prefix, but only in the last term', () => {
    expect(expansions('zhengx')).toEqual([['pinyin:政协', 'pinyin:政协委员']]);
    expect(expansions('zhengx shuxiang')[0]).toEqual([]);
  });

  it('reads polyphones as the word has them (重要 zhongyao, 银行 yinhang)', () => {
    expect(q('zhongyao').total).toBe(1);
    expect(q('yinhang').total).toBe(1);
    expect(q('chongyao').total).toBe(0);
  });

  it('never expands a term in Chinese characters: no homophones (正写, 鞋上, 书相 find nothing)', () => {
    for (const term of ['正写', '鞋上', '书相']) {
      expect(q(term).total).toBe(0);
      expect(expansions(term)).toEqual([[]]);
    }
  });

  it('ranks Latin text that occurs literally before pinyin matches', () => {
    const hits = q('n').hits;
    expect(hits[0]!.text).toContain('N 项措施');
    expect(hits[0]!.termMatches).toEqual(['word']);
    expect(hits.slice(1).every((h) => h.termMatches[0] === 'pinyin')).toBe(true);
  });

  it('never expands a quoted phrase', () => {
    expect(q('"zhengxie"').total).toBe(0);
  });
});

describe('pinyin as people type it (against the seed report)', () => {
  const { reports, ...stamp } = readContent(contentDir());
  const seed = buildIndex(reports, stamp);
  const s = (query: string) => search(seed, query, { limit: 30, offset: 0 });
  const holding = (text: string) =>
    Array.from({ length: seed.paragraphs.count }, (_, i) => seed.paragraphs.norm(i)).filter((t) => t.includes(text))
      .length;

  it('reads syllables typed apart together too: zheng xie finds every paragraph with 政协, shu xiang 书香 first', () => {
    const found = s('zheng xie');
    expect(found.hits.filter((h) => h.text.includes('政协'))).toHaveLength(holding('政协'));
    expect(found.hits[0]!.text).toContain('政协');
    expect(s('shu xiang').hits[0]!.text).toContain('书香');
  });

  it('keeps a space between syllables an AND for words that are not pinyin', () => {
    expect(s('shu xiang 品牌').hits.every((h) => h.text.includes('品牌'))).toBe(true);
  });

  it('puts the commonest reading first: zx ranks every paragraph with 政协 above those with only 中心', () => {
    const hits = s('zx').hits;
    expect(hits.slice(0, holding('政协')).every((h) => h.text.includes('政协'))).toBe(true);
    expect(hits.some((h) => h.text.includes('中心') && !h.text.includes('政协'))).toBe(true);
  });

  it('reads characters in their word’s context: zx does not offer 在省 (zai sheng), though 省 alone reads xing too', () => {
    expect(s('zx').terms[0]!.expansions.map((e) => e.text)).not.toContain('在省');
    expect(s('zx').terms[0]!.expansions.map((e) => e.text)).toContain('政协');
  });
});

describe('the user dictionary', () => {
  it('keeps its words whole in queries, as in the text', () => {
    expect(q('有事来协商').terms[0]!.words).toContain('有事来协商');
    expect(q('有事来协商').hits[0]!.match).toBe('word');
  });
});

describe('synonyms', () => {
  it('find the other words of the group, marked, ranked below the term itself', () => {
    expect(expansions('新冠')).toEqual([['synonym:疫情']]);
    expect(marked('新冠')).toEqual([['疫情']]);
    expect(q('新冠').hits[0]!.termMatches).toEqual(['synonym']);
    expect(expansions('疫情')).toEqual([['synonym:新冠']]);
    expect(q('疫情').hits[0]!.termMatches).toEqual(['word']);
  });

  it('are never used for a quoted phrase', () => {
    expect(q('"新冠"').total).toBe(0);
  });
});
