import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

export type SmtpMode = 'work' | 'refuse' | 'hang';

/**
 * A TCP front for a real SMTP server (SmtpSink) that can be switched at any moment to refuse service
 * (a 421 greeting, then close) or to hang (accept the connection and never say a word).
 */
export class FlakySmtp {
  mode: SmtpMode = 'work';
  readonly seen: Record<SmtpMode, number> = { work: 0, refuse: 0, hang: 0 };
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly upstreamPort: number) {}

  async start(): Promise<this> {
    this.server = createServer((socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => undefined);
      this.seen[this.mode]++;
      if (this.mode === 'refuse') {
        socket.end('421 4.3.2 Service not available, closing transmission channel\r\n');
      } else if (this.mode === 'work') {
        const upstream = connect(this.upstreamPort, '127.0.0.1');
        upstream.on('error', () => socket.destroy());
        socket.pipe(upstream).pipe(socket);
      }
      // 'hang': keep the socket open and silent.
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
