import { describe, expect, it } from 'vitest';
import { termWords, wordTokens } from '@/lib/text/tokenize';

describe('wordTokens', () => {
  it('keeps numbers and Latin runs whole (HMM on)', () => {
    expect(wordTokens('2022年gdp增长')).toEqual(expect.arrayContaining(['2022', 'gdp']));
  });

  it('emits the parts of long words so a part finds the whole', () => {
    expect(wordTokens('中国农业发展银行')).toEqual(expect.arrayContaining(['农业', '银行', '农业发展银行']));
  });

  it('drops punctuation and spaces', () => {
    expect(wordTokens('书香政协·文润资阳,一年。')).not.toEqual(expect.arrayContaining(['·', ',', '。']));
  });

  it('gives a term its distinct words in order', () => {
    expect(termWords('资阳政协')).toEqual(['资阳', '政协']);
  });
});
