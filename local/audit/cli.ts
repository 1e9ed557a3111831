/**
 * `npm run audit`: checks the running local platform's books — the tables, read straight from
 * DynamoDB Local, and the Stripe-compatible server's state — and prints each invariant with
 * its count of violations. Exits 1 on any violation, 2 when no platform answers.
 * The platform is at BAZAAR_URL, or http://127.0.0.1:$PORT (default 3000); `--json` prints the report.
 */
import '../polyfills';
import { type AuditReport, formatReport } from './index';

async function main(): Promise<void> {
  const base = process.env.BAZAAR_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
  const response = await fetch(`${base}/_local/audit`).catch(() => undefined);
  if (!response?.ok) {
    console.error(
      `No local platform answers at ${base}/_local/audit: start it with npm start (or set BAZAAR_URL)`,
    );
    process.exit(2);
  }
  const report = (await response.json()) as AuditReport;
  console.log(process.argv.includes('--json') ? JSON.stringify(report, null, 2) : formatReport(report));
  process.exit(report.violations === 0 ? 0 : 1);
}

void main();
