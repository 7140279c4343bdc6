/**
 * A local stand-in for Meta's Graph API, over real HTTP: `POST /<version>/<phoneNumberId>/messages`
 * with a bearer token, answering like Graph does (`{messaging_product, contacts, messages:[{id}]}`,
 * or `{error:{message,type,code,fbtrace_id}}`). It records every call; tests script the next
 * answers (an HTTP error, a Graph error code, or a dropped connection).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GraphCall {
  method: string;
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: GraphBody;
}

/** What tests read from a call's JSON body. */
export interface GraphBody {
  messaging_product?: string;
  recipient_type?: string;
  to?: string;
  type?: string;
  biz_opaque_callback_data?: string;
  text?: { body: string; preview_url?: boolean };
  interactive?: {
    type: 'button' | 'list';
    body: { text: string };
    action: { buttons?: { type: string; reply: { id: string; title: string } }[]; button?: string; sections?: { title?: string; rows: { id: string; title: string; description?: string }[] }[] };
  };
  template?: { name: string; language: { code: string } };
}

/** A scripted answer: an HTTP status with a Graph error code, or the connection cut. */
export type Scripted = { status: number; code?: number } | 'drop';

export const VERSION = 'v21.0';

export class GraphStub {
  readonly calls: GraphCall[] = [];
  private readonly script: Scripted[] = [];
  private readonly waiters: { count: number; resolve: () => void }[] = [];
  private sent = 0;

  private constructor(
    private readonly server: Server,
    readonly apiRoot: string,
    private readonly token: string,
    private readonly phoneNumberId: string,
  ) {}

  static async start(token: string, phoneNumberId: string): Promise<GraphStub> {
    let stub: GraphStub | undefined;
    const server = createServer((req, res) => void stub!.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    stub = new GraphStub(server, `http://127.0.0.1:${port}/${VERSION}`, token, phoneNumberId);
    return stub;
  }

  /** The next calls get these answers, in order; after them, success again. */
  answerNext(...answers: Scripted[]): void {
    this.script.push(...answers);
  }

  /** Resolves once `count` calls in total have been received (never polls). */
  waitForCalls(count: number): Promise<GraphCall[]> {
    if (this.calls.length >= count) return Promise.resolve(this.calls.slice());
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Graph stub: expected ${count} calls, got ${this.calls.length}`)), 5000);
      this.waiters.push({
        count,
        resolve: () => {
          clearTimeout(timer);
          resolve(this.calls.slice());
        },
      });
    });
  }

  reset(): void {
    this.calls.length = 0;
    this.script.length = 0;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body: GraphBody = {};
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as GraphBody;
    } catch {
      // recorded as {} and refused below, as Graph would
    }
    this.calls.push({ method: req.method ?? '', path: req.url ?? '', authorization: req.headers.authorization, contentType: req.headers['content-type'], body });
    for (const waiter of this.waiters.filter((w) => this.calls.length >= w.count)) {
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve();
    }

    const scripted = this.script.shift();
    if (scripted === 'drop') {
      req.socket.destroy();
      return;
    }
    if (req.headers.authorization !== `Bearer ${this.token}`) return graphError(res, 401, 190, 'OAuthException');
    if (req.method !== 'POST' || req.url !== `/${VERSION}/${this.phoneNumberId}/messages`) return graphError(res, 400, 100, 'GraphMethodException');
    if (body.messaging_product !== 'whatsapp' || !body.to) return graphError(res, 400, 100, 'OAuthException');
    if (scripted) return graphError(res, scripted.status, scripted.code, 'OAuthException');
    this.sent += 1;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: body.to }], messages: [{ id: `wamid.OUT${this.sent}` }] }));
  }
}

function graphError(res: ServerResponse, status: number, code: number | undefined, type: string): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: { message: `(#${code ?? 0}) scripted failure`, type, ...(code !== undefined && { code }), fbtrace_id: 'AbCdEf' } }));
}
