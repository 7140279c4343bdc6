import { expect } from 'chai';
import { Chat } from '../support/dialog.ts';

/** The conversation behaviour the blind rounds showed missing (issue 8). */
describe('Faro dialog: understanding people as they write', () => {
  const snapshot = (chat: Chat) => JSON.stringify(chat.session.persist());

  it('answers a question sent as the very first message once language and consent are decided, keeping no words', () => {
    const chat = new Chat();
    chat.say('cuanto cuesta el carnet de extranjeria y donde lo saco');
    expect(chat.step).to.equal('language');
    expect(snapshot(chat)).not.to.include('carnet');
    chat.say('es');
    expect(chat.step).to.equal('consent');
    chat.say('acepto');
    expect(chat.step).to.match(/^faq\./);
    expect(chat.last.replies.some((r) => r.topic === 'regularization')).to.equal(true);
  });

  it('answers the first question also when consent is declined', () => {
    const chat = new Chat();
    chat.say('mi chamo tiene fiebre y tos, lo atienden en la posta sin seguro?');
    chat.say('es');
    chat.say('no acepto');
    expect(chat.step).to.match(/^faq\./);
    expect(chat.last.effects).to.deep.equal([]);
  });

  it('never records a story as an intake answer, and hears a complaint there', () => {
    const chat = Chat.consented();
    chat.say('registrar mi caso');
    chat.say('18 a 39');
    expect(chat.step).to.equal('intake.gender');
    chat.say('mi hija se fue a vivir con un hombre mayor y no se que hacer');
    expect(chat.step, 'a story is not "Hombre"').to.not.equal('intake.nationality');
    expect(JSON.stringify((chat.session.persist() as { context: { intake: object } }).context.intake)).not.to.include('male');
    const complaint = Chat.consented();
    complaint.say('registrar mi caso');
    complaint.say('la señorita de la ventanilla nos grito a todos y no nos quiso atender');
    expect(complaint.step).to.match(/^complaint\./);
  });

  it('gives a PSEA disclosure that carries danger the emergency contacts first and the confidential report in the same reply', () => {
    const chat = Chat.consented();
    chat.say('el de la ong tiene mi pasaporte y dice q si no voy a su cuarto esta noche no me lo devuelve, estoy encerrada');
    expect(chat.step).to.equal('psea.urgent');
    const reply = chat.last.replies.at(-1)!;
    expect(reply.text.indexOf('105')).to.be.lessThan(reply.text.indexOf('confidencial'));
    expect(reply.choices.map((c) => c.action)).to.include('psea:report');
    expect(chat.last.transcript, 'sealed').to.equal(null);
    expect(chat.last.effects.map((e) => e.type)).not.to.include('ticket.open');
  });

  it('keeps the words of someone who starts telling what happened at the contact question: they become the report', () => {
    const chat = new Chat();
    chat.say('hola');
    chat.say('el voluntario me pidio fotos a cambio de la canasta');
    chat.click('psea:report');
    expect(chat.step).to.equal('psea.contact');
    chat.say('fue el martes en el reparto del parque, el señor de chaleco azul me dijo que si no le mandaba fotos me sacaba de la lista');
    expect(chat.step).to.equal('psea.contact');
    expect(chat.text).to.include('Guardamos lo que nos contaste');
    chat.click('psea:contact:anonymous');
    expect(chat.step).to.equal('psea.done');
    const report = chat.last.effects.find((e) => e.type === 'psea.report');
    expect(report).to.deep.include({ contact: 'anonymous', text: 'fue el martes en el reparto del parque, el señor de chaleco azul me dijo que si no le mandaba fotos me sacaba de la lista' });
    expect(snapshot(chat), 'the words leave the conversation with the report').not.to.include('chaleco');
  });

  it('forgets unfinished report words when the person leaves the report', () => {
    const chat = new Chat();
    chat.say('el voluntario me pidio fotos a cambio de la canasta');
    chat.click('psea:report');
    chat.say('fue el martes en el reparto del parque con el señor de chaleco azul');
    chat.say('menu');
    expect(snapshot(chat)).not.to.include('chaleco');
  });

  it('asks gently once when a message may be a signal, then takes the safe reading', () => {
    const chat = Chat.consented();
    chat.say('jaja me quiero morir con este bot');
    expect(chat.step).to.equal('check.safety');
    expect(chat.text).to.include('¿Estás en peligro ahora');
    expect(chat.choices.map((c) => c.action)).to.include.members(['yes', 'no', 'human']);
    chat.click('no');
    expect(chat.step).to.equal('menu');
    const again = Chat.consented();
    again.say('jaja me quiero morir con este bot');
    again.say('jaja me quiero morir de verdad jaja');
    expect(again.step).to.equal('safety');
  });

  it('keeps a possible PSEA disclosure out of the transcript while asking about it', () => {
    const chat = Chat.consented();
    chat.say('jaja el del comedor me pide cosas a cambio');
    if (chat.step === 'check.psea') expect(chat.last.transcript).to.equal(null);
    else expect(chat.step).to.match(/^psea\./);
  });

  it('does not take over for idioms, films and past, resolved events', () => {
    for (const text of ['me mata el trafico de la javier prado', 'me muero de risa con mi chamo', 'vi una pelicula de secuestros anoche', 'hace 3 años mi ex me pegaba, ya lo deje y estoy bien']) {
      const chat = Chat.consented();
      chat.say(text);
      expect(chat.step, text).to.not.be.oneOf(['safety', 'psea.info', 'psea.urgent']);
    }
  });

  it('does not take over for football, a phone full of messages or an English past event (rounds 12 and 13), but does for a beating by shelter staff', () => {
    for (const text of [
      'la u nos dio una paliza el domingo, que roche',
      'golazo de la bicolor anoche',
      'mi celular explota de notificaciones del trabajo',
      'i was mugged last year but it is all sorted now, does the sis cover glasses?',
    ]) {
      const chat = Chat.consented();
      chat.say(text);
      expect(chat.step, text).to.not.be.oneOf(['safety', 'psea.info', 'psea.urgent']);
    }
    const chat = Chat.consented();
    chat.say('el equipo de seguridad del albergue le dio una paliza a mi hijo');
    expect(chat.step).to.match(/^psea\.|^safety/);
  });

  it('takes money demanded for aid, told as a complaint, to the confidential PSEA path and files no case operators read (issue 10, finding 9)', () => {
    for (const text of ['el señor de la ong me cobró 50 soles por la canasta que era gratis', 'me pidieron plata para anotarme en la lista del bono']) {
      const chat = Chat.consented();
      chat.say('8');
      chat.say('Presentar una queja');
      chat.say(text);
      expect(chat.step, text).to.match(/^psea\./);
      expect(
        chat.last.effects.map((e) => e.type),
        text,
      ).to.not.include('case.open');
      expect(chat.last.transcript, text).to.equal(null);
    }
  });

  it('gives a question about violence services for someone else the protection answer, not the emergency takeover', () => {
    const chat = Chat.consented();
    chat.say('donde puede denunciar violencia familiar una amiga? quiero pasarle el numero');
    expect(chat.step).to.match(/^faq\./);
  });

  it('understands Portuguese and Haitian Creole signals and requests for a person', () => {
    const pt = Chat.consented();
    pt.say('o voluntário da cesta básica disse que só me dá a cesta se eu dormir com ele');
    expect(pt.step).to.match(/^psea\./);
    const human = Chat.consented();
    human.say('eu quero falar com uma pessoa por favor');
    expect(human.step).to.match(/^handoff\./);
  });

  it('answers a Portuguese or Creole question from the Spanish answers, in the conversation language', () => {
    for (const [text, topic] of [
      ['meu filho pode estudar na escola pública sem documento?', 'education'],
      ['Èske pitit mwen ka ale lekòl piblik san papye?', 'education'],
      ['tem ajuda de comida pra família venezuelana?', 'social_protection'],
    ] as const) {
      const chat = Chat.consented();
      chat.say(text);
      expect(chat.step, text).to.equal('faq.answer');
      expect(chat.last.replies[0]!.topic, text).to.equal(topic);
      expect(chat.text, 'answered in Spanish').to.include('¿Te sirvió');
    }
  });

  it('takes a long question that names a topic as a question, and a short message naming it as the menu pick', () => {
    const question = Chat.consented();
    question.say('trabajo 12 horas diarias en un restaurante por 900 soles, eso es legal?');
    expect(question.step).to.equal('faq.answer');
    const pick = Chat.consented();
    pick.say('quiero info de trabajo');
    expect(pick.step).to.equal('faq.questions');
  });

  it('hears displeasure with the service and requests to change it as feedback, not as a question', () => {
    for (const text of ['el formulario se cierra solo cuando voy por la mitad', 'avisen por whatsapp cuando haya entrega, no solo por facebook']) {
      const chat = Chat.consented();
      chat.say(text);
      expect(chat.step, text).to.match(/^complaint\./);
    }
  });
});
