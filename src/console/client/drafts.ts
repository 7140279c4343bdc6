/** What the operator is typing, per ticket, so a live re-render never loses a word. In memory only. */
export interface Drafts {
  message: string;
  note: string;
  referralNote: string;
  referralPartner: string;
  referralService: string;
}

export function emptyDrafts(): Drafts {
  return { message: '', note: '', referralNote: '', referralPartner: '', referralService: '' };
}
