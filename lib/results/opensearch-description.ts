/** The OpenSearch 1.1 description, so a browser can add the site as a search engine. */
import { escapeHtml } from './marks';

/** OpenSearch 1.1 allows at most 16 characters here. */
export const SHORT_NAME = '报告检索';

/** The description document for the site at `origin`. */
export function openSearchXml(origin: string): string {
  const o = escapeHtml(origin);
  return `<?xml version="1.0" encoding="UTF-8"?>
<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">
  <ShortName>${SHORT_NAME}</ShortName>
  <Description>政府和政协工作报告全文检索，逐段定位</Description>
  <InputEncoding>UTF-8</InputEncoding>
  <OutputEncoding>UTF-8</OutputEncoding>
  <Language>zh-CN</Language>
  <Url type="text/html" method="get" template="${o}/?q={searchTerms}"/>
  <Url type="application/json" template="${o}/api/search?q={searchTerms}"/>
  <Url type="application/opensearchdescription+xml" rel="self" template="${o}/opensearch.xml"/>
</OpenSearchDescription>
`;
}
