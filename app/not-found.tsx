import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="space-y-3">
      <h1 className="text-xl font-semibold">没有找到这个页面</h1>
      <p>
        链接可能有误。
        <Link href="/" className="text-red-800 hover:underline">
          返回检索首页
        </Link>
      </p>
    </div>
  );
}
