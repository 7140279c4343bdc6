import { expect } from 'chai';
import type { DirectLineActivity } from '../../channels/directline/activity.ts';
import { ActivityLog } from '../../channels/directline/activityLog.ts';
import { Conversations } from '../../channels/directline/conversations.ts';
import { renderOutbound } from '../../channels/directline/render.ts';
import { cleanInbound as sanitizeText, cut as capLength } from '../../channels/kit/text.ts';
import { DirectLineSink } from '../../channels/directline/sink.ts';
import { createTokenService } from '../../channels/directline/tokens.ts';
import type { Outbound } from '../../src/core/message.ts';
import { createLogger } from '../../src/log/logger.ts';

function activity(n: number): DirectLineActivity {
  return {
    type: 'message',
    id: `c|${n}`,
    timestamp: new Date(0).toISOString(),
    channelId: 'directline',
    conversation: { id: 'c' },
    from: { id: 'u', role: 'user' },
    text: `m${n}`,
  };
}

function outbound(seq: number, overrides: Partial<Outbound> = {}): Outbound {
  return {
    id: `webchat:c1#${seq}`,
    channel: 'webchat',
    conversationId: 'c1',
    seq,
    replyTo: 'cid-1',
    reply: { text: 'Hola', choices: [], step: 'language' },
    ...overrides,
  };
}

describe('Direct Line building blocks', () => {
  describe('ActivityLog', () => {
    it('pages by watermark and keeps only the last `capacity` activities', () => {
      const log = new ActivityLog('boot1', 3);
      expect(log.since(undefined)).to.deep.equal({ activities: [], watermark: 'boot1.0' });
      for (let n = 1; n <= 5; n += 1) log.append(activity(n));
      expect(log.size).to.equal(3);
      expect(log.since(undefined).activities.map((a) => a.text)).to.deep.equal(['m3', 'm4', 'm5']);
      expect(log.since('boot1.4').activities.map((a) => a.text)).to.deep.equal(['m5']);
      expect(log.since('boot1.5')).to.deep.equal({ activities: [], watermark: 'boot1.5' });
      // Another boot, garbage or an empty watermark: everything this log has.
      for (const wm of ['boot0.4', 'boot1.x', '', 'boot1', '.4']) expect(log.since(wm).activities, wm).to.have.length(3);
    });

    it('tells listeners, with the watermark for kept activities and none for ephemeral ones', () => {
      const log = new ActivityLog('b', 10);
      const seen: unknown[] = [];
      const off = log.subscribe((set) => seen.push(set));
      log.append(activity(1));
      log.publishEphemeral({ ...activity(2), type: 'typing' });
      off();
      log.append(activity(3));
      expect(seen).to.deep.equal([{ activities: [activity(1)], watermark: 'b.1' }, { activities: [{ ...activity(2), type: 'typing' }] }]);
      expect(log.size).to.equal(2);
    });
  });

  describe('Conversations', () => {
    it('evicts conversations idle for longer than idleMs, unless a socket watches them', () => {
      let now = 0;
      const conversations = new Conversations({ capacity: 10, idleMs: 1000, sweepEveryMs: 60_000, now: () => now });
      try {
        const idle = conversations.ensure('idle');
        conversations.ensure('busy');
        const watched = conversations.ensure('watched');
        const off = watched.log.subscribe(() => undefined);
        now = 900;
        conversations.get('busy');
        now = 1500;
        expect(conversations.sweep()).to.equal(1);
        expect(conversations.get('idle')).to.equal(undefined);
        expect(conversations.get('busy')).not.to.equal(undefined);
        expect(conversations.get('watched')).to.equal(watched);
        off();
        // Revived after eviction: a new, empty log whose watermarks do not collide with the old one.
        const revived = conversations.ensure('idle');
        expect(revived).not.to.equal(idle);
        expect(revived.log.watermark).not.to.equal(idle.log.watermark);
      } finally {
        conversations.close();
      }
    });
  });

  describe('tokens', () => {
    let now = 1_000_000;
    const tokens = createTokenService({ key: Buffer.alloc(32, 7), ttlSeconds: 100, now: () => now });

    it('round-trips claims and expires', () => {
      const issued = tokens.issue('conv1', 'dl_u');
      expect(issued.expiresIn).to.equal(100);
      expect(tokens.check(issued.token)).to.deep.equal({ ok: true, claims: { conversationId: 'conv1', userId: 'dl_u', expiresAt: 1100 } });
      now += 100_000;
      expect(tokens.check(issued.token)).to.deep.equal({ ok: false, reason: 'expired' });
    });

    it('rejects a token signed with another key or with a changed payload', () => {
      const other = createTokenService({ key: Buffer.alloc(32, 8), ttlSeconds: 100, now: () => now });
      const token = other.issue('conv1').token;
      expect(tokens.check(token)).to.deep.equal({ ok: false, reason: 'invalid' });
      const [, sig] = tokens.issue('conv1').token.split('.');
      const payload = Buffer.from(JSON.stringify({ v: 1, c: 'conv2', exp: 9e9, n: 'a' })).toString('base64url');
      expect(tokens.check(`${payload}.${sig}`).ok).to.equal(false);
    });

    it('fails loudly on a short key', () => {
      expect(() => createTokenService({ key: Buffer.from('short'), ttlSeconds: 10, now: Date.now })).to.throw(/at least 16 bytes/);
    });
  });

  describe('sanitizeText', () => {
    it('keeps ordinary text, accents, emoji and tabs', () => {
      expect(sanitizeText('  Quiero ayuda 🙏🏽 con\tmi carné  ')).to.equal('Quiero ayuda 🙏🏽 con\tmi carné');
    });

    it('never cuts a surrogate pair', () => {
      expect(capLength('ab😭', 3)).to.equal('ab');
      expect(capLength('ab😭', 4)).to.equal('ab😭');
    });
  });

  describe('render and sink', () => {
    it('renders a reply without choices without suggestedActions', () => {
      const a = renderOutbound(outbound(1), 'dl_u', 0);
      expect(a).not.to.have.property('suggestedActions');
      expect(a.channelData).to.deep.equal({ step: 'language' });
      expect(a.timestamp).to.equal('1970-01-01T00:00:00.000Z');
    });

    it('delivers each Outbound once, revives unknown conversations and skips other channels', async () => {
      const conversations = new Conversations({ capacity: 10, idleMs: 1000, sweepEveryMs: 60_000, now: () => 0 });
      try {
        const sink = new DirectLineSink(conversations, createLogger('silent'), () => 0);
        await sink.deliver([outbound(1), outbound(2)]);
        await sink.deliver([outbound(1), outbound(3, { channel: 'telegram' })]);
        const log = conversations.get('c1')!.log;
        expect(log.since(undefined).activities.map((a) => a.id)).to.have.length(2);
        expect(new Set(log.since(undefined).activities.map((a) => a.id)).size).to.equal(2);
      } finally {
        conversations.close();
      }
    });
  });
});
