/**
 * A TCP pass-through in front of PostgreSQL that counts what the client sends: every simple Query
 * ('Q') and every Sync ('S', the end of one extended-protocol query) is one round trip; the SQL text
 * of each is kept so a profile can say which statements a request costs. Used for "SQL round trips per
 * request" without pg_stat_statements. Only the plain (non-TLS) protocol is understood.
 */
import net from 'node:net';

/**
 * A counter in front of the server of `databaseUrl` (TCP, or its Unix socket when the URL names one with
 * `?host=/dir`); `urlThrough(url)` is a database URL of that server that goes through the counter.
 */
export async function startPgCounter(databaseUrl) {
  const upstreamUrl = new URL(databaseUrl);
  const upstreamPort = Number(upstreamUrl.port || 5432);
  const hostParam = upstreamUrl.searchParams.get('host'); // node-postgres: it overrides the URL's host
  const connectUpstream = () =>
    hostParam?.startsWith('/')
      ? net.connect(`${hostParam}/.s.PGSQL.${upstreamPort}`)
      : net.connect(upstreamPort, hostParam || upstreamUrl.hostname);
  const stats = { roundTrips: 0, statements: new Map() };
  const note = (sql) => {
    const key = sql.replace(/\s+/g, ' ').trim().slice(0, 90);
    stats.statements.set(key, (stats.statements.get(key) ?? 0) + 1);
  };

  const server = net.createServer((client) => {
    const upstream = connectUpstream();
    let buffer = Buffer.alloc(0);
    let started = false;
    let pendingParse = null;
    client.on('data', (chunk) => {
      upstream.write(chunk);
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (!started) {
          if (buffer.length < 4) break;
          const len = buffer.readInt32BE(0);
          if (buffer.length < len) break;
          buffer = buffer.subarray(len);
          started = true;
          continue;
        }
        if (buffer.length < 5) break;
        const type = String.fromCharCode(buffer[0]);
        const len = buffer.readInt32BE(1);
        if (buffer.length < len + 1) break;
        const body = buffer.subarray(5, len + 1);
        if (type === 'Q') {
          stats.roundTrips++;
          note(body.toString('utf8', 0, body.indexOf(0)));
        } else if (type === 'P') {
          const nameEnd = body.indexOf(0);
          pendingParse = body.toString('utf8', nameEnd + 1, body.indexOf(0, nameEnd + 1));
        } else if (type === 'S') {
          stats.roundTrips++;
          note(pendingParse ?? '(prepared statement)');
          pendingParse = null;
        }
        buffer = buffer.subarray(len + 1);
      }
    });
    upstream.on('data', (chunk) => client.write(chunk));
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = server.address().port;
  return {
    port,
    urlThrough(url) {
      const through = new URL(url);
      through.searchParams.delete('host');
      through.hostname = '127.0.0.1';
      through.port = String(port);
      return through.toString();
    },
    reset() {
      stats.roundTrips = 0;
      stats.statements.clear();
    },
    snapshot: () => ({ roundTrips: stats.roundTrips, statements: [...stats.statements.entries()] }),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
