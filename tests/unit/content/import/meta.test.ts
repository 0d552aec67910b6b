import { describe, expect, it } from 'vitest';
import { describeReport, inferMeta } from '@/lib/content/import/meta';
import type { ReportSource } from '@/lib/content/types';

describe('what a title says of its report', () => {
  it('gives the year it covers when the date does not, its kind, its region and level', () => {
    expect(inferMeta('百舸争流万山过——资阳市政协2022年工作综述', '2023-01-01')).toEqual({
      meta: { year: 2022, kind: '综述', region: '资阳市', level: '市' },
      said: ['year 2022', 'kind 综述', 'region 资阳市', 'level 市'],
    });
    expect(inferMeta('青溪县政协二〇二三年工作报告', '2024-03-05').meta).toEqual({
      year: 2023,
      kind: '政协工作报告',
      region: '青溪县',
      level: '县',
    });
    // The year the date gives already is not said again.
    expect(inferMeta('青溪县2023年政府工作报告', '2023-02-18').meta).toEqual({
      kind: '政府工作报告',
      region: '青溪县',
      level: '县',
    });
  });

  it('knows the levels by their suffixes and the four cities of provincial rank', () => {
    expect(inferMeta('四川省人民政府工作报告', null).meta).toMatchObject({ region: '四川省', level: '省' });
    expect(inferMeta('重庆市人民政府工作报告', null).meta).toMatchObject({ region: '重庆市', level: '省' });
    expect(inferMeta('某某自治州人大常委会工作报告', null).meta).toMatchObject({
      kind: '人大常委会工作报告',
      level: '市',
    });
    expect(inferMeta('政府工作报告——在第十四届全国人民代表大会第二次会议上', null).meta).toEqual({
      kind: '政府工作报告',
      level: '国家',
    });
  });

  it('takes 关于 for no part of a place', () => {
    expect(inferMeta('关于资阳市2022年国民经济和社会发展计划执行情况的报告', null).meta).toEqual({
      year: 2022,
      region: '资阳市',
      level: '市',
    });
  });

  it('says nothing it cannot read', () => {
    expect(inferMeta('一份没有地名的材料', null)).toEqual({ meta: {}, said: [] });
  });
});

describe('an imported report described', () => {
  const report: ReportSource = {
    id: 'seed',
    title: '百舸争流万山过——资阳市政协2022年工作综述',
    date: '2023-01-01',
    source: '主站',
    paragraphs: [{ text: '段落。', section: null }],
  };

  it('takes the flags over what the title says, and says only what it inferred', () => {
    const { report: described, said } = describeReport(report, { region: '四川省资阳市', source: '资阳市政协' });
    expect(described).toMatchObject({
      region: '四川省资阳市',
      level: '市',
      kind: '综述',
      year: 2022,
      source: '资阳市政协',
    });
    expect(said).toEqual(['year 2022', 'kind 综述', 'level 市 (by --region)']);
  });

  it('refuses a flag that content would refuse', () => {
    expect(() => describeReport(report, { level: '地级' })).toThrow(/--level "地级" is not one of 国家, 省, 市, 县/);
  });
});
