/**
 * A small reverse proxy on loopback that spreads requests round-robin over several upstream ports,
 * like a load balancer in front of several API processes. Used by the cluster tests and by
 * bench/registration ("registration rush through two processes"). No dependencies beyond node:http.
 *
 * If an upstream refuses the connection (ECONNREFUSED: the request never reached it), the next
 * upstream is tried, so a stopped process loses no request. Any other failure answers 502: the
 * request may have reached the upstream, and replaying a POST could apply it twice.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RoundRobinProxy {
  port: number;
  close(): Promise<void>;
}

/**
 * Headers without the hop-by-hop ones (RFC 9110 §7.6.1). Each hop keeps its own connection: passing
 * on the API's `Keep-Alive: timeout=72` told the client it could keep an idle connection to the
 * proxy longer than the proxy's own 30 s, so a request sent on it as the proxy closed it was reset.
 */
function endToEnd(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const copy: http.OutgoingHttpHeaders = { ...headers };
  for (const name of ['connection', 'keep-alive', 'proxy-connection', 'upgrade']) delete copy[name];
  return copy;
}

export async function startRoundRobinProxy(ports: number[]): Promise<RoundRobinProxy> {
  if (ports.length === 0) throw new Error('startRoundRobinProxy needs at least one upstream port');
  // Keep-alive to the upstreams: a new TCP connection per request would dominate the cost.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 256 });
  let next = 0;

  const server = http.createServer((req, res) => {
    // The body is buffered so that it can be replayed on the next upstream after a refusal.
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', () => res.destroy());
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const first = next;
      next = (next + 1) % ports.length;
      forward(first, 0, body);
    });

    function forward(index: number, attempt: number, body: Buffer): void {
      const upstream = http.request(
        {
          host: '127.0.0.1',
          port: ports[index],
          method: req.method,
          path: req.url,
          headers: { ...endToEnd(req.headers), 'content-length': String(body.length) },
          agent,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
          answer.pipe(res);
          answer.on('error', () => res.destroy());
        },
      );
      upstream.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'ECONNREFUSED' && attempt + 1 < ports.length) {
          forward((index + 1) % ports.length, attempt + 1, body);
          return;
        }
        if (res.headersSent) {
          res.destroy();
          return;
        }
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({ code: 'BAD_GATEWAY', message: `upstream failed: ${error.code ?? error.message}` }),
        );
      });
      upstream.end(body);
    }
  });
  server.keepAliveTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
