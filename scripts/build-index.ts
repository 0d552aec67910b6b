/** `npm run build:index`: reads content/, builds the search index, writes the artifact atomically. */
import { buildIndexInParallel } from '@/lib/build/parallel';
import { contentDir, readContent } from '@/lib/content/folder';
import { artifactPath, writeArtifact } from '@/lib/index/artifact';

async function main(): Promise<void> {
  const started = performance.now();
  const dir = contentDir();
  const { reports, contentHash } = readContent(dir);
  const index = await buildIndexInParallel(reports, { contentHash });
  const file = artifactPath();
  const bytes = writeArtifact(index, file);
  const ms = Math.round(performance.now() - started);
  if (process.env.BUILD_INDEX_JSON) {
    // For the benchmark: the same figures, machine-readable, with the process's peak memory.
    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    console.log(
      JSON.stringify({
        reports: index.reports.count,
        paragraphs: index.paragraphs.count,
        buildMs: ms,
        artifactBytes: bytes,
        peakRssMb,
      }),
    );
    return;
  }
  console.log(
    `build:index: ${index.reports.count} reports, ${index.paragraphs.count} paragraphs from ${dir} → ` +
      `${file} (${(bytes / 1024).toFixed(1)} KiB) in ${ms} ms`,
  );
}

main().catch((err) => {
  console.error((err as Error).message);
  process.exit(1);
});
