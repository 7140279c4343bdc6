/**
 * The widget's own labels (the bot's words come from the server, already in the person's
 * language). Spanish first: most people who use Faro read Spanish.
 */
import { DEFAULT_LANG, isLang, type Lang } from '../../../src/core/languages.ts';

export type { Lang };

export interface Strings {
  launcher: string;
  close: string;
  quickExit: string;
  quickExitHint: string;
  /** The button that switches to the other language (`otherLangOf`), written in that language. */
  otherLang: string;
  otherLangHint: string;
  log: string;
  options: string;
  input: string;
  placeholder: string;
  send: string;
  you: string;
  bot: string;
  connecting: string;
  reconnecting: string;
  /** Could not even start: nothing retries until the person asks. */
  offline: string;
  reconnect: string;
  conflict: string;
  expired: string;
  restart: string;
  notSent: string;
  retry: string;
  tooFast: string;
  /** Who speaks in an operator's message (shown above it, and read out first). */
  staff: string;
  /** The shortcut buttons below the options, there in every step (but while an operator is
   * talking: a stray tap on "menu" would end that chat). Same words as the bot's buttons. */
  human: string;
  menu: string;
  /** The satisfaction scale: its ends, and "2 of 5" for screen readers. */
  scaleLow: string;
  scaleHigh: string;
  scaleOf: string;
}

export const STRINGS: Record<Lang, Strings> = {
  es: {
    launcher: 'Chat de ayuda',
    close: 'Cerrar el chat',
    quickExit: 'Salir rápido',
    quickExitHint: 'Borra este chat del teléfono y sale de la página',
    otherLang: 'English',
    otherLangHint: 'Switch to English',
    log: 'Conversación',
    options: 'Opciones',
    input: 'Escribe tu mensaje',
    placeholder: 'Escribe aquí…',
    send: 'Enviar',
    you: 'Tú',
    bot: 'Faro',
    connecting: 'Conectando…',
    reconnecting: 'Sin conexión. Reintentando…',
    offline: 'Sin conexión.',
    reconnect: 'Reconectar',
    conflict: 'Este chat está abierto en otra pestaña.',
    expired: 'Esta conversación terminó por inactividad.',
    restart: 'Empezar de nuevo',
    notSent: 'No se envió.',
    retry: 'Reintentar',
    tooFast: 'Espera un momento antes de enviar otro mensaje.',
    staff: 'Equipo de atención',
    human: 'Hablar con una persona',
    menu: 'Menú principal',
    scaleLow: 'Muy mal',
    scaleHigh: 'Muy bien',
    scaleOf: 'de 5',
  },
  en: {
    launcher: 'Help chat',
    close: 'Close the chat',
    quickExit: 'Quick exit',
    quickExitHint: 'Clears this chat from the phone and leaves the page',
    otherLang: 'Español',
    otherLangHint: 'Cambiar a español',
    log: 'Conversation',
    options: 'Options',
    input: 'Type your message',
    placeholder: 'Type here…',
    send: 'Send',
    you: 'You',
    bot: 'Faro',
    connecting: 'Connecting…',
    reconnecting: 'Offline. Trying again…',
    offline: 'Offline.',
    reconnect: 'Reconnect',
    conflict: 'This chat is open in another tab.',
    expired: 'This conversation ended after a long pause.',
    restart: 'Start again',
    notSent: 'Not sent.',
    retry: 'Try again',
    tooFast: 'Wait a moment before sending another message.',
    staff: 'Support team',
    human: 'Talk to a person',
    menu: 'Main menu',
    scaleLow: 'Very bad',
    scaleHigh: 'Very good',
    scaleOf: 'out of 5',
  },
  pt: {
    launcher: 'Chat de ajuda',
    close: 'Fechar o chat',
    quickExit: 'Sair rápido',
    quickExitHint: 'Apaga este chat do celular e sai da página',
    otherLang: 'Español',
    otherLangHint: 'Cambiar a español',
    log: 'Conversa',
    options: 'Opções',
    input: 'Escreva sua mensagem',
    placeholder: 'Escreva aqui…',
    send: 'Enviar',
    you: 'Você',
    bot: 'Faro',
    connecting: 'Conectando…',
    reconnecting: 'Sem conexão. Tentando de novo…',
    offline: 'Sem conexão.',
    reconnect: 'Reconectar',
    conflict: 'Este chat está aberto em outra aba.',
    expired: 'Esta conversa terminou porque ficou muito tempo parada.',
    restart: 'Começar de novo',
    notSent: 'Não foi enviada.',
    retry: 'Tentar de novo',
    tooFast: 'Espere um momento antes de enviar outra mensagem.',
    staff: 'Equipe de atendimento',
    human: 'Falar com uma pessoa',
    menu: 'Menu principal',
    scaleLow: 'Muito ruim',
    scaleHigh: 'Muito bom',
    scaleOf: 'de 5',
  },
  ht: {
    launcher: 'Chat pou èd',
    close: 'Fèmen chat la',
    quickExit: 'Soti vit',
    quickExitHint: 'Efase chat sa a nan telefòn nan epi soti sou paj la',
    otherLang: 'Español',
    otherLangHint: 'Cambiar a español',
    log: 'Konvèsasyon',
    options: 'Opsyon',
    input: 'Ekri mesaj ou',
    placeholder: 'Ekri isit la…',
    send: 'Voye',
    you: 'Ou',
    bot: 'Faro',
    connecting: 'N ap konekte…',
    reconnecting: 'Pa gen koneksyon. N ap eseye ankò…',
    offline: 'Pa gen koneksyon.',
    reconnect: 'Rekonekte',
    conflict: 'Chat sa a louvri nan yon lòt onglè.',
    expired: 'Konvèsasyon sa a fini paske ou pa t ekri pandan lontan.',
    restart: 'Kòmanse ankò',
    notSent: 'Mesaj la pa t ale.',
    retry: 'Eseye ankò',
    tooFast: 'Tann yon ti moman anvan ou voye yon lòt mesaj.',
    staff: 'Ekip sèvis la',
    human: 'Pale ak yon moun',
    menu: 'Meni prensipal',
    scaleLow: 'Mal anpil',
    scaleHigh: 'Byen anpil',
    scaleOf: 'sou 5',
  },
};

/** `en`, `en-GB` → English, `pt-BR` → Portuguese, `ht` → Creole; anything else (including
 * nothing) → Spanish. */
export function langOf(tag: string | null | undefined): Lang {
  const primary = tag?.trim().toLowerCase().split('-')[0];
  return isLang(primary) ? primary : DEFAULT_LANG;
}

/** The language the language button switches to: English from Spanish, Spanish from any other
 * (the bot itself understands "português", "kreyòl" and the others at any point). */
export function otherLangOf(lang: Lang): Lang {
  return lang === DEFAULT_LANG ? 'en' : DEFAULT_LANG;
}
