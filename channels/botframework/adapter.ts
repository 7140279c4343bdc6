import { CloudAdapter, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';

type Authorization = Parameters<CloudAdapter['processActivityDirect']>[0];

/**
 * botbuilder's CloudAdapter, except that a request that fails authentication becomes a plain
 * 401 answer: `process` would otherwise `console.error` the AuthenticationError with its stack
 * (unstructured, outside our logger) for every forged or expired token anyone sends.
 */
export class FaroCloudAdapter extends CloudAdapter {
  protected override async processActivity(authorization: Authorization, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    try {
      // The overloads take either form; both reach the same implementation.
      return await super.processActivity(authorization as string, activity, logic);
    } catch (err) {
      const status = authenticationStatus(err);
      if (status !== undefined) return { status };
      throw err;
    }
  }
}

/** botframework-connector's AuthenticationError (not a dependency of ours to import): it keeps
 * the default `name`, so it is recognised by its class name and status code. */
function authenticationStatus(err: unknown): 401 | 403 | undefined {
  if (!(err instanceof Error) || err.constructor.name !== 'AuthenticationError') return undefined;
  const status = (err as { statusCode?: unknown }).statusCode;
  return status === 403 ? 403 : 401;
}
