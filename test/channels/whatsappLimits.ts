import { expect } from 'chai';
import type { GraphBody } from './whatsappGraphStub.ts';

/** Every Graph body the channel sends must respect the Cloud API's documented limits. */
export function expectWithinLimits(body: GraphBody): void {
  expect(body.messaging_product).to.equal('whatsapp');
  expect(body.recipient_type).to.equal('individual');
  expect(body.to).to.match(/^\d+$/);
  if (body.biz_opaque_callback_data !== undefined) expect(body.biz_opaque_callback_data.length).to.be.at.most(512);
  if (body.type === 'text') {
    expect(body.text!.body.length).to.be.within(1, 4096);
    return;
  }
  if (body.type === 'template') {
    expect(body.template!.name).to.match(/^[a-z0-9_]+$/);
    return;
  }
  expect(body.type).to.equal('interactive');
  const interactive = body.interactive!;
  expect(interactive.body.text.length).to.be.within(1, 1024);
  if (interactive.type === 'button') {
    const buttons = interactive.action.buttons!;
    expect(buttons.length).to.be.within(1, 3);
    for (const b of buttons) {
      expect(b.type).to.equal('reply');
      expect(b.reply.title.length).to.be.within(1, 20);
      expect(b.reply.id.length).to.be.within(1, 256);
    }
    expect(new Set(buttons.map((b) => b.reply.id)).size).to.equal(buttons.length);
    return;
  }
  expect(interactive.type).to.equal('list');
  expect(interactive.action.button!.length).to.be.within(1, 20);
  const rows = interactive.action.sections!.flatMap((s) => s.rows);
  expect(rows.length).to.be.within(1, 10);
  for (const r of rows) {
    expect(r.title.length).to.be.within(1, 24);
    expect(r.id.length).to.be.within(1, 200);
    if (r.description !== undefined) expect(r.description.length).to.be.at.most(72);
  }
  expect(new Set(rows.map((r) => r.id)).size).to.equal(rows.length);
}
