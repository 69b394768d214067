/** Time is injected: the server reads the clock only through this. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
