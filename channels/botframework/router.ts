import express, { type Router } from 'express';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { Logger } from '../../src/log/logger.ts';
import { HttpError } from '../kit/http.ts';
import { CapturedResponse } from './capture.ts';
import { errorSummary, logTag } from './logging.ts';
import { parseIncomingActivity, type IncomingActivity } from './schema.ts';

/** The Bot Framework messaging endpoint, as registered in Azure Bot Service or the Emulator. */
export const MESSAGES_PATH = '/api/messages';

export interface RouterDeps {
  adapter: CloudAdapter;
  /** True when an app id is configured: every request must carry a Bot Framework token. */
  requiresAuth: boolean;
  onActivity: (context: TurnContext, incoming: IncomingActivity) => Promise<void>;
  log: Logger;
}

/** Fixed wording per status botbuilder may answer with; its own messages never reach clients. */
const ANSWERS: Readonly<Record<number, [code: string, message: string]>> = {
  400: ['BadArgument', 'The activity could not be processed.'],
  401: ['Unauthorized', 'The request does not carry a valid Bot Framework token.'],
  403: ['Forbidden', 'The request is not allowed for this bot.'],
  501: ['NotImplemented', 'Faro does not handle this kind of activity.'],
};

/**
 * `POST /api/messages`: check the activity at the edge, let botbuilder's CloudAdapter
 * authenticate it and run the turn, then answer in the app's JSON shape.
 *
 * - A bad body is a 400 `{error:{code,message}}` before botbuilder sees it (botbuilder would
 *   throw on a missing `type`, which express renders as an HTML 500).
 * - With an app id configured, a request without `Authorization` is a 401 right here; one
 *   with a token is judged by botbuilder (a bad token: 401).
 * - `expectReplies` activities get `{activities:[…]}` (the turn's replies); others an empty 200.
 * - A turn that fails (store down, serviceUrl unreachable) is a logged 500 the platform may
 *   retry; the error itself is not passed on, as HTTP client errors can carry reply text.
 */
export function createBotFrameworkRouter(deps: RouterDeps): Router {
  const router = express.Router();

  router.post(MESSAGES_PATH, async (req, res) => {
    const incoming = parseIncomingActivity(req.body);
    if (deps.requiresAuth && !req.get('authorization')) {
      throw new HttpError(401, 'Unauthorized', 'Send the Bot Framework token as "Authorization: Bearer <token>".');
    }

    const captured = new CapturedResponse();
    let failure: unknown;
    try {
      await deps.adapter.process({ method: 'POST', headers: req.headers, body: incoming.body }, captured, async (context) => {
        // Caught here, not by botbuilder, which would print the error and send its message.
        try {
          await deps.onActivity(context, incoming);
        } catch (err) {
          failure = err ?? new Error('turn failed');
        }
      });
    } catch {
      // `process` itself only throws when it rejects the request's shape (validateAndFixActivity,
      // its zod checks): the schema above should have caught it, and it is still the caller's.
      throw new HttpError(400, 'BadArgument', 'The activity could not be processed.');
    }

    if (failure !== undefined) {
      const tags = { conversation: logTag(incoming.conversationId), ...(incoming.id !== undefined ? { activity: logTag(incoming.id) } : {}) };
      deps.log.error({ ...tags, err: errorSummary(failure) }, 'turn failed');
      throw new HttpError(500, 'TurnFailed', 'The activity could not be handled; send it again.');
    }
    const status = captured.statusCode;
    if (status >= 400) {
      const [code, message] = ANSWERS[status] ?? ['ServerError', 'The activity could not be handled; send it again.'];
      if (status >= 500) deps.log.error({ conversation: logTag(incoming.conversationId), status }, 'botbuilder failed the activity');
      else deps.log.info({ conversation: logTag(incoming.conversationId), status }, 'activity refused');
      throw new HttpError(status, code, message);
    }
    if (captured.body === undefined) res.status(status).end();
    else res.status(status).json(captured.body);
  });

  return router;
}
