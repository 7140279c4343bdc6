import { expect } from 'chai';
import { choiceStyleFor } from '../../channels/botframework/choices.ts';
import { numberedMenu } from '../../channels/kit/text.ts';
import { ConversationMemory } from '../../channels/botframework/conversations.ts';
import { LiveTurns, type ReplyChannel } from '../../channels/botframework/liveTurns.ts';
import { logTag } from '../../channels/botframework/logging.ts';
import { renderReply } from '../../channels/botframework/render.ts';
import type { Outbound } from '../../src/core/message.ts';

const outbound = (seq: number, choices: { action: string; title: string }[] = []): Outbound => ({
  id: `botframework:c#${seq}`,
  channel: 'botframework',
  conversationId: 'c',
  seq,
  replyTo: 'm1',
  reply: { text: `reply ${seq}`, choices, step: 'menu' },
});

describe('Bot Framework channel parts', () => {
  describe('choices', () => {
    it('picks the button style by channel, messageBack when unknown', () => {
      expect(choiceStyleFor('emulator')).to.equal('messageBack');
      expect(choiceStyleFor('webchat')).to.equal('messageBack');
      expect(choiceStyleFor(undefined)).to.equal('messageBack');
      expect(choiceStyleFor('msteams')).to.equal('imBack');
      expect(choiceStyleFor('SMS')).to.equal('numbered');
    });

    it('numbers the options, without repeating titles that are already their number', () => {
      expect(
        numberedMenu([
          { action: 'topic:health', title: 'Salud' },
          { action: 'topic:housing', title: 'Vivienda' },
        ]),
      ).to.equal('1. Salud\n2. Vivienda');
      expect(
        numberedMenu([
          { action: 'faq:a', title: '1' },
          { action: 'faq:b', title: '2' },
          { action: 'human', title: 'Hablar con una persona' },
        ]),
      ).to.equal('3. Hablar con una persona');
    });

    it('renders no suggested actions for a reply without choices', () => {
      const activity = renderReply(outbound(1), 'messageBack', 'u1');
      expect(activity).to.deep.equal({ type: 'message', text: 'reply 1', channelData: { step: 'menu' } });
    });
  });

  describe('conversation memory', () => {
    type Reference = NonNullable<Parameters<ConversationMemory['remember']>[1]>;
    const reference = (id: string): Reference => ({ serviceUrl: 'http://localhost:1', conversation: { id, isGroup: false, conversationType: 'personal', name: '' } });

    it('forgets the least recently seen conversations beyond its capacity', () => {
      const memory = new ConversationMemory({ capacity: 2, parkedPerConversation: 5, idleMs: 60_000, now: () => 0 });
      memory.remember('a', reference('a'));
      memory.remember('b', reference('b'));
      memory.remember('a', reference('a'));
      memory.remember('c', reference('c'));
      expect(memory.reference('b')).to.equal(undefined);
      expect(memory.reference('a')).to.not.equal(undefined);
      expect(memory.size).to.equal(2);
    });

    it('forgets a conversation not heard from for idleMs', () => {
      let now = 0;
      const memory = new ConversationMemory({ capacity: 10, parkedPerConversation: 5, idleMs: 1000, now: () => now });
      memory.remember('a', reference('a'));
      memory.park('a', [outbound(1)]);
      now = 1001;
      expect(memory.reference('a')).to.equal(undefined);
      expect(memory.takeParked('a')).to.deep.equal([]);
    });

    it('keeps at most parkedPerConversation replies, dropping the oldest, and hands them out once', () => {
      const memory = new ConversationMemory({ capacity: 10, parkedPerConversation: 2, idleMs: 1000, now: () => 0 });
      expect(memory.park('a', [outbound(1), outbound(2), outbound(3)])).to.equal(1);
      expect(memory.takeParked('a').map((m) => m.seq)).to.deep.equal([2, 3]);
      expect(memory.takeParked('a')).to.deep.equal([]);
    });

    it('puts replies that failed again back in front', () => {
      const memory = new ConversationMemory({ capacity: 10, parkedPerConversation: 5, idleMs: 1000, now: () => 0 });
      memory.park('a', [outbound(3)]);
      memory.unpark('a', [outbound(1), outbound(2)]);
      expect(memory.takeParked('a').map((m) => m.seq)).to.deep.equal([1, 2, 3]);
    });
  });

  describe('live turns', () => {
    const channel = (): ReplyChannel => ({ userId: undefined, channelId: undefined, send: async () => {} });

    it('finds the first turn registered for an activity, until it closes', () => {
      const live = new LiveTurns();
      const first = channel();
      const second = channel();
      const closeFirst = live.open('c', 'm1', first);
      const closeSecond = live.open('c', 'm1', second);
      expect(live.find('c', 'm1')).to.equal(first);
      expect(live.find('c', 'm2')).to.equal(undefined);
      closeFirst();
      expect(live.find('c', 'm1')).to.equal(second);
      closeSecond();
      expect(live.size).to.equal(0);
    });
  });

  it('tags ids for logs without revealing them', () => {
    expect(logTag('+51987654321')).to.match(/^[A-Za-z0-9_-]{12}$/);
    expect(logTag('+51987654321')).to.equal(logTag('+51987654321'));
    expect(logTag('+51987654321')).not.to.include('987');
  });
});
