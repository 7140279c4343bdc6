/** What every view gets from the app: the API, who is signed in, and app-wide actions. */
import type { Api } from './api.ts';
import type { CannedResponse, Me, Partner } from './types.ts';

export interface Ctx {
  api: Api;
  me: Me;
  can(permission: string): boolean;
  /** Says something in the page's status line (read out politely by screen readers). */
  announce(text: string): void;
  openTicket(ref: string): void;
  /** The queue changed (a claim, a close): reload it. */
  queueChanged(): void;
  /** Fetched once per session; `null` when the endpoint is missing or refused. */
  cannedResponses(reload?: boolean): Promise<CannedResponse[] | null>;
  partners(): Promise<Partner[] | null>;
}
