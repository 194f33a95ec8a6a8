/** How long a session lives: configuration, kept apart from the session queries so that reading it is cheap. */
export interface SessionPolicy {
  /** Idle time after which a session ends (sliding). */
  inactivityMs: number;
  /** Lifetime after which a session ends however active. */
  absoluteMs: number;
}

export const defaultSessionPolicy: SessionPolicy = {
  inactivityMs: 8 * 60 * 60 * 1000,
  absoluteMs: 7 * 24 * 60 * 60 * 1000,
};
