import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { openApiDocument } from '../../apps/api/src/openapi/openapi-document';
import { answerProblems, type OpenApiDocument, type Operation } from './openapi-schema-check';

/**
 * Clears the previous run's counts (global setup). The api and chaos projects share the setup and
 * run in one jest process: the first one clears, the second must not wipe what the first writes.
 */
export function resetContractCounts(): void {
  if (process.env.WUTONG_CONTRACT_RUN) return;
  process.env.WUTONG_CONTRACT_RUN = '1';
  rmSync(CONTRACT_DIR, { recursive: true, force: true });
}

/** Where each test app leaves the operations whose answers it checked (summed up after the run). */
export const CONTRACT_DIR = 'tmp/contract';

export interface ContractWatch {
  /** Answers that did not match the document, at most 20. */
  problems: string[];
  /** Operation → success answers checked. */
  checked: Map<string, number>;
  /** Writes the counts for the run's summary; throws when an answer broke the contract. */
  finish(file: string): void;
}

/**
 * Holds every answer a test app gives to the OpenAPI document, whatever the test is about: a success
 * has a documented status, media type and (JSON) schema; an error has the shape of docs/api.md. Every API test
 * that runs a real flow (check-in at a door, a certificate, a TOTP setup) checks that flow's bodies.
 */
export function watchContract(app: NestFastifyApplication): ContractWatch {
  const doc = openApiDocument(app) as unknown as OpenApiDocument;
  const problems: string[] = [];
  const checked = new Map<string, number>();
  const report = (text: string) => {
    if (problems.length < 20) problems.push(text);
  };

  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', async (request, reply, payload) => {
      const route = request.routeOptions.url;
      if (!route?.startsWith('/api/') || route.startsWith('/api/docs')) return payload;
      const path = route.replace(/:(\w+)/g, '{$1}');
      const method = request.method.toLowerCase();
      const operation: Operation | undefined = doc.paths[path]?.[method];
      if (!operation) return payload;
      const op = `${request.method} ${path}`;
      const status = reply.statusCode;
      const type = String(reply.getHeader('content-type') ?? '')
        .split(';')[0]
        .trim();
      const text = typeof payload === 'string' ? payload : undefined;
      const found = answerProblems(doc, operation, status, type, text);
      if (found.length) report(`${op} → ${status}: ${found.slice(0, 5).join('; ')}`);
      else if (status >= 200 && status < 300) checked.set(op, (checked.get(op) ?? 0) + 1);
      return payload;
    });

  return {
    problems,
    checked,
    finish(file) {
      mkdirSync(CONTRACT_DIR, { recursive: true });
      const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
      );
      writeFileSync(
        `${CONTRACT_DIR}/${file}.json`,
        JSON.stringify({ operations, checked: Object.fromEntries(checked) }),
      );
      if (problems.length)
        throw new Error(`answers that break the OpenAPI document:\n  ${problems.join('\n  ')}`);
    },
  };
}

/** One line for the end of the run: how many answers were held to the document, over which operations. */
export function contractSummary(): string | undefined {
  // Once per jest process, after every project's tests (global teardowns run at the very end).
  if (!process.env.WUTONG_CONTRACT_RUN) return undefined;
  delete process.env.WUTONG_CONTRACT_RUN;
  let files: string[];
  try {
    files = readdirSync(CONTRACT_DIR).filter((f) => f.endsWith('.json'));
  } catch {
    return undefined;
  }
  if (!files.length) return undefined;
  const operations = new Set<string>();
  const checked = new Map<string, number>();
  for (const f of files) {
    const data = JSON.parse(readFileSync(`${CONTRACT_DIR}/${f}`, 'utf8')) as {
      operations: string[];
      checked: Record<string, number>;
    };
    data.operations.forEach((op) => operations.add(op));
    for (const [op, n] of Object.entries(data.checked)) checked.set(op, (checked.get(op) ?? 0) + n);
  }
  const total = [...checked.values()].reduce((a, b) => a + b, 0);
  const missing = [...operations].filter((op) => !checked.has(op));
  return (
    `OpenAPI contract: ${total} success answers of ${files.length} test apps matched the document, ` +
    `${checked.size} of ${operations.size} operations` +
    (missing.length > 10
      ? `; ${missing.length} never answered with success in the suites that ran`
      : missing.length
        ? `; never answered with success: ${missing.join(', ')}`
        : '')
  );
}
