const SECURITY = require('./lib/server/headers.json');

const list = (headers) => Object.entries(headers).map(([key, value]) => ({ key, value }));

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native addons and their data files cannot be bundled; they load from node_modules at run time.
  serverExternalPackages: ['nodejieba', 'opencc-js', 'flexsearch', 'chokidar'],
  poweredByHeader: false,
  async headers() {
    return [
      { source: '/:path*', headers: list(SECURITY.common) },
      // JSON and static files need no scripts at all; pages get a nonce policy from proxy.ts.
      { source: '/api/:path*', headers: list(SECURITY.noScripts) },
      { source: '/_next/static/:path*', headers: list(SECURITY.noScripts) },
    ];
  },
};

module.exports = nextConfig;
