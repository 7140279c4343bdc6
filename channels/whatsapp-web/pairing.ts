/**
 * The pairing code waiting to be scanned, if any. WhatsApp Web shows a new one about every
 * 20 s until a phone scans it; once the session is authenticated there is none.
 */
export class Pairing {
  private qr: string | undefined;

  show(qr: string): void {
    this.qr = qr;
  }

  clear(): void {
    this.qr = undefined;
  }

  get pending(): string | undefined {
    return this.qr;
  }
}
