// Types of `maia-provision/testing` (testing.js): the emulator for offline tests.

/** One fault rule, as the emulator's control plane takes it. */
export interface FaultRule {
  method?: string;
  /** `/v1/projects/*\/connections`: `*` is one segment, a final `**` any rest. */
  path?: string;
  /** An operation id (`createProject`) or `token`. */
  operation?: string;
  /** Fire from the n-th matching request on (1-based). */
  nth?: number;
  /** Fire with this probability (0 to 1), from the seeded generator. */
  probability?: number;
  /** How many times the rule fires (default 1; `null`: without limit). */
  times?: number | null;
  action:
    | { type: 'status' | 'status_after'; status: number; retry_after?: number }
    | { type: 'delay'; ms: number }
    | { type: 'drop_before' | 'drop_after' };
}

/** One account and its OAuth client credentials; the first is the default one. */
export interface AccountSettings {
  name: string;
  id?: string | null;
  client_id: string;
  client_secret: string;
}

/** The emulator's settings (its `EmulatorConfig`, snake_case as in its JSON). */
export interface EmulatorSettings {
  /** The port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** What every generated id derives from. */
  seed?: number;
  /** Lifetime of an issued token, in seconds (default 1800). */
  token_ttl?: number;
  /** Requests per minute per account (default 1000); `null` turns the limit off. */
  rate_limit?: number | null;
  accounts?: AccountSettings[];
  /** Fault rules active from the start. */
  faults?: FaultRule[];
  /** One line per request on stderr. */
  log_requests?: boolean;
}

/** One request as the journal shows it. */
export interface JournalEntry {
  seq: number;
  method: string;
  path: string;
  operation: string | null;
  account: string | null;
  /** `null` when the connection was dropped instead. */
  status: number | null;
  /** Whether the request changed state (a create that happened, even if its answer was lost). */
  changed: boolean;
  /** The natural key's name in the body. */
  key: string | null;
  /** The fault that fired, as `action#rule`. */
  fault: string | null;
}

/** A running emulator. `clientSecret` is a getter: `util.inspect` and `JSON.stringify` show `***`. */
export declare class Emulator {
  private constructor();
  /** The API base (`http://127.0.0.1:PORT`), for `buildRequest(…, { baseUrl: emu.url })`. */
  readonly url: string;
  /** The OAuth token endpoint (client credentials). */
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly running: boolean;
  stop(): Promise<void>;
  requests(): Promise<JournalEntry[]>;
  reset(): Promise<void>;
  addFault(rule: FaultRule): Promise<number>;
  clearFaults(): Promise<void>;
  state(): Promise<{ accounts: Array<{ name: string } & Record<string, unknown>> }>;
  toJSON(): { url: string; tokenUrl: string; clientId: string; clientSecret: '***' };
}

/** Starts an emulator on 127.0.0.1. Throws a `TypeError` (`ERR_MAIA_EMULATOR_SETTING`) for an unknown setting, an `Error` (`ERR_MAIA_EMULATOR_CONFIG`) for a bad value. */
export declare function startEmulator(settings?: EmulatorSettings): Promise<Emulator>;

/** The names of the settings `startEmulator` takes. */
export declare const EMULATOR_SETTINGS: readonly string[];
