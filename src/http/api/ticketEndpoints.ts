/**
 * The tickets endpoints, as data (spread into ENDPOINTS, so the router, the OpenAPI document
 * and the role × endpoint test pick them up). Messages to the person and live handoff come
 * later; these are the queue, the ticket, claiming, internal notes and closing.
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
    summary: "One ticket with its notes and the person's intake (while their consent stands). Audited.",
    params: t.TicketRefParams,
    success: { status: 200, body: t.TicketDetailAnswer },
    errors: { 404: 'No such ticket' },
  },
  {
    operationId: 'claimTicket',
    method: 'post',
    path: '/api/tickets/{ref}/claim',
    access: 'tickets.claim',
    summary: 'Take an open ticket. Of operators claiming at once exactly one wins; the holder may repeat the call. Audited.',
    params: t.TicketRefParams,
    success: { status: 200, body: t.TicketAnswer },
    errors: { 404: 'No such ticket', 409: 'AlreadyClaimed (someone else holds it) or TicketClosed' },
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
    summary: 'Close an open or claimed ticket with an outcome (resolved, referred, no_response, duplicate, other). Audited.',
    params: t.TicketRefParams,
    body: t.CloseBody,
    success: { status: 200, body: t.TicketAnswer },
    errors: { 404: 'No such ticket', 409: 'TicketClosed' },
  },
] as const;
