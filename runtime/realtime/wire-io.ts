import type { BroadcastOperator, Server, Socket } from 'socket.io';
import type { Admission } from './connect.js';
import type { ClientToServerEvents, ServerToClientAcks, ServerToClientEvents } from '../wire.js';

/** What the connection middleware leaves on a socket it admitted. */
export interface SocketData {
  /** Served here, or relayed to the instance that owns the session (connect.ts). */
  admission?: Admission;
}

/** No events between server instances (the Redis adapter only relays emits). */
type NoServerSideEvents = Record<string, never>;

/**
 * Socket.IO typed by the wire schemas (schemas/wire): emitting an event the schema does not
 * know, or a payload it does not allow, is a compile error, and listeners get the payload's type.
 */
export type WireServer = Server<ClientToServerEvents, ServerToClientEvents, NoServerSideEvents, SocketData>;
export type WireSocket = Socket<ClientToServerEvents, ServerToClientEvents, NoServerSideEvents, SocketData>;

/**
 * A room, for the events sent without an acknowledgement. Socket.IO types a room's events
 * for acks with many answers; without acks that typing is the event map itself, and
 * naming it so keeps the payload types of a generic `emit` intact.
 */
export type WireRoom = BroadcastOperator<Omit<ServerToClientEvents, keyof ServerToClientAcks>, SocketData>;
