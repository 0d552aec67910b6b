import { writeFileSync } from 'node:fs';
import { reportPdf } from '@/tests/fixtures/pdfs';
const pdf = await reportPdf();
writeFileSync('/tmp/ocrtry/m/report.pdf', pdf);
