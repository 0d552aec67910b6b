/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native addons and their data files cannot be bundled; they load from node_modules at run time.
  serverExternalPackages: ['nodejieba', 'opencc-js', 'flexsearch'],
  poweredByHeader: false,
};

module.exports = nextConfig;
