// The public API of `maia-provision` (wrapper.js over the generated native index.js).
import type { OperationId, ProblemDetail, RequestBody, RequestParams, ResponseBody, Violation, ViolationCode } from './types';

export type * from './types';

/** An operation's descriptor. */
export interface OperationDescriptor {
  id: OperationId;
  method: 'GET' | 'POST';
  /** The path template, such as `/v1/projects/{projectId}/connections`. */
  path: string;
  pathParams: string[];
  queryParams: string[];
  headers: { name: string; rule: 'required' | 'requiredForGitlab'; secret: boolean }[];
  hasBody: boolean;
  summary: string;
}

/** Where requests go (`region` or `baseUrl`, exactly one) and the bearer token. */
export type RequestOptions =
  | { region: 'eu1' | 'us1'; baseUrl?: undefined; token?: string }
  | { baseUrl: string; region?: undefined; token?: string };

/**
 * A request ready for `fetch(request.url, request)`: the real header values and body.
 * `JSON.stringify(request)` and `util.inspect(request)` show secrets as `***`; `request.headers` is a
 * plain object of the real values (print the request, not its headers).
 */
export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body: string | null;
  /** The redacted form. */
  toJSON(): { method: 'GET' | 'POST'; url: string; headers: Record<string, string>; body: string | null };
}

/** The base of every error this package throws about a request or a response. */
export declare class MaiaError extends Error {
  /** `ERR_MAIA_INTERNAL`: a bug in the addon (a Rust panic), with the original error as `cause`. */
  readonly code: 'ERR_MAIA_VALIDATION' | 'ERR_MAIA_API' | 'ERR_MAIA_DECODE' | 'ERR_MAIA_INTERNAL';
}

/** A request with error-severity violations. */
export declare class ValidationError extends MaiaError {
  readonly name: 'ValidationError';
  readonly code: 'ERR_MAIA_VALIDATION';
  /** The operation, or null for `normalizePrivateKey`. */
  readonly operation: OperationId | null;
  /** Every violation, warnings included. */
  readonly violations: Violation[];
}

/** An error status from the API. */
export declare class ApiError extends MaiaError {
  readonly name: 'ApiError';
  readonly code: 'ERR_MAIA_API';
  readonly status: number;
  /** The decoded `application/problem+json` body, or null. */
  readonly problem: ProblemDetail | null;
  /** The server's violation messages. */
  readonly violations: string[];
  /** The raw body text. */
  readonly body: string;
  /** The `Retry-After` header, or null. */
  readonly retryAfter: string | null;
}

/** A success status whose body is not the operation's response. */
export declare class DecodeError extends MaiaError {
  readonly name: 'DecodeError';
  readonly code: 'ERR_MAIA_DECODE';
  readonly status: number;
  readonly body: string;
}

/**
 * The `TypeError`s this package throws carry one of these codes: an unknown operation id, an
 * option that cannot be used, or a value with no JSON form (NaN, BigInt, a function, a cycle, …).
 */
export type MaiaTypeErrorCode = 'ERR_MAIA_UNKNOWN_OPERATION' | 'ERR_MAIA_INVALID_OPTION' | 'ERR_MAIA_INVALID_INPUT';

/** Every violation code id, in the core's documentation order. */
export declare const VIOLATION_CODES: readonly ViolationCode[];

/** Every operation's descriptor. */
export declare function operations(): OperationDescriptor[];

/** `[params]`: optional for operations without required parameters, required for the others. */
export type ParamsArgument<Op extends OperationId> = undefined extends RequestParams<Op> ? [params?: RequestParams<Op>] : [params: RequestParams<Op>];

/** Every violation of a request (errors and warnings); empty when it is valid. Throws only a `TypeError` (unknown operation, a value with no JSON form). */
export declare function validate<Op extends OperationId>(operation: Op, body: RequestBody<Op>, ...params: ParamsArgument<Op>): Violation[];

/** The request to send; throws `ValidationError` when an error-severity violation exists. */
export declare function buildRequest<Op extends OperationId>(
  operation: Op,
  body: RequestBody<Op>,
  params: RequestParams<Op>,
  options: RequestOptions,
): HttpRequest;

/** A response body: a string, bytes, or nothing. */
export type ResponseBodyInput = string | Uint8Array | ArrayBuffer | null | undefined;
/** Response headers: a plain object, a `Headers`, a `Map` or `[name, value]` pairs. */
export type ResponseHeadersInput =
  | Record<string, string | string[] | number | undefined>
  | { forEach(callback: (value: string, name: string) => void): void }
  | Map<string, string>
  | [string, string][]
  | null
  | undefined;

/** The parsed success body; throws `ApiError` (error status) or `DecodeError` (a 2xx body that is not the operation's response). */
export declare function parseResponse<Op extends OperationId>(
  operation: Op,
  status: number,
  body: ResponseBodyInput,
  headers?: ResponseHeadersInput,
): ResponseBody<Op>;

/** Violations about a PEM private key (empty when it is fine). */
export declare function checkPrivateKey(text: string): Violation[];

/** A repaired PEM private key; throws `ValidationError` when it cannot be repaired. */
export declare function normalizePrivateKey(text: string): string;

/** Allowed values per operation and JSON pointer (`/*` lists allowed member names), for forms. */
export declare function fieldOptions(): Record<string, Record<string, string[]>>;

/** The combination table of project connections (`authProviders` null: any connector name except `NONE`). */
export declare function combinations(): { platformConnectionType: string; authProviders: string[] | null; authTypes: string[]; useFor: string }[];

/** The members each variant takes (vault types, clouds, Git providers, warehouse properties). */
export declare function variantMembers(): Record<string, unknown>;
