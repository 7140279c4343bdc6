/**
 * Everyday readings of words that sound alarming. A lexicon match on a single word ("mata",
 * "morir", "violencia", "trata") is a false alarm when the message is
 * - an idiom: "me mata el tráfico", "está que mata", "me muero de risa", "killing it";
 * - a past, resolved event: "hace años mi ex me pegaba, ya lo dejé y estoy bien";
 * - a request for information for someone else or for a talk: "dónde saco información
 *   sobre trata para una exposición del colegio".
 * These are word classes, not sentences: a deployment adds its own words to the lists.
 * Used only to weigh a lexicon match that the classifier does not confirm (understand.ts).
 */
import { normalize } from '../text/normalize.ts';

const alt = (words: string) => words.trim().split(/\s+/).join('|');

/** What one "dies of" or what "kills" one in an idiom. */
const IDIOM_CAUSE = alt(`risa risas verguenza pena hambre sueno susto calor frio amor ganas emocion aburrimiento cansancio nervios
  envidia celos alegria felicidad gusto curiosidad flojera sed dolor cabeza espalda tristeza colera rabia miedo estres`);
const ANNOYANCE = alt(`trafico sol calor frio tarea trabajo chamba jefe jefa musica bulla ruido cola colas tramite tramites papeleo
  combi combis bus micro alquiler renta precio precios cuenta cuentas luz agua horario horarios dieta gym gimnasio espera
  clase clases examen examenes profe profesor profesora vecino vecina vecinos suegra novela serie partido cancion
  heat traffic job boss work homework class song rent`);
const KILL = 'mata|matan|matas|mato|matando|matar|matara|kill|kills|killing';
const DIE = 'muero|muere|muera|muerta|muerto|morir|morirme|morirse|morirnos|muriendo|morimos|mori|murio|moria|dying|die|died|morrendo|morro|morrer';

const IDIOMS: readonly RegExp[] = [
  // "me muero de risa", "casi me mata del susto", "morrendo de fome"
  new RegExp(`\\b(${DIE}|${KILL})\\s+(de|del|of|de la)\\s+(${IDIOM_CAUSE}|fome|rir|laughter|boredom|embarrassment)\\b`),
  // "me mata el tráfico", "me está matando el calor", "nos mata con su música"
  new RegExp(`\\b(me|nos|te)\\s+(esta|estan)?\\s*(${KILL})\\s+(el|la|los|las|este|esta|ese|esa|con|de|tanto|mi)\\s+(\\w+\\s+)?(${ANNOYANCE})\\b`),
  // "el tráfico me mata", "la señora del cuarto de al lado me mata con su música"
  new RegExp(`\\b(${ANNOYANCE})\\s+(\\w+\\s+){0,5}(me|nos)\\s+(esta|estan)?\\s*(${KILL})\\b`),
  // "está que mata", "ese reggaeton está q mata"
  /\b(esta|estan|es|son|ta)\s+(que|q|k)\s+(mata|matan|arde)\b/,
  // "killing it", "this heat is killing me", "I'm dead 😂"
  /\bkilling\s+it\b/,
  new RegExp(`\\b(${ANNOYANCE})\\s+(is|s|are)\\s+killing\\s+me\\b`),
];

const PAST = /\b(hace|hacia)\s+(\d+|un|una|unos|unas|mucho|muchos|varios|dos|tres|cuatro|cinco)\s+(ano|anos|mes|meses|tiempo)\b|\b(antes|de nino|de nina|de chamo|de chama|de pequeno|de pequena|de chiquito|de chiquita|cuando era|cuando estaba|en venezuela|years ago|when i was|used to)\b/;
const RESOLVED = /\b(ya\s+(lo|la|los)\s+deje|ya\s+(estoy|estamos)\s+(bien|mejor|tranquila|tranquilo|a salvo)|ya\s+paso|ahora\s+(estoy|estamos|soy|vivo)|estoy\s+(mucho\s+)?mejor|(i m|im|i am)\s+(fine|ok|better|safe)\s+now|nunca\s+le\s+puse|ya no\s+(me|nos)|gracias\s+(a|por|x)\s+(la|el|los)?\s*(terapia|ayuda|dato|apoyo))\b/;

/** Someone asking about services or information, not telling of harm to themselves now. */
const FOR_OTHERS = /\b(exposicion|tarea|tesis|taller|talleres|charla|charlas|curso|capacitacion|investigacion|proyecto|colegio|universidad|entrevista|entrevistas|organizar|prevencion|school|talk|workshop|project|thesis|presentation|para una amiga|para un amigo|para mi amiga|una vecina|un vecino|una conocida|una amiga|un amigo|mi amiga|for a friend|my friend)\b/;
const ASKING = /\b(donde|a donde|adonde|con quien|hay algun|hay alguna|que es|como se|como puedo|como puede|a quien|cual es|informacion|info|numero|where|who|is there|how can|what is|do you have)\b/;

export type Everyday = 'idiom' | 'resolved' | 'information' | null;

export function everydayReading(text: string): Everyday {
  const n = normalize(text);
  if (IDIOMS.some((r) => r.test(n))) return 'idiom';
  if (PAST.test(n) && RESOLVED.test(n)) return 'resolved';
  if (FOR_OTHERS.test(n) && ASKING.test(n)) return 'information';
  return null;
}
