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
  envidia celos alegria felicidad gusto curiosidad flojera sed dolor cabeza espalda tristeza colera rabia miedo estres
  cansaco sono medo vergonha saudade raiva`);
const ANNOYANCE = alt(`trafico sol calor frio tarea trabajo chamba jefe jefa musica bulla ruido cola colas tramite tramites papeleo
  combi combis bus micro alquiler renta precio precios cuenta cuentas luz agua horario horarios dieta gym gimnasio espera
  clase clases examen examenes matematicas prueba profe profesor profesora vecino vecina vecinos suegra novela serie partido cancion
  muela muelas diente dientes cabeza espalda rodilla rodillas estomago barriga pie pies cintura
  bolsillo billetera economia pasaje pasajes fila filas gallo gallos perro perros
  heat traffic job boss work homework class song rent`);
const KILL = 'mata|matan|matas|mato|matando|matar|matara|kill|kills|killing';
const DIE = 'muero|muere|muera|muerta|muerto|morir|morirme|morirse|morirnos|muriendo|morimos|mori|murio|moria|dying|die|died|morrendo|morro|morrer';

/** Who can really kill: with one of these as the subject, "me está matando" is no figure of speech. */
const PEOPLE = alt(`hombre hombres marido esposo esposa mujer pareja novio novia ex exmarido tipo tipos senor senora man chamo chama
  pana panas loco malandro malandros sicario sicarios banda mafia policia policias guardia militar papa mama padre madre padrastro madrastra
  hermano hermana tio tia cunado cunada primo prima hijo hija suegro dueno duena jefe patron patrona gente viejo vieja cobrador cobradores
  prestamista prestamistas de del que q otro otra mismo misma`);
/** However it starts, a message with these is no idiom and no talk of goods: "el vecino me está
 * matando a golpes", "dijo q me mata", "me sacó un cuchillo". */
const HARM = /\b(a golpes|a palos|a patadas|a punaladas|a correazos|sangre|sangrando|ayuda|ayudenme|auxilio|socorro|help|ajuda|ede m|policia|amenaz\w*)\b|\b(dijo|dijeron|dice|dicen|juro|juraron)\s+(que|q|k)\s+(me|nos|te|la|lo)\b|\b(me|nos|le)\s+(saco|sacaron|saca|apunto|apuntaron|apunta|clavo|corto|cortaron|hirio|hirieron|ataco|atacaron)\b/;
/** With a weapon named, no figure of speech (knives can still be goods, see GOODS). */
const WEAPON = /\b(cuchillo|navaja|machete|pistola|arma)\b/;

const IDIOMS: readonly RegExp[] = [
  // Things, not people, "kill" one only in a figure of speech: "esta fila me está matando",
  // "un gallo q me mata cada mañana", "me están matando el bolsillo" (found missing in round 5).
  new RegExp(`\\b(el|la|los|las|este|esta|ese|esa|estos|estas|tanto|tanta|tantos|tantas|un|una)\\s+(?!(?:${PEOPLE})\\b)\\w+\\s+(\\w+\\s+){0,2}(que\\s+|q\\s+)?(me|nos)\\s+(esta\\s+|estan\\s+)?(${KILL})\\b`),
  new RegExp(`\\b(me|nos)\\s+(esta\\s+|estan\\s+)?(${KILL})\\s+(el|la|los|las|mi|mis)\\s+(?!(?:${PEOPLE})\\b)\\w+`),
  // "me muero de risa", "casi me mata del susto", "morrendo de fome"
  new RegExp(`\\b(${DIE}|${KILL})\\s+(de|del|of|de la)\\s+(${IDIOM_CAUSE}|fome|rir|laughter|boredom|embarrassment)\\b`),
  // "me mata el tráfico", "me está matando el calor", "nos mata con su música"
  new RegExp(`\\b(me|nos|te)\\s+(esta|estan)?\\s*(${KILL})\\s+(el|la|los|las|este|esta|ese|esa|con|de|tanto|mi)\\s+(\\w+\\s+)?(${ANNOYANCE})\\b`),
  // "el tráfico me mata", "la señora del cuarto de al lado me mata con su música"
  new RegExp(`\\b(${ANNOYANCE})\\s+(\\w+\\s+){0,5}(me|nos)\\s+(esta|estan)?\\s*(${KILL})\\b`),
  // "mi suegra me va a matar cuando vea la olla", "me van a matar a preguntas", "el examen va a matar a mi hija"
  /\b(me|nos|te|lo|la)\s+(va|van)\s+a\s+matar\s+(cuando|si|a preguntas|a besos|a trabajo|de)\b/,
  new RegExp(`\\b(${ANNOYANCE})\\b.{0,30}\\b(va|van)\\s+a\\s+matar\\b`),
  // "una muela que me mata", "un dolor de cabeza que me está matando"
  new RegExp(`\\b(${ANNOYANCE})\\s+(que|q|k)\\s+(me|nos)\\s+(esta\\s+)?(${KILL})\\b`),
  // praise: "unos tragos que matan", "una sazón q mata" (found missing in round 9); not people
  new RegExp(`\\b(unos|unas|un|una)\\s+(?!(?:${PEOPLE}|chamos|chamas|malandros|sicarios)\\b)\\w+\\s+(que|q|k)\\s+(matan|mata)\\b`),
  // "está que mata", "ese reggaeton está q mata"
  /\b(esta|estan|es|son|ta)\s+(que|q|k)\s+(mata|matan|arde)\b/,
  // "killing it", "this heat is killing me", "I'm dead 😂"
  /\bkilling\s+it\b/,
  // a phone that "explodes" with messages, a "paliza" in a game (found missing in round 12)
  /\b(explota|explotando|revienta|reventando|estalla)\b.{0,30}\b(mensajes|notificaciones|llamadas|whatsapps?|chats?)\b/,
  /\b(paliza|goleada|masacre|palizon|surra|massacre|slaughtered|destroyed|murdered)\b.{0,40}\b(fifa|play|ps[45]?|partido|partida|juego|jogo|game|match|futbol|fulbito|ludo|domino|cartas|x ?box|free fire|lol)\b|\b(fifa|play|ps[45]?|partido|partida|juego|jogo|game|match|futbol|fulbito|ludo|domino)\b.{0,40}\b(paliza|goleada|masacre|palizon|surra|massacre|slaughtered|destroyed|murdered)\b/,
  // football: a goleada is always one, and a team gives or takes the beating (round 13)
  /\b(goleada|golazo|goleo|golear)\b/,
  // (teams by name only: "el equipo de seguridad le dio una paliza a mi hijo" is violence)
  /\b(alianza|universitario|la u|cristal|melgar|sporting|vinotinto|seleccion|selecao|bicolor|bolivia|brasil|argentina|chile|colombia|ecuador|uruguay|paraguay|madrid|barca|messi)\b.{0,40}\b(paliza|palizon|masacre|surra|goleada)\b(?!.{0,20}\b(a mi|a mis|a su|a sus)\b)|\b(paliza|palizon|masacre|surra)\b.{0,40}\b(alianza|universitario|cristal|vinotinto|seleccion|bolivia|brasil|argentina|chile|colombia)\b/,
  // "me tiene muerto", "me disparó el almuerzo" (treated me to), "secuestrada por mis sobrinos"
  /\b(me|nos)\s+(tiene|tienen)\s+(muert[oa]s?|matad[oa]s?)\b/,
  /\b(disparo|disparaste|disparan|disparar)\s+(el|la|un|una|unas|unos)\s+(almuerzo|cena|desayuno|cerveza|cervezas|cafe|pizza|helado|comida|pollo|menu|pasaje)\b/,
  /\b(secuestrad[oa]s?|rehen|rehenes)\s+(por|de)\s+(mis|mi|los|las)\s+(hij[oa]s|sobrin[oa]s|niet[oa]s|nin[oa]s|chamos|amig[oa]s|hermanitos)\b/,
  // "qué abuso de confianza": taking liberties, not abuse (found missing in round 7); prices "un abuso" (round 8)
  /\babuso\s+de\s+confianza\b/,
  /\b(precio|precios|cobraron|cobran|soles|mercado|pasaje)\b.{0,40}\b(un abuso|abusivos?)\b/,
  // shut in by the weather or boredom: "toy encerrada en la casa todo el día x el frío" (round 8)
  /\bencerrad[oa]s?\s+(\w+\s+){0,5}(x|por|pq|porque)\s+(el|la)\s+(frio|lluvia|calor|cuarentena|tarea|trabajo|examenes|aburrimiento)\b/,
  // Medicine taken as prescribed: "ya me tomé las pastillas de la presión"
  /\b(pastillas|pastilla|pildoras|tabletas|medicinas|remedios)\s+(de|para|pa)\s+(la|el|mi)?\s*(presion|azucar|diabetes|tiroides|dolor|gastritis|colesterol|alergia|tos|fiebre|gripe|dormir)\b/,
  new RegExp(`\\b(${ANNOYANCE})\\s+(is|s|are)\\s+killing\\s+me\\b`),
  // "my boss will murder me if I miss another shift"
  /\b(will|gonna|going\s+to|ll)\s+(kill|murder)\s+(me|us)\s+(if|when)\b/,
  // "me partí de la risa", "estoy hecha pedazos" (worn out), "minha chefe vai me matar se eu chegar atrasada"
  /\b(parti|parto|partimos|partiste|partio)\s+(de|del)\s+(la\s+)?risa\b/,
  /\b(hech[oa]s?|molid[oa]s?)\s+(pedazos|polvo|lena|trizas|mierda)\b/,
  /\b(vai|vao)\s+me\s+matar\s+(se|quando)\b/,
  // shutting oneself in to study or work, and being locked out: "me encerré a estudiar", "locked me out"
  /\b(me|nos)\s+(encerre|encerramos|encierro|encerraba)\s+(\w+\s+){0,4}(a|para|pa)\s+(estudiar|trabajar|dormir|descansar|leer|ver|jugar)\b/,
  /\blocked\s+(me|us|himself|herself|myself)\s+out\b/,
  // a door or a lock that jammed (found missing in round 6): "se trabó la puerta, ya la sacamos"
  /\bse\s+(le\s+|me\s+|nos\s+)?(trabo|trababa|atasco|atoro|daño|dano|rompio|cerro|tranco)\s+(la\s+|el\s+)?(puerta|chapa|cerradura|llave|manija|seguro|pestillo)\b/,
  /\b(door|lock)\s+(got\s+)?(jammed|stuck)\b/,
  /\b(travay|chale|trafik|lekol|trabalho|calor|transito)\s+(\w+\s+){0,2}(ap\s+touye|ta\s+me\s+matando|esta\s+me\s+matando)\s*(m|mwen)?\b/,
  // found missing in round 4: a device or a battery that "died", "dead tired", kept busy "kidnapped" by chores
  /\b(celular|cel|telefono|fono|movil|bateria|pila|laptop|compu|computadora|tablet|phone|battery|laptop|wifi|internet|saldo|datos|carro|moto|celu)\s+(\w+\s+){0,2}(se\s+)?(me\s+|nos\s+)?(murio|muere|murieron|mueren|muerto|muerta|died|dead|morreu|mouri)\b/,
  /\bse\s+(me|nos|le)\s+(murio|muere|murieron)\s+(el|la|mi|su)\s+(celular|cel|celu|telefono|fono|movil|bateria|pila|laptop|compu|computadora|tablet|carro|moto)\b/,
  /\b(dead|dog)\s+tired\b|\bdead\s+on\s+my\s+feet\b|\b(bored|scared|tired|worried|freezing|starving)\s+to\s+death\b/,
  /\b(secuestrad[oa]s?|rehen|rehenes|pres[oa]s?)\s+(\w+\s+){0,4}(cocinando|limpiando|estudiando|viendo|jugando|ayudando|planchando|arreglando|pintando|armando|lavando|haciendo\s+(hallacas|arepas|tamales|empanadas|tortas?|tareas?|la\s+tarea|deberes|comida|el\s+almuerzo|la\s+cena|mercado|la\s+mudanza))\b/,
];

const PAST = /\b(ayer|anoche|antier|la otra vez|ontem|semana passada|mes passado|last (year|month|week)|a (year|month) ago|back in \d{4}|o ano passado|lane pase|ane pase)\b|\b(el|la)\s+(mes|ano|semana)\s+pasad[oa]\b|\b(quando cheguei|quando eu|ano passado)\b|\b(hace|hacia)\s+((\d+|un|una|unos|unas|mucho|muchos|varios|dos|tres|cuatro|cinco)\s+)?(ano|anos|mes|meses|tiempo)\b|\b(antes|de nino|de nina|de chamo|de chama|de pequeno|de pequena|de chiquito|de chiquita|cuando era|cuando estaba|en venezuela|years ago|when i was|used to)\b/;
const RESOLVED = /\b((la|lo|los|las) encontramos|ya (aparecio|volvio|regreso|esta en (la )?casa)|ja me separei|(estamos|tamo|tamos|to|estou) bem agora|all sorted|it s (all )?(over|sorted|fine)|its (all )?(over|sorted|fine)|all good now|everything is fine now|ja (passou|resolvi|esta resolvido)|tudo resolvido|tout anfom kounye a|ya\s+(lo|la|los)\s+deje|ya\s+(estoy|estamos)\s+(bien|mejor|tranquila|tranquilo|a salvo)|ya\s+paso|ahora\s+(estoy|estamos|soy|vivo)|estoy\s+(mucho\s+)?mejor|(i m|im|i am)\s+(fine|ok|better|safe)\s+now|nunca\s+le\s+puse|ya no\s+(me|nos)|gracias\s+(a|por|x)\s+(la|el|los)?\s*(terapia|ayuda|dato|apoyo)|ya\s+(salio|sali|se fue|se recupero|me recupere|tiene orden)|esta\s+en\s+terapia|orden\s+de\s+alejamiento|ahora\s+(estudio|trabajo|tengo)|(hoje|agora)\s+(estou|estamos)\s+bem|mas\s+hoje|gracias\s+a\s+dios\s+ya|dijeron\s+(que|q)\s+(esta|estaba)\s+bien|disse\s+que\s+(ta|esta|tava|estava)\s+(tudo\s+)?bem|ja\s+passou|ya\s+(la|lo|los|las)\s+(encontramos|encontre|encontraron|hallamos)|ya\s+aparecio)\b/;

/** Someone asking about services or information, not telling of harm to themselves now; staff
 * training, protocols, broadcasts and what a word means were found missing in round 7, asking
 * ahead "a nadie le ha pasado", "por si acaso" in rounds 10 and 11. */
const FOR_OTHERS = /\b(mi|una|un|su)\s+(vecin[oa]|prim[oa]|cunad[oa]|comadre|compadre|amig[oa]|conocid[oa]|tia|tio|herman[oa]|colega|companer[oa])\b|\b(quiere saber|le quiero pasar|pasar el dato|codigo de conducta|ser voluntari[oa]|material|cifras|estadisticas|exposicion|tarea|tesis|taller|talleres|charla|charlas|curso|capacitacion|investigacion|proyecto|colegio|universidad|entrevista|entrevistas|organizar|prevencion|school|talk|workshop|project|thesis|presentation|para una amiga|para un amigo|para mi amiga|una vecina|un vecino|una conocida|una amiga|un amigo|mi amiga|for a friend|my friend|anuncio|anuncios|publicacion|oferta de trabajo|feria|evento|invitar|charlista|ponente|a friend|friend asked|job ad|job ads|posting|scam|community|comunidad|my group|mi grupo|share|compartir|difundir|si uno ve|si alguien ve|si una persona ve|if someone|if you see|se alguem|se a gente ve|capacitar|capacitarnos|train the|train our|staff training|workshops|treinamento|palestra|palestras|code of conduct|codigo de conduta|safeguarding|prevention|prevencao|radio show|on air|afiche|afiches|poster|folleto|que es la psea|q es la psea|que es psea|q es psea|what is psea|training|trainings|we are training|capacitando|charlas en|nada me ha pasado|no me ha pasado nada|a nadie le ha pasado|nadie me ha pedido nada|a mi nadie me ha pedido|solo quiero saber|solo para saber|pa tener el dato|para tener el dato|por si acaso|just in case|nothing happened to me|not a complaint|no es una queja|nao aconteceu nada|so pra saber|por precaucao|pou m konnen selman|todavia no he ido|aun no he ido|antes de ir|quiero estar segura|quiero estar seguro|paper|student|estudiante|research|assignment|essay|monografia|trabajo de investigacion|trabalho da faculdade|tcc)\b/;
/** Told of a class or a talk: "en el curso nos enseñaron q hacer si…" (found missing in round 7). */
const TAUGHT = /\b(nos|me|les)\s+(ensenaron|ensena|ensenan|explicaron|explican|mostraron|hablaron\s+de)\b|\b(we\s+learned|they\s+taught\s+us|nos\s+ensinaram)\b/;
const ASKING = /\b(como|cmo)\s+(le|la|lo|les)\s+(digo|ayudo|aconsejo|explico|convenzo)\b|\b(alguien|ustedes)\s+(puede|pueden)\s+(venir|dar|dictar|explicar)\b|\bhow\s+(do|can|should)\s+i\s+(report|help|tell)\b|\b(que|q|k)\s+(numero|opciones|pena|linea|ley|hago|puede|deben|debo|debemos|tienen que|hay que)\b|\b(es gratis|son gratis|se paga|hay que pagar|cobran por|who handles|who deals with)\b|\b(tienen|hay)\s+(material|linea|numero|algun|alguna)\b|\b(que|q|k)\s+se\s+hace\b|\ba\s+quien\s+se\s+llama\b|\b(q|k)\s+(es|son)\b|(?<!\bno (se|sabemos|sabe) )\b(donde|a donde|adonde|con quien|hay algun|hay alguna|que es|como se|como puedo|como puede|a quien|cual es|informacion|info|numero|where|who|is there|how can|what is|do you have|what does|what s|que significa|q significa|o que e|o que significa|ki sa|kisa|any workshops|any training|necesitamos conocer|necesitamos saber|queremos saber|queremos conocer|necesito conocer)\b/;

/** Films, stories, news: what happened to someone on a screen, on the radio or in the paper
 * (heard through a medium: "en la tele dijeron que hubo balacera", found missing in round 10). */
const FICTION_OR_NEWS = /\b(en la tele|en la tv|en television|en la radio|en el face|en facebook|en tiktok|en el noticiero|on tv|on the radio|on the news|na tv|na televisao|no radio|no jornal|sou tele a|nan radyo|pelicula|peli|serie|novela|(un|el|ese|este|del) cuento|cuentos|libro|documental|documentary|documentario|reportaje|podcast|episodio|episode|noticia|noticias|noticiero|telenovela|videojuego|juego|juega|jugando|free fire|fortnite|minecraft|lei que|lei q|vi en|salio en|movie|film|news|capturaron|detuvieron)\b/;
/** Laughter, in words or emoji (read before normalising, which drops emoji). */
const LAUGHTER = /(ja){2,}|(je){2,}|(ha){2,}|\bk{3,}\b|\b(rs){2,}\b|\blol\b|\blmao\b|\bjsjs|😂|🤣|😅|😆|😜/i;

/** `joking`: laughter beside alarming words; it asks gently rather than ignoring. */
export type Everyday = 'idiom' | 'resolved' | 'information' | 'fiction' | 'joking' | null;

/** Knives and tools as goods: sold, bought, sharpened ("pa vender cuchillos en la feria"). */
const GOODS = /\b(vender|vendo|vende|venden|venta|ventas|vendiendo|comprar|compro|compre|afilar|afilo|juego|set|feria|tienda|negocio)\s+(de\s+)?(\w+\s+){0,2}(cuchillos|navajas|machetes|tijeras|herramientas|knives)\b/;

export function everydayReading(text: string): Everyday {
  const n = normalize(text);
  const harm = HARM.test(n);
  if (!harm && GOODS.test(n)) return 'information';
  if (!harm && !WEAPON.test(n) && IDIOMS.some((r) => r.test(n))) return 'idiom';
  if (PAST.test(n) && RESOLVED.test(n)) return 'resolved';
  if (FOR_OTHERS.test(n) && (ASKING.test(n) || TAUGHT.test(n))) return 'information';
  if (FICTION_OR_NEWS.test(n)) return 'fiction';
  if (LAUGHTER.test(text)) return 'joking';
  return null;
}
