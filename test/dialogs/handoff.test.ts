/**
 * The handoff part of the dialog, turn by turn (no I/O): waiting, an operator joining, the
 * live chat, leaving it, the satisfaction question, signals about other tickets, opening
 * hours, and which turns staff may read (the transcript rule).
 */
import { loadUnderstanding } from '../../content/understanding/index.ts';
import { expect } from 'chai';
import { loadSeedAnswers } from '../../content/answers/index.ts';
import { buildAnswerIndex } from '../../dialogs/faq/answerIndex.ts';
import { createFaroDialog } from '../../dialogs/faro/index.ts';
import { parseSchedule, staffedBy } from '../../src/core/schedule.ts';
import { Chat, settings, translations } from '../support/dialog.ts';

/** A consenting person who asked for a human; `chat.last` is the queued message. */
function waiting(chat = Chat.consented()): { chat: Chat; ref: string } {
  chat.say('quiero hablar con una persona');
  expect(chat.step).to.equal('handoff.queued');
  return { chat, ref: 'REF-004' };
}
const joined = (chat: Chat, ticketRef: string) => chat.send({ signal: { type: 'OPERATOR_JOINED', ticketRef } });
const closed = (chat: Chat, ticketRef: string) => chat.send({ signal: { type: 'TICKET_CLOSED', ticketRef } });

describe('Faro dialog: handoff', () => {
  it('moves a waiting person into the live chat when an operator joins, and goes silent', () => {
    const { chat, ref } = waiting();
    expect(chat.text).to.include(ref);
    joined(chat, ref);
    expect(chat.step).to.equal('handoff.live');
    expect(chat.last.transcript).to.deep.equal({ ticketRef: ref });
    for (const text of ['hola?', '¿cuáles son los requisitos del PTP?', '1', 'ayuda', '👍', 'quiero hablar con una persona']) {
      const turn = chat.say(text);
      expect(turn.replies, text).to.deep.equal([]);
      expect(turn.transcript, text).to.deep.equal({ ticketRef: ref });
      expect(chat.step).to.equal('handoff.live');
    }
  });

  it('asks about a possible PSEA disclosure away from the operator (sealed) and returns to them; a possible danger stays with the operator', () => {
    const { chat, ref } = waiting();
    joined(chat, ref);
    const turn = chat.say('el voluntario me mira raro jaja');
    expect(chat.step).to.equal('check.psea');
    expect(turn.transcript, 'sealed').to.equal(null);
    chat.click('no');
    expect(chat.step).to.equal('handoff.live');
    const unsure = chat.say('jaja me quiero morir con este bot');
    expect(chat.step).to.equal('handoff.live');
    expect(unsure.transcript, 'the operator reads a possible danger').to.deep.equal({ ticketRef: ref });
  });

  it('ignores signals about another ticket (an old claim or close arriving late)', () => {
    const { chat } = waiting();
    expect(joined(chat, 'OLD-111').replies).to.deep.equal([]);
    expect(closed(chat, 'OLD-111').replies).to.deep.equal([]);
    expect(chat.step).to.equal('handoff.queued');
  });

  it('closing an unclaimed ticket returns the person to the menu without a satisfaction question', () => {
    const { chat, ref } = waiting();
    closed(chat, ref);
    expect(chat.step).to.equal('menu');
    expect(chat.text).to.include(`Cerramos tu solicitud ${ref}`);
    // The ticket is forgotten: asking again opens a new one.
    chat.say('humano');
    expect(chat.last.effects.map((e) => e.type)).to.deep.equal(['ticket.open']);
  });

  it('asks once per ticket: 1–5, then an optional comment, both kept on the ticket', () => {
    const { chat, ref } = waiting();
    joined(chat, ref);
    chat.say('menu');
    expect(chat.step).to.equal('feedback.score');
    chat.say('excelente');
    expect(chat.step, 'a word is not a score').to.equal('feedback.score');
    chat.click('rate:2');
    expect(chat.last.effects).to.deep.equal([{ type: 'ticket.rate', ref, score: 2 }]);
    chat.say('Tardaron mucho en contestar');
    expect(chat.last.effects).to.deep.equal([{ type: 'ticket.rate', ref, score: 2, comment: 'Tardaron mucho en contestar' }]);
    expect(chat.step).to.equal('menu');
    // Back to the operator (still holding the ticket), then they close: not asked again.
    chat.say('humano');
    expect(chat.step).to.equal('handoff.live');
    closed(chat, ref);
    expect(chat.step).to.equal('menu');
    expect(chat.text).to.include(`cerró tu caso ${ref}`);
  });

  it('lets the person skip the question', () => {
    const { chat, ref } = waiting();
    joined(chat, ref);
    closed(chat, ref);
    expect(chat.step).to.equal('feedback.score');
    chat.say('ahora no');
    expect(chat.step).to.equal('menu');
    expect(chat.last.effects).to.deep.equal([]);
  });

  it('still recognises danger and PSEA in the live chat', () => {
    const { chat, ref } = waiting();
    joined(chat, ref);
    chat.say('me quiere matar');
    expect(chat.step).to.equal('handoff.live');
    expect(chat.text).to.include('105');
    expect(chat.last.transcript).to.deep.equal({ ticketRef: ref });
    chat.say('el del albergue me pidió sexo a cambio de comida');
    expect(chat.step).to.equal('psea.info');
    expect(chat.last.transcript, 'PSEA words are never transcribed').to.equal(null);
  });

  it('keeps a person in the middle of a PSEA report where they are when an operator joins', () => {
    const { chat, ref } = waiting();
    chat.say('me piden fotos íntimas para darme la ayuda');
    chat.click('psea:report');
    chat.click('psea:contact:anonymous');
    expect(chat.step).to.equal('psea.describe');
    joined(chat, ref);
    expect(chat.step).to.equal('psea.describe');
    expect(chat.last.transcript).to.equal(null);
    chat.say('el coordinador del albergue');
    expect(chat.step).to.equal('psea.done');
    expect(chat.last.transcript).to.equal(null);
    chat.say('humano');
    expect(chat.step, 'back to the operator who joined').to.equal('handoff.live');
  });

  it('recognises danger and PSEA while asking how it went and while asking for a reference', () => {
    const { chat, ref } = waiting();
    joined(chat, ref);
    closed(chat, ref);
    chat.click('rate:1');
    expect(chat.step).to.equal('feedback.comment');
    chat.say('el señor del albergue me pidió sexo para seguir ayudándome');
    expect(chat.step).to.equal('psea.info');
    expect(chat.last.effects, 'not kept as a comment').to.deep.equal([]);
    expect(chat.last.transcript).to.equal(null);

    chat.say('menú');
    chat.click('complaints');
    chat.click('status');
    expect(chat.step).to.equal('status');
    chat.say('me quiero morir');
    expect(chat.step).to.equal('safety');
  });

  it('shows the focal point\'s message and files the answers to the report, sealed, until "menú"', () => {
    const { chat } = waiting();
    chat.send({ signal: { type: 'PSEA_MESSAGE', code: 'PSE-777', text: 'Hola, soy Marta, punto focal. ¿Estás a salvo ahora?' } });
    expect(chat.step).to.equal('psea.followup');
    expect(chat.text).to.include('Hola, soy Marta, punto focal.').and.to.include('solo la persona de protección');
    expect(chat.last.transcript, 'never in the transcript').to.equal(null);
    chat.say('sí, pero el coordinador me sigue pidiendo fotos');
    expect(chat.last.effects).to.deep.equal([{ type: 'psea.reply', code: 'PSE-777', text: 'sí, pero el coordinador me sigue pidiendo fotos' }]);
    expect(chat.step).to.equal('psea.followup');
    expect(chat.last.transcript).to.equal(null);
    chat.say('tengo miedo, me quiere matar');
    expect(chat.last.effects.map((e) => e.type)).to.deep.equal(['psea.reply']);
    expect(chat.text).to.include('105');
    chat.say('menú');
    expect(chat.step).to.equal('menu');
    expect(JSON.stringify(chat.session.persist())).not.to.contain('PSE-777');
  });

  it("shows a focal point's message to someone writing a new report without taking them away from it", () => {
    const chat = Chat.consented();
    chat.say('me piden fotos íntimas para darme la ayuda');
    chat.click('psea:report');
    chat.click('psea:contact:this_chat');
    chat.send({ signal: { type: 'PSEA_MESSAGE', code: 'OLD-333', text: 'Hola, soy Marta.' } });
    expect(chat.step).to.equal('psea.describe');
    expect(chat.text).to.include('Hola, soy Marta.');
    chat.say('el coordinador del albergue otra vez');
    expect(chat.step).to.equal('psea.done');
    expect(chat.last.effects.map((e) => e.type)).to.deep.equal(['psea.report']);
  });

  it('keeps nothing for staff before consent', () => {
    const chat = new Chat();
    expect(chat.say('hola').transcript).to.equal(null);
    expect(chat.say('es').transcript).to.equal(null);
    expect(chat.say('acepto').transcript).to.deep.equal({ ticketRef: null });
    chat.say('borrar mis datos');
    expect(chat.say('si').transcript, 'consent withdrawn').to.equal(null);
  });

  describe('opening hours', () => {
    const dialog = createFaroDialog({
      translations,
      answers: buildAnswerIndex(loadSeedAnswers()),
      understanding: loadUnderstanding(),
      settings: { ...settings, staffed: staffedBy(parseSchedule('mon-fri 09:00-18:00', 'America/Lima')) },
    });
    const lima = (iso: string) => Date.parse(`${iso}-05:00`);

    it('says when a person will answer outside opening hours, and keeps the ticket', () => {
      const chat = new Chat(dialog);
      chat.now = lima('2026-11-28T20:00:00'); // a Saturday evening
      for (const text of ['hola', 'es', 'acepto', 'hablar con una persona']) chat.say(text);
      expect(chat.step).to.equal('handoff.queued');
      expect(chat.last.effects.map((e) => e.type)).to.include('ticket.open');
      expect(chat.text).to.include('fuera del horario de atención (lunes a viernes, de 9:00 a 18:00)').and.to.include('te responderemos el lunes a las 9:00');
      chat.say('hola?');
      expect(chat.text).to.include('te responderemos el lunes a las 9:00');
    });

    it('says nothing about hours while the team is at work', () => {
      const chat = new Chat(dialog);
      chat.now = lima('2026-11-25T10:30:00'); // a Wednesday morning
      for (const text of ['hola', 'en', 'accept', 'talk to a person']) chat.say(text);
      expect(chat.step).to.equal('handoff.queued');
      expect(chat.text).not.to.include('opening hours now');
    });

    it('speaks English too', () => {
      const chat = new Chat(dialog);
      chat.now = lima('2026-11-25T18:30:00'); // Wednesday, just closed
      for (const text of ['hello', 'en', 'accept', 'talk to a person']) chat.say(text);
      expect(chat.text).to.include('we will answer tomorrow at 9:00');
    });
  });
});
