import { CopyButton, type CopyKind } from './CopyButton';

/** What each paragraph can copy: what its button says, and the start of its accessible name. */
const COPIES: { kind: CopyKind; text: string; name: string }[] = [
  { kind: 'link', text: '复制链接', name: '复制链接' },
  { kind: 'plain', text: '复制引用', name: '复制引用' },
  { kind: 'gbt7714', text: 'GB/T 7714', name: 'GB/T 7714 引用' },
];

const item =
  'block rounded px-2 py-1 text-sm text-stone-700 hover:bg-stone-100 hover:text-red-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-700 dark:text-stone-200 dark:hover:bg-stone-700';

interface Props {
  /** The paragraph's own page, relative. */
  href: string;
  /** Its 1-based position, which names it to a screen reader. */
  ordinal: number;
  /** What a citation of it is made of. */
  cited: Parameters<typeof CopyButton>[0]['source'];
  /** Its RIS record and its similar paragraphs. */
  risHref: string;
  similarHref: string;
}

/**
 * A paragraph's actions behind one small control (a disclosure: keyboard reachable, a button to a
 * screen reader, and it opens without JavaScript). The stylesheet shows it on the paragraph under
 * the pointer, in focus, or linked to, and print hides it.
 */
export function ParagraphActions({ href, ordinal, cited, risHref, similarHref }: Props) {
  return (
    <details className="paragraph-actions no-print absolute right-1 top-1 z-10">
      <summary
        aria-label={`段落操作：第 ${ordinal} 段`}
        className="rounded px-2 text-lg leading-6 text-stone-600 hover:bg-stone-200 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-700 dark:text-stone-300 dark:hover:bg-stone-700"
      >
        ⋯
      </summary>
      <div
        role="group"
        aria-label={`第 ${ordinal} 段的操作`}
        className="absolute right-0 mt-1 w-40 rounded-md border border-stone-200 bg-white p-1 shadow-lg dark:border-stone-600 dark:bg-stone-800"
      >
        {COPIES.map(({ kind, text, name }) => (
          <CopyButton
            key={kind}
            href={href}
            kind={kind}
            source={cited}
            text={text}
            label={`${name}：第 ${ordinal} 段`}
            className={item}
          />
        ))}
        <a href={risHref} download aria-label={`RIS 引用文件：第 ${ordinal} 段`} className={item}>
          RIS
        </a>
        <a href={similarHref} aria-label={`相似段落：第 ${ordinal} 段`} className={item}>
          相似段落
        </a>
      </div>
    </details>
  );
}
