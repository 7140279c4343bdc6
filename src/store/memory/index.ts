/**
 * In-memory Store for tests and the benchmark. Values are kept as JSON text: a write
 * serialises once and a read parses once, so callers can never share an object with the
 * store (or with each other), and anything that would not survive a real database
 * (undefined fields, class instances) is dropped here exactly as it would be there.
 */
import type { Answer, ConsentRecord, Contact, Intake, Ticket, TicketStatus } from '../../core/domain.ts';
import {
  assertCommittableRev,
  byConsentTime,
  byTicketAge,
  compareStrings,
  isUnfinished,
  summariseFeedback,
  type FeedbackEntry,
} from '../common.ts';
import {
  ConcurrentUpdateError,
  DuplicateKeyError,
  type AnswerRepo,
  type ContactRepo,
  type ConversationRecord,
  type ConversationRepo,
  type FeedbackRepo,
  type Store,
  type TicketRepo,
} from '../ports.ts';

/** A Map of JSON texts, typed by what they decode to. */
class JsonMap<T> {
  readonly #texts = new Map<string, string>();

  get(key: string): T | null {
    const text = this.#texts.get(key);
    return text === undefined ? null : (JSON.parse(text) as T);
  }
  has(key: string): boolean {
    return this.#texts.has(key);
  }
  set(key: string, value: T): void {
    this.#texts.set(key, JSON.stringify(value));
  }
  delete(key: string): void {
    this.#texts.delete(key);
  }
  *values(): IterableIterator<T> {
    for (const text of this.#texts.values()) yield JSON.parse(text) as T;
  }
  *entries(): IterableIterator<[string, T]> {
    for (const [key, text] of this.#texts) yield [key, JSON.parse(text) as T];
  }
  get size(): number {
    return this.#texts.size;
  }
}

function conversationRepo(): ConversationRepo {
  const records = new JsonMap<ConversationRecord>();
  // Revs are kept beside the JSON so a commit checks them without parsing the stored record.
  const revs = new Map<string, number>();
  return {
    async get(key) {
      return records.get(key);
    },
    async commit(record) {
      assertCommittableRev(record);
      const stored = revs.get(record.key);
      const expected = record.rev === 1 ? undefined : record.rev - 1;
      if (stored !== expected) throw new ConcurrentUpdateError(record.key);
      records.set(record.key, record);
      revs.set(record.key, record.rev);
    },
    async listUnfinished() {
      return [...records.values()].filter(isUnfinished);
    },
    async delete(key) {
      records.delete(key);
      revs.delete(key);
    },
  };
}

function contactRepo(): ContactRepo {
  const contacts = new JsonMap<Contact>();
  const consents = new JsonMap<ConsentRecord>();
  return {
    async recordConsent(entry) {
      const id = JSON.stringify([entry.contactKey, entry.messageId]);
      if (!consents.has(id)) consents.set(id, entry);
    },
    async consentHistory(contactKey) {
      return [...consents.values()].filter((c) => c.contactKey === contactKey).sort(byConsentTime);
    },
    async get(contactKey) {
      return contacts.get(contactKey);
    },
    async upsert(contact) {
      // Only a given intake replaces the stored one: a consent or language change keeps it.
      const intake = contact.intake ?? contacts.get(contact.contactKey)?.intake;
      contacts.set(contact.contactKey, intake ? { ...contact, intake } : contact);
    },
    async saveIntake(contactKey: string, intake: Intake, at: number) {
      const contact = contacts.get(contactKey);
      if (contact) contacts.set(contactKey, { ...contact, intake, updatedAt: at });
    },
    async erase(contactKey) {
      contacts.delete(contactKey);
    },
  };
}

function ticketRepo(): TicketRepo {
  const tickets = new JsonMap<Ticket>();
  return {
    async open(ticket) {
      const existing = tickets.get(ticket.ref);
      if (!existing) tickets.set(ticket.ref, ticket);
      else if (existing.contactKey !== ticket.contactKey) throw new DuplicateKeyError(`ticket ref ${ticket.ref}`);
    },
    async get(ref) {
      return tickets.get(ref);
    },
    async list(filter?: { status?: TicketStatus }) {
      const all = [...tickets.values()];
      const status = filter?.status;
      return (status ? all.filter((t) => t.status === status) : all).sort(byTicketAge);
    },
    async eraseByContact(contactKey) {
      for (const [ref, ticket] of tickets.entries()) if (ticket.contactKey === contactKey) tickets.delete(ref);
    },
  };
}

function answerRepo(): AnswerRepo {
  const answers = new JsonMap<Answer>();
  return {
    async listPublished() {
      return [...answers.values()]
        .filter((a) => a.status === 'published')
        .sort((a, b) => compareStrings(a.id, b.id) || compareStrings(a.lang, b.lang));
    },
    async count() {
      return answers.size;
    },
    async upsertMany(list) {
      for (const answer of list) answers.set(JSON.stringify([answer.id, answer.lang]), answer);
    },
  };
}

function feedbackRepo(): FeedbackRepo {
  const entries = new JsonMap<FeedbackEntry>();
  return {
    async record(entry) {
      if (!entries.has(entry.key)) entries.set(entry.key, entry);
    },
    async summary() {
      return summariseFeedback(entries.values());
    },
  };
}

export function createMemoryStore(): Store {
  return {
    conversations: conversationRepo(),
    contacts: contactRepo(),
    tickets: ticketRepo(),
    answers: answerRepo(),
    feedback: feedbackRepo(),
    async ping() {
      return true;
    },
    async close() {},
  };
}
