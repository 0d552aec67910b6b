import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readHtml } from '@/lib/content/import/html';
import { GOVERNMENT_PAGE_BLOCKS, governmentPage } from '@/tests/fixtures/pages';

describe('importing a saved web page', () => {
  it('keeps the article and nothing of the site around it, GB2312 page decoded', () => {
    const draft = readHtml(governmentPage());
    expect(draft.blocks).toEqual(GOVERNMENT_PAGE_BLOCKS);
  });

  it("takes the title from the article's heading, not the <title> with the site's name", () => {
    expect(readHtml(governmentPage()).title).toBe('百舸争流万山过——资阳市政协2022年工作综述');
  });

  it('reads the date from the PubDate meta tag and the source from the metadata line', () => {
    expect(readHtml(governmentPage())).toMatchObject({ date: '2023-01-01', source: '资阳市政协' });
  });

  it('reads GBK and UTF-8 pages alike', () => {
    expect(readHtml(governmentPage('gbk')).blocks).toEqual(GOVERNMENT_PAGE_BLOCKS);
    expect(readHtml(governmentPage('utf-8')).blocks).toEqual(GOVERNMENT_PAGE_BLOCKS);
  });

  it('finds the date in the metadata line when no meta tag has it, and splits <br> paragraphs at sentence ends', () => {
    const page = `<html><head><meta charset="utf-8"><title>政协工作报告 - 某某政协网</title></head><body>
      <div class="nav">首页 | 新闻</div><h2 class="title">政协工作报告</h2>
      <p>发布日期：2022年3月5日 来源：某某政协</p>
      <div class="content">各位委员：<br>　　现在，我代表常委会报告工作。<br>　　过去一年，我们坚持团结和民主两大主题，<br>不断提高履职水平。<br><center>一、主要工作</center>一年来，工作取得新进展。</div>
      </body></html>`;
    const draft = readHtml(Buffer.from(page));
    expect(draft).toMatchObject({ title: '政协工作报告', date: '2022-03-05', source: '某某政协' });
    expect(draft.blocks).toEqual([
      { kind: 'paragraph', text: '各位委员：' },
      { kind: 'paragraph', text: '现在，我代表常委会报告工作。' },
      { kind: 'paragraph', text: '过去一年，我们坚持团结和民主两大主题，不断提高履职水平。' },
      { kind: 'heading', text: '一、主要工作' },
      { kind: 'paragraph', text: '一年来，工作取得新进展。' },
    ]);
  });

  it('falls back to the <title> without the site name when the page has no heading', () => {
    const page = iconv.encode(
      '<html><head><meta charset="gb18030"><title>年度报告_某某市政府</title></head><body><div><p>正文第一段。</p><p>正文第二段。</p></div></body></html>',
      'gb18030',
    );
    expect(readHtml(page).title).toBe('年度报告');
  });
});
