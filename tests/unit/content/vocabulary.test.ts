import { describe, expect, it } from 'vitest';
import { ContentError } from '@/lib/content/fields';
import { parseDictionary, parseSynonyms } from '@/lib/content/vocabulary';

describe('dictionary.txt', () => {
  it("reads jieba's user-dictionary form: a word, an optional frequency and tag, # comments", () => {
    expect(parseDictionary('d.txt', '# ours\n有事来协商 10 n\n书香政协\n\n资阳 nr # a place\n')).toEqual([
      { word: '有事来协商', tag: 'n' },
      { word: '书香政协', tag: null },
      { word: '资阳', tag: 'nr' },
    ]);
  });

  it('refuses a malformed line, naming the file and line', () => {
    expect(() => parseDictionary('d.txt', '好词\n坏 词 n x\n')).toThrow(ContentError);
    expect(() => parseDictionary('d.txt', '好词\n坏 词 n x\n')).toThrow(/d\.txt:2:/);
  });
});

describe('synonyms.txt', () => {
  it('reads groups separated by spaces or commas, # comments', () => {
    expect(parseSynonyms('s.txt', '新冠 疫情, 新冠肺炎\n# none\n政协，人民政协、政治协商会议\n')).toEqual([
      ['新冠', '疫情', '新冠肺炎'],
      ['政协', '人民政协', '政治协商会议'],
    ]);
  });

  it('refuses a group of one word, naming the line', () => {
    expect(() => parseSynonyms('s.txt', '新冠 疫情\n孤单\n')).toThrow(
      /s\.txt:2: a synonym group needs two or more words/,
    );
  });
});
