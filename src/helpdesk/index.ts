/**
 * The helpdesk as the turn runtime meets it: what each of Faro's effects does to tickets,
 * cases, reports and contacts (effects.ts), and what a person may learn about a reference they
 * type (lookup.ts). The runtime (src/runtime) orders the phases and knows neither.
 */
import type { TurnRuntimeOptions } from '../runtime/turns.ts';
import type { Store } from '../store/ports.ts';
import { helpdeskEffects } from './effects.ts';
import { lookupReference } from './lookup.ts';

export function helpdesk(store: Store): Pick<TurnRuntimeOptions, 'effects' | 'lookup'> {
  return { effects: helpdeskEffects(store), lookup: (ref, contactKey) => lookupReference(store, ref, contactKey) };
}
