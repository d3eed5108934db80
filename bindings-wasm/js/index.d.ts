// Types of maia-provision's JS API (the wasm build; the same API as the Node binding).
// Hand-written: the enum unions below are checked against the core by test/types.test.mjs
// (every value of fieldOptions() must type-check, and nothing else), and ViolationCode and
// OperationId against VIOLATION_CODES and operations().

/** Every operation id. */
export type OperationId =
  | 'createProject'
  | 'createDataPlatformConnection'
  | 'createSecretValue'
  | 'createProjectConnection'
  | 'createEnvironment'
  | 'createRepository'
  | 'rotateRepositoryToken'
  | 'listAgents'
  | 'listProjects'
  | 'listEnvironments'
  | 'listProjectConnections';

/** Every violation code. */
export type ViolationCode =
  | 'json'
  | 'type'
  | 'required'
  | 'recommended'
  | 'min_length'
  | 'max_length'
  | 'enum'
  | 'alias'
  | 'pattern'
  | 'uuid_case'
  | 'range'
  | 'combination'
  | 'variant_field'
  | 'unknown_field'
  | 'ignored'
  | 'count'
  | 'reference'
  | 'key_mismatch'
  | 'property_kind'
  | 'property_shape'
  | 'not_string'
  | 'pem.literal_newline'
  | 'pem.one_line'
  | 'pem.no_armor'
  | 'pem.label_mismatch'
  | 'pem.invalid_base64'
  | 'pem.not_private_key'
  | 'pem.encrypted'
  | 'pem.placeholder'
  | 'pem.crlf'
  | 'pem.line_length'
  | 'pem.extra_text';

/** One problem of a request: where (location + RFC 6901 pointer), what (code), how bad, and why. */
export interface Violation {
  location: 'body' | 'path' | 'header' | 'query';
  pointer: string;
  code: ViolationCode;
  severity: 'error' | 'warning';
  message: string;
}

/** A header parameter of an operation. */
export interface HeaderParam {
  name: string;
  rule: 'required' | 'requiredForGitlab';
  secret: boolean;
}

/** What an operation is: method, path template and parameters. */
export interface OperationDescriptor {
  id: OperationId;
  method: 'GET' | 'POST';
  path: string;
  pathParams: string[];
  queryParams: string[];
  headers: HeaderParam[];
  hasBody: boolean;
  summary: string;
}

// ---- request bodies -------------------------------------------------------------------------

/** createProject. */
export interface CreateProjectBody {
  name: string;
  description?: string;
  warehouse: 'SNOWFLAKE' | 'REDSHIFT';
  agentDeploymentType: 'HYBRID' | 'FULL_SAAS';
}

/** createDataPlatformConnection (values in lower or upper case, as the vendor documents both). */
export type CreateDataPlatformConnectionBody =
  | { name: string; platformConnectionType: 'dwh' | 'DWH'; authProvider: 'snowflake' | 'SNOWFLAKE'; authType: 'key_pair' | 'KEY_PAIR' }
  | { name: string; platformConnectionType: 'dwh' | 'DWH'; authProvider: 'redshift' | 'REDSHIFT'; authType: 'password' | 'PASSWORD' };

/** createSecretValue, flat shape: a warehouse password or private key under `key`. */
export interface WarehouseSecretBody {
  name: string;
  type: 'DWH_PASSWORD';
  key: string;
  value: Record<string, string>;
}

/** The credentials of one cloud (createSecretValue, wrapped shape). */
export type CloudCredentials =
  | { type: 'aws'; accessKeyID: string; secretKey: string }
  | { type: 'azure'; tenantID: string; clientID: string; secretKey: string }
  | { type: 'gcp'; serviceAccount: string };

/** createSecretValue, wrapped shape: cloud credentials. */
export interface CloudCredentialsSecretBody {
  secret: { name: string; type: 'CLOUD_PLATFORM_CREDENTIALS'; value: CloudCredentials };
}

/** createSecretValue. */
export type CreateSecretValueBody = WarehouseSecretBody | CloudCredentialsSecretBody;

/** Where a connection's secrets live. */
export type SecretsLocation =
  | { type: 'AWS_SECRET_MANAGER'; region?: string }
  | { type: 'AZURE_SECRET_MANAGER'; vaultName?: string }
  | { type: 'GCP_SECRET_MANAGER'; gcpProjectId?: string }
  | { type: 'MATILLION_CUSTOMER_VAULT' }
  | { type: 'DEFAULT_SECRET_VAULT' };

/** The kinds of secret a connection can reference. */
export type AuthType =
  | 'GENERIC_SECRET'
  | 'CLOUD_PROVIDER_SECRET'
  | 'OAUTH_USER_TOKENS'
  | 'OAUTH_AUTHORIZATION_CODE'
  | 'OAUTH_CLIENT_CRED'
  | 'COMPOSITE_TOKEN'
  | 'OAUTH_1_0_X_ADS';

/** createProjectConnection (the combination of type, provider and authType is checked at run time). */
export type CreateProjectConnectionBody =
  | {
      name: string;
      platformConnectionType: 'COMPONENT_BASIC';
      authProvider: string;
      authType: AuthType;
      connectionDetails?: {
        description?: string;
        secretsLocation?: SecretsLocation;
        connectionProperties?: { secretName: string; secretKey?: string };
      };
    }
  | {
      name: string;
      platformConnectionType: 'CLOUD_PLATFORM_CREDENTIALS';
      authProvider: 'aws' | 'gcp' | 'azure';
      authType: 'CLOUD_PROVIDER_SECRET';
      connectionDetails?: {
        description?: string;
        secretsLocation?: SecretsLocation;
        connectionProperties?: { credentialSecretName?: string };
      };
    };

/** An environment override property: a literal value or a vault secret reference. */
export type PropertyValue = { value: string } | { secretName: string; secretKey?: string };

/** createEnvironment. */
export interface CreateEnvironmentBody {
  name: string;
  displayName?: string;
  description?: string;
  defaultAgentId: string;
  defaultUserAccessLevel: 'default' | 'admin' | 'runner' | 'readOnly' | 'noAccess';
  defaultConnections: {
    DWH: { snowflake: string } | { redshift: string };
    CLOUD_PLATFORM?: { aws: string } | { azure: string } | { gcp: string };
  };
  connectionOverrides: Array<{ connectionName: string; connectionProperties: Record<string, PropertyValue> }>;
}

/** createRepository. */
export type CreateRepositoryBody =
  | { provider: 'github'; providerParameters: { ownerName: string }; repositoryName: string }
  | { provider: 'azure-devops'; providerParameters: { organization: string; repositoryId: string; tenantId: string }; repositoryName: string }
  | { provider: 'gitlab'; providerParameters: { repositoryId: string | number }; repositoryName: string };

/** The request body of each operation (`null`/omitted for operations without one). */
export interface RequestBodies {
  createProject: CreateProjectBody;
  createDataPlatformConnection: CreateDataPlatformConnectionBody;
  createSecretValue: CreateSecretValueBody;
  createProjectConnection: CreateProjectConnectionBody;
  createEnvironment: CreateEnvironmentBody;
  createRepository: CreateRepositoryBody;
  rotateRepositoryToken: null | undefined;
  listAgents: null | undefined;
  listProjects: null | undefined;
  listEnvironments: null | undefined;
  listProjectConnections: null | undefined;
}
export type RequestBody<Op extends OperationId> = RequestBodies[Op];

/** Paging of the list operations. */
export interface PageParams {
  page?: number;
  size?: number;
}

/** Path parameters, query parameters and headers of each operation, by name. */
export interface RequestParamsMap {
  createProject: Record<string, never> | null | undefined;
  createDataPlatformConnection: { projectId: string };
  createSecretValue: { agentId: string };
  createProjectConnection: { projectId: string };
  createEnvironment: { projectId: string };
  createRepository: { projectId: string; 'Git-Provider-Access-Token'?: string };
  rotateRepositoryToken: { projectId: string; 'Git-Provider-Access-Token': string };
  listAgents: PageParams | null | undefined;
  listProjects: PageParams | null | undefined;
  listEnvironments: { projectId: string } & PageParams;
  listProjectConnections: { projectId: string } & PageParams;
}
export type RequestParams<Op extends OperationId> = RequestParamsMap[Op];

// ---- responses ----------------------------------------------------------------------------------

/** Members the API documents are typed; anything else the server sends is kept. */
type Open<T> = T & { [member: string]: unknown };

export type ProjectConnection = Open<{
  id?: string;
  name?: string;
  platformConnectionType?: string;
  authProvider?: string;
  authType?: string;
  createdBy?: string;
  createdDate?: string;
  projectId?: string;
  connectionDetails?: Open<{
    description?: string;
    secretsLocation?: Open<{ type?: string; region?: string; vaultName?: string; gcpProjectId?: string }>;
    connectionProperties?: Open<{ secretName?: string; secretKey?: string; credentialSecretName?: string }>;
  }>;
}>;

export type Page<T> = Open<{ results: T[]; page?: number; size?: number; total?: number }>;
export type Agent = Open<{
  agentId?: string;
  name?: string;
  agentStatus?: string;
  agentType?: string;
  cloudProvider?: string;
  connected?: boolean;
  deployment?: string;
  description?: string;
}>;
export type ProjectSummary = Open<{ id?: string; name?: string; description?: string }>;
export type EnvironmentSummary = Open<{ name?: string; defaultAgentId?: string; defaultAgentName?: string }>;

/** The parsed success body of each operation. */
export interface ResponseBodies {
  createProject: Open<{ projectId?: string }>;
  createDataPlatformConnection: Open<{}>;
  createSecretValue: Open<{ vaultSecretName?: string; resolver_ref?: string }>;
  createProjectConnection: ProjectConnection;
  createEnvironment: Open<{}>;
  createRepository: Open<{}>;
  rotateRepositoryToken: Open<{}>;
  listAgents: Page<Agent>;
  listProjects: Page<ProjectSummary>;
  listEnvironments: Page<EnvironmentSummary>;
  listProjectConnections: Page<ProjectConnection>;
}
export type ResponseBody<Op extends OperationId> = ResponseBodies[Op];

/** An RFC 9457 problem detail as the API sends it (members it adds are kept). */
export type ProblemDetail = Open<{
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  violations?: string[];
}>;

// ---- functions --------------------------------------------------------------------------------

/** Where to send a request and how to authenticate: exactly one of `region` and `baseUrl`. */
export interface BuildOptions {
  region?: 'eu1' | 'us1';
  baseUrl?: string;
  /** An access token, sent as `Authorization: Bearer <token>`; redacted in every printable form. */
  token?: string;
}

/** The redacted, printable form of a request (secrets as `***`). */
export interface RedactedRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body: string | null;
}

/**
 * A request ready to send: `fetch(request.url, request)`. Headers hold the real values;
 * `JSON.stringify(request)` and Node's `util.inspect` give the redacted form.
 */
export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body: string | null;
  /** The redacted form (non-enumerable). */
  toJSON(): RedactedRequest;
}

/** Every operation's descriptor. */
export function operations(): OperationDescriptor[];

/** Every violation of a request, errors and warnings; empty when valid. Throws only for an unknown operation or input that is not JSON. */
export function validate<Op extends OperationId>(operation: Op, body: RequestBody<Op>, params?: RequestParams<Op>): Violation[];

/** The request to send; throws `ValidationError` when any error-severity violation exists, a `TypeError` (`ERR_MAIA_INVALID_OPTION`) for bad options. */
export function buildRequest<Op extends OperationId>(operation: Op, body: RequestBody<Op>, params?: RequestParams<Op>, options?: BuildOptions): HttpRequest;

/** Response headers: a plain object, a `Headers` (from `fetch`), a `Map` or `[name, value]` pairs. */
export type ResponseHeaders = Record<string, string | number | string[] | undefined> | Headers | Map<string, string> | Array<[string, string]>;

/** The parsed success body; throws `ApiError` for an error status and `DecodeError` for a 2xx body that is not the operation's response. */
export function parseResponse<Op extends OperationId>(
  operation: Op,
  status: number,
  body: string | Uint8Array | ArrayBuffer | null | undefined,
  headers?: ResponseHeaders,
): ResponseBody<Op>;

/** Violations about a PEM private key (empty when it is fine). */
export function checkPrivateKey(text: string): Violation[];

/** A repaired PEM private key (real newlines, 64 columns, final newline); throws `ValidationError` when it cannot be repaired. */
export function normalizePrivateKey(text: string): string;

/** Every violation code id, in documentation order. */
export const VIOLATION_CODES: readonly ViolationCode[];

/** Allowed values per operation and JSON pointer; a pointer ending in `/*` lists allowed member names. */
export function fieldOptions(): { [Op in OperationId]?: Record<string, string[]> };

/** A row of the project-connection combination table; `authProviders: null` means any connector name except `NONE`. */
export interface CombinationRow {
  platformConnectionType: string;
  authProviders: string[] | null;
  authTypes: string[];
  useFor: string;
}

/** The combination table of platformConnectionType, authProvider and authType. */
export function combinations(): CombinationRow[];

/** An environment override property of a warehouse. */
export interface PropertySpec {
  name: string;
  kind: 'value' | 'secret';
  required: boolean;
}

/** The members each variant takes. */
export function variantMembers(): {
  secretsLocation: Record<string, string[]>;
  cloudCredentials: Record<string, string[]>;
  providerParameters: Record<string, string[]>;
  environmentProperties: Record<string, PropertySpec[]>;
};

// ---- errors -----------------------------------------------------------------------------------

/** The base of the errors about a request or a response. */
export class MaiaError extends Error {
  readonly code: string;
}

/** A request with error-severity violations. */
export class ValidationError extends MaiaError {
  readonly name: 'ValidationError';
  readonly code: 'ERR_MAIA_VALIDATION';
  /** Every violation (errors and warnings). */
  readonly violations: Violation[];
  /** The operation id (null for `normalizePrivateKey`). */
  readonly operation: OperationId | null;
}

/** An error status from the API. */
export class ApiError extends MaiaError {
  readonly name: 'ApiError';
  readonly code: 'ERR_MAIA_API';
  readonly status: number;
  readonly problem: ProblemDetail | null;
  /** The server's violation messages. */
  readonly violations: string[];
  /** The raw body text. */
  readonly body: string;
  readonly retryAfter: string | null;
}

/** A success status whose body is not the operation's response. */
export class DecodeError extends MaiaError {
  readonly name: 'DecodeError';
  readonly code: 'ERR_MAIA_DECODE';
  readonly status: number;
  readonly body: string;
}

/** The `code` of the `TypeError`s thrown for unusable arguments. */
export type ArgumentErrorCode = 'ERR_MAIA_UNKNOWN_OPERATION' | 'ERR_MAIA_INVALID_OPTION' | 'ERR_MAIA_INVALID_INPUT';

/** @internal Traps inside wasm on purpose, for this package's tests: throws `MaiaError` `ERR_MAIA_INTERNAL` and leaves a fresh instance. */
export function __selfTestTrap(): never;
