// Types of `maia-provision` (wrapper.js): the JS API shared with the browser package, declared in
// api.d.ts and types.d.ts (copies of bindings-js/, written by scripts/test-node).
export * from './api.js';

import type { OperationId, RequestBody, RequestParams, ResponseBody } from './api.js';

/** One attempt of a client call, as the `logger` option receives it (never a secret). */
export interface AttemptRecord {
  /** The line to log: `listAgents GET /v1/agents attempt 1: HTTP 200, done`. */
  message: string;
  operation: OperationId | 'token';
  route: string;
  status: number | null;
  attempt: number;
  waitMs: number | null;
  reason: string;
}

/** The options of `new Client(...)`; unset ones come from `MAIA_*` environment variables. */
export interface ClientOptions {
  region?: 'eu1' | 'us1';
  baseUrl?: string;
  tokenUrl?: string;
  clientId?: string;
  clientSecret?: string;
  token?: string;
  /** How long one attempt may take, in milliseconds. */
  timeout?: number;
  maxRetries?: number;
  /** Requests per minute, shared by every call of the client. */
  rateLimit?: number;
  userAgent?: string;
  logger?: (record: AttemptRecord) => void;
}

/** Per call: an `AbortSignal` that stops it. */
export interface CallOptions {
  signal?: AbortSignal;
}

type Item<Op extends OperationId> = ResponseBody<Op> extends { results?: (infer T)[] } ? T : never;

/** The native client of the Maia provisioning API (the Rust core's): Promises; lists are async iterators over every page. */
export declare class Client {
  constructor(options?: ClientOptions);
  call<Op extends OperationId>(operation: Op, body?: RequestBody<Op>, params?: RequestParams<Op>, options?: CallOptions): Promise<ResponseBody<Op>>;
  createProject(body: RequestBody<'createProject'>, options?: CallOptions): Promise<ResponseBody<'createProject'>>;
  createDataPlatformConnection(projectId: string, body: RequestBody<'createDataPlatformConnection'>, options?: CallOptions): Promise<ResponseBody<'createDataPlatformConnection'>>;
  createSecretValue(agentId: string, body: RequestBody<'createSecretValue'>, options?: CallOptions): Promise<ResponseBody<'createSecretValue'>>;
  createProjectConnection(projectId: string, body: RequestBody<'createProjectConnection'>, options?: CallOptions): Promise<ResponseBody<'createProjectConnection'>>;
  createEnvironment(projectId: string, body: RequestBody<'createEnvironment'>, options?: CallOptions): Promise<ResponseBody<'createEnvironment'>>;
  createRepository(projectId: string, body: RequestBody<'createRepository'>, gitProviderAccessToken?: string, options?: CallOptions): Promise<ResponseBody<'createRepository'>>;
  rotateRepositoryToken(projectId: string, gitProviderAccessToken: string, options?: CallOptions): Promise<ResponseBody<'rotateRepositoryToken'>>;
  listAgents(options?: CallOptions): AsyncIterableIterator<Item<'listAgents'>>;
  listProjects(options?: CallOptions): AsyncIterableIterator<Item<'listProjects'>>;
  listEnvironments(projectId: string, options?: CallOptions): AsyncIterableIterator<Item<'listEnvironments'>>;
  listProjectConnections(projectId: string, options?: CallOptions & { connectionNames?: string[] }): AsyncIterableIterator<Item<'listProjectConnections'>>;
  /** Drops the connection pool; later calls reject. */
  close(): void;
  readonly closed: boolean;
}
