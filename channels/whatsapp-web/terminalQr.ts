import { createRequire } from 'node:module';

/** Where the pairing code is drawn: the process's stdout, or a test's buffer. */
export interface Terminal {
  write(text: string): unknown;
}

/** The part of `qrcode-terminal` used here (the package ships no types). */
interface QrcodeTerminal {
  generate(input: string, options: { small: boolean }, done: (drawing: string) => void): void;
}

const qrcodeTerminal = createRequire(import.meta.url)('qrcode-terminal') as QrcodeTerminal;

/**
 * Draws the pairing QR code with block characters. Straight to the terminal, not through the
 * JSON logger: a QR code inside a JSON string cannot be scanned.
 */
export function drawQr(terminal: Terminal, qr: string, pageEnabled: boolean): void {
  qrcodeTerminal.generate(qr, { small: true }, (drawing) => {
    const where = pageEnabled ? ' (or open /whatsapp-web/qr?token=… in a browser)' : '';
    terminal.write(`\nWhatsApp Web: on the pilot phone open WhatsApp → Linked devices → Link a device, and scan${where}:\n${drawing}\n`);
  });
}
