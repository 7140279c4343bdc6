/**
 * The tickets endpoints, as data (spread into ENDPOINTS, so the router, the OpenAPI document
 * and the role × endpoint test pick them up): the queue, the ticket with its transcript,
 * claiming, messages to the person, internal notes and closing.
 */
import * as t from './ticketSchemas.ts';

export const TICKET_ENDPOINTS = [
  {
    operationId: 'listTickets',
    method: 'get',
    path: '/api/tickets',
    access: 'tickets.list',
    summary: 'The queue, oldest first, with how long each open ticket has waited. Shows no personal data, so it is not audited (the console polls it).',
    query: t.TicketsQuery,
    success: { status: 200, body: t.TicketsAnswer },
  },
  {
    operationId: 'getTicket',
    method: 'get',
    path: '/api/tickets/{ref}',
    access: 'tickets.read',
    summary: "One ticket with its notes, the person's intake (while their consent stands) and the transcript from consent onwards. Audited.",
    params: t.TicketRefParams,
    success: { status: 200, body: t.TicketDetailAnswer },
    errors: { 404: 'No such ticket' },
  },
  {
    operationId: 'claimTicket',
    method: 'post',
    path: '/api/tickets/{ref}/claim',
    access: 'tickets.claim',
    summary:
      'Take an open ticket. Of operators claiming at once exactly one wins; the holder may repeat the call. The person is told someone joined, and from then on their messages come to the console (live handoff). Audited.',
    params: t.TicketRefParams,
    body: t.ClaimBody,
    success: { status: 200, body: t.TicketAnswer },
    errors: { 404: 'No such ticket', 409: 'AlreadyClaimed (someone else holds it) or TicketClosed' },
  },
  {
    operationId: 'sendTicketMessage',
    method: 'post',
    path: '/api/tickets/{ref}/messages',
    access: 'tickets.message',
    summary: "Write to the person (≤ 2000 characters), delivered on their own channel and kept in the transcript. Only the ticket's holder may write: claim it first. Audited without the text.",
    params: t.TicketRefParams,
    body: t.MessageBody,
    success: { status: 201, body: t.MessageAnswer },
    errors: { 404: 'No such ticket', 409: 'NotClaimed (claim it first), ClaimedByAnother, TicketClosed, or PersonUnreachable (their conversation is gone, or their channel is not running)' },
  },
  {
    operationId: 'addTicketNote',
    method: 'post',
    path: '/api/tickets/{ref}/notes',
    access: 'tickets.note',
    summary: 'Add an internal note (≤ 2000 characters; never shown to the person). Audited without the text.',
    params: t.TicketRefParams,
    body: t.NoteBody,
    success: { status: 201, body: t.TicketAnswer },
    errors: { 404: 'No such ticket' },
  },
  {
    operationId: 'closeTicket',
    method: 'post',
    path: '/api/tickets/{ref}/close',
    access: 'tickets.close',
    summary:
      'Close an open or claimed ticket with an outcome (resolved, referred, no_response, duplicate, other). The person is told, and asked how it went if an operator had talked with them. Audited.',
    params: t.TicketRefParams,
    body: t.CloseBody,
    success: { status: 200, body: t.TicketAnswer },
    errors: { 404: 'No such ticket', 409: 'TicketClosed' },
  },
] as const;
