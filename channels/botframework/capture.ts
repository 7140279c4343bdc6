import type { Response as BotbuilderResponse } from 'botbuilder';

/**
 * The response object handed to `adapter.process` instead of express's. botbuilder answers
 * errors itself, as plain text with its own wording (401 with the auth error's message, 500
 * with whatever was thrown); capturing its answer lets the router re-answer every outcome in
 * the app's one JSON shape, and keeps the library's messages off the wire.
 */
export class CapturedResponse implements BotbuilderResponse {
  statusCode = 200;
  body: unknown = undefined;
  readonly socket = null;

  status(code: number): this {
    this.statusCode = code;
    return this;
  }

  header(): this {
    return this;
  }

  send(body?: unknown): this {
    if (body !== undefined) this.body = body;
    return this;
  }

  end(): this {
    return this;
  }
}
