// Request and response types of the Maia provisioning API, per operation. Hand-written (the core
// is Rust), and kept honest by tests: every literal union below is compared with the core's own
// lists (`fieldOptions()`, `VIOLATION_CODES`) by the types tests of both packages
// (bindings-node/test/types.test.mjs, bindings-wasm/test/types.test.mjs), and every seed example
// in examples/requests must type-check against `RequestBody`/`RequestParams` (scripts/test-node).
// Shared by the Node and the browser packages, which copy it beside api.d.ts.

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

/** Every violation code (the core's `Code::ALL`). */
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

/** One problem found in a request. */
export interface Violation {
  /** Which part of the request. */
  location: 'body' | 'path' | 'header' | 'query';
  /** RFC 6901 JSON pointer inside that part (`/connectionDetails/secretsLocation/type`, `/projectId`). */
  pointer: string;
  /** The stable machine id. */
  code: ViolationCode;
  /** Only errors block `buildRequest`. */
  severity: 'error' | 'warning';
  /** One plain sentence naming the allowed values and the fix; never a secret's value. */
  message: string;
}

/** A value the server sent that the seeds do not list is kept as it came. */
type Open<Known extends string> = Known | (string & {});

// ---------------------------------------------------------------------------------------------
// Projects

/** The project's data warehouse. */
export type Warehouse = 'SNOWFLAKE' | 'REDSHIFT';
/** Where the project's agents run. */
export type AgentDeploymentType = 'HYBRID' | 'FULL_SAAS';

/** The body of `createProject`. */
export interface CreateProjectBody {
  name: string;
  description?: string;
  warehouse: Warehouse;
  agentDeploymentType: AgentDeploymentType;
}

/** The 201 response of `createProject`. */
export interface ProjectCreated {
  projectId?: string;
  [member: string]: unknown;
}

/** A project as listed by `listProjects`. */
export interface ProjectSummary {
  id?: string;
  name?: string;
  description?: string;
  [member: string]: unknown;
}

// ---------------------------------------------------------------------------------------------
// Default warehouse connection (the vendor documents these values in both cases)

/** The kind of a data-platform connection. */
export type DataPlatformConnectionType = 'dwh';
/** The warehouse of a data-platform connection. */
export type WarehouseProvider = 'snowflake' | 'redshift';
/** How the warehouse authenticates. */
export type WarehouseAuthType = 'key_pair' | 'password';

type AnyCase<T extends string> = T | Uppercase<T>;

/** The body of `createDataPlatformConnection`: Snowflake uses a key pair, Redshift a password. */
export type CreateDataPlatformConnectionBody = {
  name: string;
  platformConnectionType: AnyCase<DataPlatformConnectionType>;
} & (
  | { authProvider: AnyCase<'snowflake'>; authType: AnyCase<'key_pair'> }
  | { authProvider: AnyCase<'redshift'>; authType: AnyCase<'password'> }
);

// ---------------------------------------------------------------------------------------------
// Secret values

/** The cloud of a cloud-credentials secret. */
export type CloudProvider = 'aws' | 'azure' | 'gcp';

/** A warehouse password or private key (the flat body): the credential sits in `value[key]`. */
export interface WarehouseSecretBody {
  name: string;
  type: 'DWH_PASSWORD';
  key: string;
  value: Record<string, string>;
}

/** The credentials of one cloud. */
export type CloudCredentials =
  | { type: 'aws'; accessKeyID: string; secretKey: string }
  | { type: 'azure'; tenantID: string; clientID: string; secretKey: string }
  /** `serviceAccount` is the key file's JSON as one string (`JSON.stringify(key)`). */
  | { type: 'gcp'; serviceAccount: string };

/** Cloud credentials (the wrapped body). */
export interface CloudCredentialsSecretBody {
  secret: { name: string; type: 'CLOUD_PLATFORM_CREDENTIALS'; value: CloudCredentials };
}

/** The body of `createSecretValue`: flat for warehouse credentials, wrapped for cloud credentials. */
export type CreateSecretValueBody = WarehouseSecretBody | CloudCredentialsSecretBody;

/** The 201 response of `createSecretValue`. */
export interface SecretCreated {
  vaultSecretName?: string;
  resolver_ref?: string;
  [member: string]: unknown;
}

// ---------------------------------------------------------------------------------------------
// Project connections

/** The kind of project connection. */
export type PlatformConnectionType = 'COMPONENT_BASIC' | 'CLOUD_PLATFORM_CREDENTIALS';
/** The kind of secret a connection references. */
export type AuthType =
  | 'GENERIC_SECRET'
  | 'CLOUD_PROVIDER_SECRET'
  | 'OAUTH_USER_TOKENS'
  | 'OAUTH_AUTHORIZATION_CODE'
  | 'OAUTH_CLIENT_CRED'
  | 'COMPOSITE_TOKEN'
  | 'OAUTH_1_0_X_ADS';
/** The kind of vault that holds a connection's secrets. */
export type VaultType = 'AWS_SECRET_MANAGER' | 'AZURE_SECRET_MANAGER' | 'GCP_SECRET_MANAGER' | 'MATILLION_CUSTOMER_VAULT' | 'DEFAULT_SECRET_VAULT';

/** Where a connection's secrets live. `MAIA_CUSTOMER_VAULT` is accepted (with a warning) and sent as `MATILLION_CUSTOMER_VAULT`. */
export type VaultLocation =
  | { type: 'AWS_SECRET_MANAGER'; region?: string }
  | { type: 'AZURE_SECRET_MANAGER'; vaultName?: string }
  | { type: 'GCP_SECRET_MANAGER'; gcpProjectId?: string }
  | { type: 'MATILLION_CUSTOMER_VAULT' | 'MAIA_CUSTOMER_VAULT' }
  | { type: 'DEFAULT_SECRET_VAULT' };

/** The secret a `COMPONENT_BASIC` connection references. */
export interface ComponentConnectionProperties {
  secretName: string;
  secretKey?: string;
}

/** The secret a `CLOUD_PLATFORM_CREDENTIALS` connection references. */
export interface CloudConnectionProperties {
  credentialSecretName?: string;
}

interface ConnectionDetails<Properties> {
  description?: string;
  secretsLocation?: VaultLocation;
  connectionProperties?: Properties;
}

type ComponentConnection<Provider extends string, Auth extends AuthType> = {
  name: string;
  platformConnectionType: 'COMPONENT_BASIC';
  authProvider: Provider;
  authType: Auth;
  connectionDetails?: ConnectionDetails<ComponentConnectionProperties>;
};

/** The body of `createProjectConnection`: one row of the combination table per member of the union. */
export type CreateProjectConnectionBody =
  | ComponentConnection<'NONE', 'GENERIC_SECRET'>
  /** OAuth secrets stored for a named connector (`salesforce`, …; never `NONE`). */
  | ComponentConnection<string, 'OAUTH_CLIENT_CRED' | 'OAUTH_USER_TOKENS' | 'OAUTH_AUTHORIZATION_CODE'>
  | ComponentConnection<'netsuite', 'COMPOSITE_TOKEN'>
  | ComponentConnection<'x-ads', 'OAUTH_1_0_X_ADS'>
  | {
      name: string;
      platformConnectionType: 'CLOUD_PLATFORM_CREDENTIALS';
      authProvider: 'aws' | 'gcp' | 'azure';
      authType: 'CLOUD_PROVIDER_SECRET';
      connectionDetails?: ConnectionDetails<CloudConnectionProperties>;
    };

/** A project connection as the server returns it (the 201 of create, the items of the list). */
export interface ProjectConnection {
  id?: string;
  name?: string;
  platformConnectionType?: Open<PlatformConnectionType>;
  authProvider?: string;
  authType?: Open<AuthType>;
  createdBy?: string;
  /** As the server sent it, with or without a zone. */
  createdDate?: string;
  projectId?: string;
  connectionDetails?: {
    description?: string;
    secretsLocation?: { type?: Open<VaultType>; region?: string; vaultName?: string; gcpProjectId?: string; [member: string]: unknown };
    connectionProperties?: { secretName?: string; secretKey?: string; credentialSecretName?: string; [member: string]: unknown };
    [member: string]: unknown;
  };
  [member: string]: unknown;
}

// ---------------------------------------------------------------------------------------------
// Environments

/** The access level users get on the environment. */
export type UserAccessLevel = 'default' | 'admin' | 'runner' | 'readOnly' | 'noAccess';
/** The warehouses an environment's `DWH` entry may name. */
export type DwhProvider = 'snowflake' | 'redshift';
/** The clouds an environment's `CLOUD_PLATFORM` entry may name. */
export type CloudPlatform = 'aws' | 'azure' | 'gcp';

/** A literal property. */
export interface ValueProperty {
  value: string;
}
/** A property read from a vault secret (required for `privateKey`, `passphrase`, `password`). */
export interface SecretProperty {
  secretName: string;
  secretKey?: string;
}

/** Snowflake (key pair) override properties. */
export interface SnowflakeProperties {
  account: ValueProperty;
  username: ValueProperty;
  defaultRole?: ValueProperty;
  defaultWarehouse: ValueProperty;
  defaultDatabase: ValueProperty;
  defaultSchema?: ValueProperty;
  privateKey: SecretProperty;
  passphrase?: SecretProperty;
}

/** Redshift (password) override properties. */
export interface RedshiftProperties {
  url: ValueProperty;
  username: ValueProperty;
  port: ValueProperty;
  defaultDatabase: ValueProperty;
  useSsl?: ValueProperty;
  defaultSchema?: ValueProperty;
  defaultStorageLocation?: ValueProperty;
  password: SecretProperty;
}

/** The warehouse connection's properties in an environment. */
export interface ConnectionOverride {
  /** The name in `defaultConnections.DWH`. */
  connectionName: string;
  connectionProperties: SnowflakeProperties | RedshiftProperties;
}

/** The body of `createEnvironment`. */
export interface CreateEnvironmentBody {
  name: string;
  displayName?: string;
  description?: string;
  /** A lower-case UUID. */
  defaultAgentId: string;
  defaultUserAccessLevel: UserAccessLevel;
  defaultConnections: {
    DWH: { snowflake: string } | { redshift: string };
    CLOUD_PLATFORM?: { aws: string } | { azure: string } | { gcp: string };
  };
  /** One element, for the warehouse connection. */
  connectionOverrides: ConnectionOverride[];
}

/** An environment as listed by `listEnvironments`. */
export interface EnvironmentSummary {
  name?: string;
  defaultAgentId?: string;
  defaultAgentName?: string;
  [member: string]: unknown;
}

// ---------------------------------------------------------------------------------------------
// Repositories

/** A Git provider. */
export type GitProvider = 'github' | 'azure-devops' | 'gitlab';

/** The body of `createRepository` (GitLab also needs the `Git-Provider-Access-Token` parameter). */
export type CreateRepositoryBody = { repositoryName: string } & (
  | { provider: 'github'; providerParameters: { ownerName: string } }
  | { provider: 'azure-devops'; providerParameters: { organization: string; repositoryId: string; tenantId: string } }
  | { provider: 'gitlab'; providerParameters: { repositoryId: string } }
);

// ---------------------------------------------------------------------------------------------
// Agents and pages

/** An agent as listed by `listAgents`. */
export interface Agent {
  agentId?: string;
  name?: string;
  agentStatus?: string;
  agentType?: string;
  cloudProvider?: string;
  connected?: boolean;
  deployment?: string;
  description?: string;
  [member: string]: unknown;
}

/** A page of a list endpoint. */
export interface Page<Item> {
  results: Item[];
  page?: number;
  size?: number;
  total?: number;
  [member: string]: unknown;
}

/** The `{}` that most create endpoints answer (members kept if the server sends some). */
export type Created = Record<string, unknown>;

/** An RFC 9457 problem as the API sends it; unknown members are kept. */
export interface ProblemDetail {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  violations?: string[];
  [member: string]: unknown;
}

// ---------------------------------------------------------------------------------------------
// Per operation

type NoBody = null | undefined;
type NoParams = null | undefined | Record<string, never>;
type Paging = { page?: number | string; size?: number | string };
type ProjectPath = { projectId: string };

/** The request body of each operation (`null`/`undefined` for those without one). */
export interface RequestBodies {
  createProject: CreateProjectBody;
  createDataPlatformConnection: CreateDataPlatformConnectionBody;
  createSecretValue: CreateSecretValueBody;
  createProjectConnection: CreateProjectConnectionBody;
  createEnvironment: CreateEnvironmentBody;
  createRepository: CreateRepositoryBody;
  rotateRepositoryToken: NoBody;
  listAgents: NoBody;
  listProjects: NoBody;
  listEnvironments: NoBody;
  listProjectConnections: NoBody;
}

/** The parameters (path, query and header, by name) of each operation. */
export interface RequestParameters {
  createProject: NoParams;
  createDataPlatformConnection: ProjectPath;
  createSecretValue: { agentId: string };
  createProjectConnection: ProjectPath;
  createEnvironment: ProjectPath;
  /** `Git-Provider-Access-Token` is required for `gitlab` repositories. */
  createRepository: ProjectPath & { 'Git-Provider-Access-Token'?: string };
  rotateRepositoryToken: ProjectPath & { 'Git-Provider-Access-Token': string };
  listAgents: Paging | null | undefined;
  listProjects: Paging | null | undefined;
  listEnvironments: ProjectPath & Paging;
  listProjectConnections: ProjectPath & Paging;
}

/** The parsed success body of each operation. */
export interface ResponseBodies {
  createProject: ProjectCreated;
  createDataPlatformConnection: Created;
  createSecretValue: SecretCreated;
  createProjectConnection: ProjectConnection;
  createEnvironment: Created;
  createRepository: Created;
  rotateRepositoryToken: Created;
  listAgents: Page<Agent>;
  listProjects: Page<ProjectSummary>;
  listEnvironments: Page<EnvironmentSummary>;
  listProjectConnections: Page<ProjectConnection>;
}

/** The request body of operation `Op`. */
export type RequestBody<Op extends OperationId> = RequestBodies[Op];
/** The parameters of operation `Op`. */
export type RequestParams<Op extends OperationId> = RequestParameters[Op];
/** The parsed success body of operation `Op`. */
export type ResponseBody<Op extends OperationId> = ResponseBodies[Op];
