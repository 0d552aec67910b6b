/**
 * npm run opensearch [-- --nodes 3] [--port 9201]: a real OpenSearch cluster on loopback, for
 * trying the opensearch backend and for the benches. Builds the launcher (Maven) when needed,
 * starts the nodes, waits for green and prints the URL; Ctrl-C stops what it started.
 */
import { parseArgs } from 'node:util';
import { startCluster } from './opensearch/cluster';

const { values } = parseArgs({
  options: {
    nodes: { type: 'string', default: '1' },
    port: { type: 'string', default: '9201' },
    heap: { type: 'string', default: '1024' },
    dir: { type: 'string' },
  },
});
const nodes = Number(values.nodes) as 1 | 3;
if (nodes !== 1 && nodes !== 3) {
  console.error('opensearch: --nodes must be 1 or 3');
  process.exit(2);
}
const port = Number(values.port);
async function main() {
  const started = Date.now();
  const cluster = await startCluster({
    nodes,
    httpPort: port,
    transportPort: port + 100,
    heapMb: Number(values.heap),
    dir: values.dir,
  }).catch((err: Error) => {
    console.error(err.message);
    process.exit(1);
  });
  console.log(`opensearch: ${nodes} node(s) green in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`OPENSEARCH_URL=${cluster.url}`);
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      console.log('opensearch: stopping');
      void cluster.stop().then(() => process.exit(0));
    });
}

void main();
