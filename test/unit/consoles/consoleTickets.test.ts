import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConsoleTickets, TICKET_TTL_MS } from '../../../src/main/consoles/consoleTickets';

const console = { describe: 'VNC of vm', open: () => Promise.reject(new Error('not here')) };

describe('console tickets', () => {
  it('are long, random, and work once', () => {
    const tickets = new ConsoleTickets();
    const a = tickets.issue(console);
    const b = tickets.issue(console);
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(tickets.take(a)).toBe(console);
    expect(tickets.take(a)).toBeUndefined();
    expect(tickets.take('')).toBeUndefined();
    expect(tickets.take(null)).toBeUndefined();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  // The number itself, on the default clock: a change of the constant must fail here.
  it('expire unused after 30 s', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const tickets = new ConsoleTickets();
    const token = tickets.issue(console);
    const late = tickets.issue(console);
    vi.advanceTimersByTime(29_900);
    expect(tickets.take(token)).toBe(console);
    vi.advanceTimersByTime(200);
    expect(tickets.take(late)).toBeUndefined();
    expect(tickets.size).toBe(0);
  });
});

describe('SPICE tickets', () => {
  const spice = { ...console, describe: 'SPICE of vm', multiple: true };

  it('admit further channels while one is open, and end with the last', () => {
    let now = 0;
    const tickets = new ConsoleTickets(() => now);
    const token = tickets.issue(spice);
    expect(tickets.take(token)).toBe(spice); // main channel
    now += TICKET_TTL_MS * 2; // an open session keeps its ticket past the 30 s
    expect(tickets.take(token)).toBe(spice); // display channel
    tickets.release(token);
    tickets.release(token);
    expect(tickets.take(token)).toBeUndefined();
  });

  it('still expire unused', () => {
    let now = 0;
    const tickets = new ConsoleTickets(() => now);
    const token = tickets.issue(spice);
    now += TICKET_TTL_MS + 1;
    expect(tickets.take(token)).toBeUndefined();
  });
});
