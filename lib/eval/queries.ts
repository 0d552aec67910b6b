/**
 * The relevance suite, written from reading the seed report. Every query is checked for literal
 * recall: each paragraph containing every term (after normalisation) and no excluded term must come
 * back. Queries with `first` also name, by a string unique to it, the paragraph a reader means, which
 * must rank first (MRR@10).
 */
export interface RelevanceQuery {
  /** The query as a user types it. */
  q: string;
  /** What the query exercises. */
  kind:
    | 'cross-boundary'
    | 'single-char'
    | 'number'
    | 'traditional'
    | 'full-width'
    | 'multi-term'
    | 'phrase'
    | 'exclusion'
    | 'ranking'
    | 'pinyin'
    | 'dictionary'
    | 'synonym'
    | 'boolean'
    | 'field'
    | 'nearness';
  /** A string found only in the paragraph that should rank first. */
  first?: string;
}

export const QUERIES: RelevanceQuery[] = [
  // Substrings that cross jieba's word boundaries.
  { q: '阳市政', kind: 'cross-boundary' },
  { q: '商民主', kind: 'cross-boundary' },
  { q: '市政协主', kind: 'cross-boundary' },
  { q: '协商机', kind: 'cross-boundary' },
  { q: '会议成员走', kind: 'cross-boundary' },
  { q: '政协履', kind: 'cross-boundary' },
  { q: '化发展', kind: 'cross-boundary' },
  { q: '议政质', kind: 'cross-boundary' },
  { q: '品牌化', kind: 'cross-boundary' },
  { q: '理论、一以', kind: 'cross-boundary' },
  { q: '质效', kind: 'cross-boundary', first: '提升招大引强质效' },
  // Single characters.
  { q: '党', kind: 'single-char' },
  { q: '协', kind: 'single-char' },
  { q: '资', kind: 'single-char' },
  { q: '书', kind: 'single-char' },
  { q: '圆', kind: 'single-char' },
  { q: '5', kind: 'single-char' },
  { q: '、', kind: 'single-char' },
  // Numbers with units.
  { q: '43户', kind: 'number', first: '同时,围绕创新凝聚共识载体' },
  { q: '196件', kind: 'number', first: '共立案并办结委员提案196件' },
  { q: '46个', kind: 'number' },
  { q: '27场次', kind: 'number', first: '举行各类协商活动27场次' },
  { q: '1257个', kind: 'number', first: '整合打造1257个' },
  { q: '70余次', kind: 'number' },
  { q: '4687件', kind: 'number' },
  { q: '3次', kind: 'number' },
  { q: '300余人次', kind: 'number', first: '江西等省内外政协组织' },
  { q: '1+7+N', kind: 'number', first: '线上读书模式' },
  { q: '12名', kind: 'number' },
  // Traditional input against simplified text.
  { q: '書香政協', kind: 'traditional', first: '做强“书香政协”品牌' },
  { q: '資陽', kind: 'traditional' },
  { q: '協商民主', kind: 'traditional' },
  { q: '高質量發展', kind: 'traditional' },
  { q: '黨的二十大', kind: 'traditional' },
  { q: '雙城經濟圈', kind: 'traditional', first: '成渝地区双城经济圈建设、成资同城化' },
  { q: '有事來協商', kind: 'traditional', first: '做强“有事来协商”品牌' },
  { q: '質量提升年', kind: 'traditional', first: '质量提升年' },
  // Full-width input against half-width text.
  { q: '４３户', kind: 'full-width' },
  { q: '一年，资阳', kind: 'full-width', first: '回望过去的一年,资阳' },
  { q: '１２名', kind: 'full-width' },
  { q: '１＋７＋Ｎ', kind: 'full-width' },
  { q: '（界别）', kind: 'full-width' },
  // Several terms, all required.
  { q: '政协 委员', kind: 'multi-term' },
  { q: '资阳 品牌', kind: 'multi-term' },
  { q: '提案 省政协', kind: 'multi-term' },
  { q: '疫情防控 企业', kind: 'multi-term' },
  { q: '乡村振兴 耕地保护', kind: 'multi-term', first: '耕地保护' },
  { q: '主席会议成员 走访 企业', kind: 'multi-term', first: '同时,围绕创新凝聚共识载体' },
  { q: '资阳政协 品牌', kind: 'multi-term', first: '资阳政协品牌集群效应' },
  { q: '临空经济区 政协工作站', kind: 'multi-term', first: '同时,围绕创新凝聚共识载体' },
  // Quoted phrases.
  { q: '"有事来协商"', kind: 'phrase', first: '做强“有事来协商”品牌' },
  { q: '“全过程人民民主”', kind: 'phrase' },
  { q: '"成德眉资"', kind: 'phrase' },
  { q: '"政协委员"', kind: 'phrase' },
  // Exclusions.
  { q: '政协 -资阳', kind: 'exclusion' },
  { q: '品牌 -书香', kind: 'exclusion' },
  { q: '协商 -有事来协商', kind: 'exclusion' },
  { q: '二十大 -精神', kind: 'exclusion', first: '党的二十大胜利召开' },
  // The paragraph a reader means.
  { q: '书香政协', kind: 'ranking', first: '做强“书香政协”品牌' },
  { q: '有事来协商', kind: 'ranking', first: '做强“有事来协商”品牌' },
  { q: '双助', kind: 'ranking', first: '做强“双助”品牌' },
  { q: '金点子', kind: 'ranking', first: '让“金点子”越来越多' },
  { q: '同心圆', kind: 'ranking', first: '让“同心圆越来越大”' },
  { q: '提案 196件', kind: 'ranking', first: '共立案并办结委员提案196件' },
  { q: '优秀领读员', kind: 'ranking', first: '省政协优秀领读员' },
  { q: '江西', kind: 'ranking', first: '江西等省内外政协组织' },
  { q: '天然气', kind: 'ranking', first: '加快天然气资源开发利用' },
  { q: '中国石窟文化第四极', kind: 'ranking', first: '中国石窟文化第四极' },
  { q: '双评双晒', kind: 'ranking', first: '双评双晒' },
  { q: '党风廉政', kind: 'ranking', first: '狠抓党建、党风廉政' },
  { q: '国家森林城市', kind: 'ranking', first: '创建国家森林城市' },
  { q: '百舸争流', kind: 'ranking', first: '百舸争流千帆竞' },
  { q: '习近平总书记', kind: 'ranking', first: '习近平总书记关于' },
  { q: '委员读书', kind: 'ranking', first: '推动委员读书与思想进步' },
  { q: '议事平台', kind: 'ranking', first: '议事平台' },
  { q: '志愿服务队', kind: 'ranking', first: '同时,围绕创新凝聚共识载体' },
  { q: '新时代市县政协工作', kind: 'ranking', first: '为做好新时代市县政协工作' },
  { q: '专委会', kind: 'ranking', first: '提升专委会工作专业化' },
  { q: '全省第一方阵', kind: 'ranking', first: '走在了全省第一方阵' },
  { q: '招商引资', kind: 'ranking', first: '重大招商引资工作' },
  { q: '食品饮料产业', kind: 'ranking', first: '食品饮料产业发展' },
  { q: '月报季晒年评比', kind: 'ranking', first: '月报季晒年评比' },
  { q: '国之大者', kind: 'ranking', first: '“国之大者”' },
  { q: '汉字文化', kind: 'ranking', first: '打造中国汉字文化教育基地' },
  { q: '业委会', kind: 'ranking', first: '加强小区业委会建设' },
  { q: '履职成效', kind: 'ranking', first: '资阳政协履职成效越来越鲜亮' },
  { q: '界别群众', kind: 'ranking', first: '同时,围绕创新凝聚共识载体' },
  { q: '读书活动', kind: 'ranking', first: '主题读书活动和网上专题学习会' },
  { q: '政协委员 先进个人', kind: 'ranking', first: '被表扬为全省先进个人' },
  { q: '协商计划', kind: 'ranking', first: '认真组织实施年度协商计划' },
  { q: '品牌', kind: 'ranking', first: '资阳政协品牌集群效应' },
  { q: '政协 品牌', kind: 'ranking', first: '资阳政协品牌集群效应' },
  { q: '二十大', kind: 'ranking', first: '党的二十大胜利召开' },
  { q: '省政协', kind: 'ranking', first: '省政协主要领导3次点名表扬' },
  { q: '民主', kind: 'ranking', first: '习近平总书记关于' },
  // Latin letters read as pinyin: full, initials, several words at once, an unfinished syllable.
  // Literal recall still holds: N is in one paragraph as typed, and that paragraph ranks first.
  { q: 'shuxiangzhengxie', kind: 'pinyin', first: '围绕提升内涵素质' },
  { q: 'shuxiang zhengxie', kind: 'pinyin', first: '围绕提升内涵素质' },
  { q: 'youshilaixieshang', kind: 'pinyin', first: '围绕助推基层治理' },
  { q: 'sxzx', kind: 'pinyin', first: '围绕提升内涵素质' },
  { q: 'ysl xieshang', kind: 'pinyin', first: '围绕助推基层治理' },
  { q: 'zhengx', kind: 'pinyin' },
  // Syllables typed apart are also read together; the commonest reading ranks first.
  { q: 'shu xiang', kind: 'pinyin', first: '围绕提升内涵素质' },
  { q: 'zheng xie', kind: 'pinyin' },
  { q: 'zx', kind: 'pinyin' },
  { q: 'jingzhunfuli', kind: 'pinyin' },
  { q: 'N', kind: 'pinyin', first: '围绕提升内涵素质' },
  // The content's own words (content/dictionary.txt) stay whole, in the text and in queries.
  { q: '有事来协商 品牌', kind: 'dictionary', first: '围绕助推基层治理' },
  { q: '书香政协', kind: 'dictionary', first: '围绕提升内涵素质' },
  // Synonyms (content/synonyms.txt) find each other, ranked below the term itself.
  { q: '新冠', kind: 'synonym', first: '着力创新凝聚共识载体' },
  { q: '新冠肺炎 防控', kind: 'synonym', first: '着力创新凝聚共识载体' },
  { q: '疫情', kind: 'synonym', first: '着力创新凝聚共识载体' },
  // The expert language: OR, NOT and groups, fields, nearness. Each is checked against the oracle
  // evaluating the same tree.
  { q: '书香 OR 双助', kind: 'boolean' },
  { q: '森林城市 OR 汉字文化', kind: 'boolean', first: '专题协商“打造中国汉字文化' },
  { q: '(有事来协商 | 书香政协) 品牌', kind: 'boolean' },
  { q: '品牌 NOT (书香 OR 双助)', kind: 'boolean' },
  { q: 'NOT 政协 奋斗', kind: 'boolean', first: '党的二十大胜利召开' },
  { q: 'section:品牌 双助', kind: 'field', first: '围绕服务“三农”建设' },
  { q: 'title:资阳 书香', kind: 'field', first: '围绕提升内涵素质' },
  { q: 'year:2022 有事来协商', kind: 'field', first: '围绕助推基层治理' },
  { q: 'section:激情 实施意见', kind: 'field' },
  { q: '委员 NEAR/3 担当', kind: 'nearness', first: '与此同时,制定实施《关于强化' },
  { q: '协商 NEAR/2 计划', kind: 'nearness', first: '认真组织实施年度协商计划' },
  { q: '"成渝地区" SENT 中部崛起', kind: 'nearness' },
];
