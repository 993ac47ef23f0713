import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * POST /csp-report: browsers report what the Content-Security-Policy refused (report-uri and the Reporting
 * API's report-to). Each report becomes one log line; nothing is stored. Bounded so it cannot fill a disk or
 * a log: bodies over MAX_BODY_BYTES are refused unread, at most LINES_PER_MINUTE lines a minute are written
 * (then one line saying how many were left out), and each line is cut to MAX_LINE characters with control
 * characters removed.
 */
const MAX_BODY_BYTES = 16 * 1024;
const LINES_PER_MINUTE = 20;
const MAX_LINE = 300;

let window = { started: 0, written: 0, suppressed: 0 };

function log(line: string): void {
  const now = Date.now();
  if (now - window.started >= 60_000) {
    if (window.suppressed > 0) console.warn(`[csp] ${window.suppressed} more violation reports in the last minute were not logged`);
    window = { started: now, written: 0, suppressed: 0 };
  }
  if (window.written >= LINES_PER_MINUTE) {
    window.suppressed += 1;
    return;
  }
  window.written += 1;
  console.warn(`[csp] ${line.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').slice(0, MAX_LINE)}`);
}

type Report = Record<string, unknown>;

/** The fields worth a line from either report format (report-uri's csp-report, or report-to's body). */
function describe(report: Report): string {
  const body = (report['csp-report'] ?? report.body ?? report) as Report;
  const field = (...names: string[]) => names.map((name) => body[name]).find((value) => typeof value === 'string' || typeof value === 'number');
  return `${field('effective-directive', 'effectiveDirective', 'violated-directive') ?? '?'} refused ${field('blocked-uri', 'blockedURL') ?? '?'} on ${field('document-uri', 'documentURL') ?? '?'}${field('line-number', 'lineNumber') !== undefined ? `:${field('line-number', 'lineNumber')}` : ''}`;
}

export function receiveCspReport(req: IncomingMessage, res: ServerResponse): void {
  const done = (status: number) => {
    res.writeHead(status, { 'Cache-Control': 'no-store', 'Content-Length': 0 });
    res.end();
  };
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) {
    done(413);
    req.destroy();
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.byteLength;
    if (size > MAX_BODY_BYTES) {
      if (!res.headersSent) done(413);
      req.destroy();
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (res.headersSent) return;
    try {
      const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Report | Report[];
      for (const report of (Array.isArray(parsed) ? parsed : [parsed]).slice(0, 10)) log(describe(report));
      done(204);
    } catch {
      done(400);
    }
  });
}
