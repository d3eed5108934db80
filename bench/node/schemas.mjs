// The peers' view of the same rules, for the benchmark only: JSON Schema 2020-12 (ajv) and zod 4
// schemas for each request body and its parameters, written from the seeds as a careful user of
// those libraries would (required members, enums, UUID patterns, no unknown members, the
// connection combination table, vault/cloud/provider variants, warehouse properties, PEM shape).
// They are not the product's rules (those live in the core); they exist so that the comparison
// is like for like.
import { z } from 'zod';

const UUID = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
const PEM = '^-----BEGIN ([A-Z ]*)PRIVATE KEY-----\\n(?:[A-Za-z0-9+/=]{1,64}\\n)+-----END \\1PRIVATE KEY-----\\n?$';
const text = { type: 'string', minLength: 1 };
const strict = (properties, required = []) => ({ type: 'object', properties, required, additionalProperties: false });
const projectPath = strict({ projectId: { type: 'string', pattern: UUID } }, ['projectId']);
const paging = { page: { type: ['integer', 'string'], minimum: 0 }, size: { type: ['integer', 'string'], minimum: 1, maximum: 100 } };

const vault = {
  type: 'object',
  required: ['type'],
  oneOf: [
    strict({ type: { const: 'AWS_SECRET_MANAGER' }, region: text }),
    strict({ type: { const: 'AZURE_SECRET_MANAGER' }, vaultName: text }),
    strict({ type: { const: 'GCP_SECRET_MANAGER' }, gcpProjectId: text }),
    strict({ type: { enum: ['MATILLION_CUSTOMER_VAULT', 'MAIA_CUSTOMER_VAULT'] } }),
    strict({ type: { const: 'DEFAULT_SECRET_VAULT' } }),
  ],
};
const valueProperty = strict({ value: { type: 'string' } }, ['value']);
const secretProperty = strict({ secretName: text, secretKey: text }, ['secretName']);
const warehouseProperties = (values, secrets, required) =>
  strict(Object.fromEntries([...values.map((name) => [name, valueProperty]), ...secrets.map((name) => [name, secretProperty])]), required);
const snowflake = warehouseProperties(['account', 'username', 'defaultRole', 'defaultWarehouse', 'defaultDatabase', 'defaultSchema'], ['privateKey', 'passphrase'], ['account', 'username', 'privateKey']);
const redshift = warehouseProperties(['url', 'username', 'port', 'defaultDatabase', 'useSsl', 'defaultSchema', 'defaultStorageLocation'], ['password'], ['url', 'username', 'port', 'password']);
const overrides = (properties) => ({ type: 'array', minItems: 1, items: strict({ connectionName: text, connectionProperties: properties }, ['connectionName', 'connectionProperties']) });

/** JSON Schema 2020-12, per operation: `{body, params}`. */
export const jsonSchemas = {
  createProject: {
    body: strict({ name: text, description: { type: 'string' }, warehouse: { enum: ['SNOWFLAKE', 'REDSHIFT'] }, agentDeploymentType: { enum: ['HYBRID', 'FULL_SAAS'] } }, ['name', 'warehouse', 'agentDeploymentType']),
    params: { type: ['object', 'null'], maxProperties: 0 },
  },
  createDataPlatformConnection: {
    body: {
      ...strict({ name: text, platformConnectionType: { enum: ['dwh', 'DWH'] }, authProvider: { enum: ['snowflake', 'SNOWFLAKE', 'redshift', 'REDSHIFT'] }, authType: { enum: ['key_pair', 'KEY_PAIR', 'password', 'PASSWORD'] } }, ['name', 'platformConnectionType', 'authProvider', 'authType']),
      anyOf: [
        { properties: { authProvider: { enum: ['snowflake', 'SNOWFLAKE'] }, authType: { enum: ['key_pair', 'KEY_PAIR'] } } },
        { properties: { authProvider: { enum: ['redshift', 'REDSHIFT'] }, authType: { enum: ['password', 'PASSWORD'] } } },
      ],
    },
    params: projectPath,
  },
  createSecretValue: {
    body: {
      type: 'object',
      if: { required: ['secret'] },
      then: strict(
        {
          secret: strict(
            {
              name: text,
              type: { const: 'CLOUD_PLATFORM_CREDENTIALS' },
              value: {
                type: 'object',
                required: ['type'],
                oneOf: [
                  strict({ type: { const: 'aws' }, accessKeyID: text, secretKey: text }, ['type', 'accessKeyID', 'secretKey']),
                  strict({ type: { const: 'azure' }, tenantID: text, clientID: text, secretKey: text }, ['type', 'tenantID', 'clientID', 'secretKey']),
                  strict({ type: { const: 'gcp' }, serviceAccount: text }, ['type', 'serviceAccount']),
                ],
              },
            },
            ['name', 'type', 'value'],
          ),
        },
        ['secret'],
      ),
      else: strict(
        {
          name: text,
          type: { const: 'DWH_PASSWORD' },
          key: text,
          value: { type: 'object', minProperties: 1, additionalProperties: { ...text, if: { pattern: 'PRIVATE KEY' }, then: { pattern: PEM } } },
        },
        ['name', 'type', 'key', 'value'],
      ),
    },
    params: strict({ agentId: { type: 'string', pattern: UUID } }, ['agentId']),
  },
  createProjectConnection: {
    body: {
      ...strict(
        {
          name: text,
          platformConnectionType: { enum: ['COMPONENT_BASIC', 'CLOUD_PLATFORM_CREDENTIALS'] },
          authProvider: text,
          authType: { enum: ['GENERIC_SECRET', 'CLOUD_PROVIDER_SECRET', 'OAUTH_USER_TOKENS', 'OAUTH_AUTHORIZATION_CODE', 'OAUTH_CLIENT_CRED', 'COMPOSITE_TOKEN', 'OAUTH_1_0_X_ADS'] },
          connectionDetails: strict({ description: { type: 'string' }, secretsLocation: vault, connectionProperties: { type: 'object' } }),
        },
        ['name', 'platformConnectionType', 'authProvider', 'authType'],
      ),
      oneOf: [
        { properties: { platformConnectionType: { const: 'COMPONENT_BASIC' }, authProvider: { const: 'NONE' }, authType: { const: 'GENERIC_SECRET' } } },
        { properties: { platformConnectionType: { const: 'COMPONENT_BASIC' }, authProvider: { not: { enum: ['NONE'] } }, authType: { enum: ['OAUTH_CLIENT_CRED', 'OAUTH_USER_TOKENS', 'OAUTH_AUTHORIZATION_CODE'] } } },
        { properties: { platformConnectionType: { const: 'COMPONENT_BASIC' }, authProvider: { const: 'netsuite' }, authType: { const: 'COMPOSITE_TOKEN' } } },
        { properties: { platformConnectionType: { const: 'COMPONENT_BASIC' }, authProvider: { const: 'x-ads' }, authType: { const: 'OAUTH_1_0_X_ADS' } } },
        { properties: { platformConnectionType: { const: 'CLOUD_PLATFORM_CREDENTIALS' }, authProvider: { enum: ['aws', 'gcp', 'azure'] }, authType: { const: 'CLOUD_PROVIDER_SECRET' } } },
      ],
      if: { properties: { platformConnectionType: { const: 'CLOUD_PLATFORM_CREDENTIALS' } } },
      then: { properties: { connectionDetails: { properties: { connectionProperties: strict({ credentialSecretName: text }) } } } },
      else: { properties: { connectionDetails: { properties: { connectionProperties: strict({ secretName: text, secretKey: text }, ['secretName']) } } } },
    },
    params: projectPath,
  },
  createEnvironment: {
    body: {
      ...strict(
        {
          name: text,
          displayName: { type: 'string' },
          description: { type: 'string' },
          defaultAgentId: { type: 'string', pattern: UUID },
          defaultUserAccessLevel: { enum: ['default', 'admin', 'runner', 'readOnly', 'noAccess'] },
          defaultConnections: strict(
            {
              DWH: { type: 'object', minProperties: 1, maxProperties: 1, propertyNames: { enum: ['snowflake', 'redshift'] }, additionalProperties: text },
              CLOUD_PLATFORM: { type: 'object', maxProperties: 1, propertyNames: { enum: ['aws', 'azure', 'gcp'] }, additionalProperties: text },
            },
            ['DWH'],
          ),
          connectionOverrides: { type: 'array', minItems: 1 },
        },
        ['name', 'defaultAgentId', 'defaultUserAccessLevel', 'defaultConnections', 'connectionOverrides'],
      ),
      if: { properties: { defaultConnections: { properties: { DWH: { required: ['snowflake'] } } } } },
      then: { properties: { connectionOverrides: overrides(snowflake) } },
      else: { properties: { connectionOverrides: overrides(redshift) } },
    },
    params: projectPath,
  },
  createRepository: {
    body: {
      type: 'object',
      required: ['provider', 'providerParameters', 'repositoryName'],
      properties: { repositoryName: { type: 'string', minLength: 1, maxLength: 255 }, provider: { enum: ['github', 'azure-devops', 'gitlab'] } },
      oneOf: [
        strict({ provider: { const: 'github' }, repositoryName: {}, providerParameters: strict({ ownerName: text }, ['ownerName']) }),
        strict({ provider: { const: 'azure-devops' }, repositoryName: {}, providerParameters: strict({ organization: text, repositoryId: { type: 'string', format: 'uuid' }, tenantId: { type: 'string', format: 'uuid' } }, ['organization', 'repositoryId', 'tenantId']) }),
        strict({ provider: { const: 'gitlab' }, repositoryName: {}, providerParameters: strict({ repositoryId: { type: ['string', 'integer'], minLength: 1 } }, ['repositoryId']) }),
      ],
    },
    params: strict({ projectId: { type: 'string', pattern: UUID }, 'Git-Provider-Access-Token': { type: 'string', minLength: 1, pattern: '^[\\x21-\\x7e]+$' } }, ['projectId']),
  },
  rotateRepositoryToken: {
    body: { type: 'null' },
    params: strict({ projectId: { type: 'string', pattern: UUID }, 'Git-Provider-Access-Token': { type: 'string', minLength: 1, pattern: '^[\\x21-\\x7e]+$' } }, ['projectId', 'Git-Provider-Access-Token']),
  },
};

// --- zod 4 ---------------------------------------------------------------------------------------

const uuid = z.string().regex(new RegExp(UUID));
const nonEmpty = z.string().min(1);
const zVault = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('AWS_SECRET_MANAGER'), region: nonEmpty.optional() }),
  z.strictObject({ type: z.literal('AZURE_SECRET_MANAGER'), vaultName: nonEmpty.optional() }),
  z.strictObject({ type: z.literal('GCP_SECRET_MANAGER'), gcpProjectId: nonEmpty.optional() }),
  z.strictObject({ type: z.enum(['MATILLION_CUSTOMER_VAULT', 'MAIA_CUSTOMER_VAULT']) }),
  z.strictObject({ type: z.literal('DEFAULT_SECRET_VAULT') }),
]);
const componentDetails = z.strictObject({ description: z.string().optional(), secretsLocation: zVault.optional(), connectionProperties: z.strictObject({ secretName: nonEmpty, secretKey: nonEmpty.optional() }).optional() });
const cloudDetails = z.strictObject({ description: z.string().optional(), secretsLocation: zVault.optional(), connectionProperties: z.strictObject({ credentialSecretName: nonEmpty.optional() }).optional() });
const component = (provider, authType) => z.strictObject({ name: nonEmpty, platformConnectionType: z.literal('COMPONENT_BASIC'), authProvider: provider, authType, connectionDetails: componentDetails.optional() });
const zValue = z.strictObject({ value: z.string() });
const zSecret = z.strictObject({ secretName: nonEmpty, secretKey: nonEmpty.optional() });
const zSnowflake = z.strictObject({ account: zValue, username: zValue, defaultRole: zValue.optional(), defaultWarehouse: zValue.optional(), defaultDatabase: zValue.optional(), defaultSchema: zValue.optional(), privateKey: zSecret, passphrase: zSecret.optional() });
const zRedshift = z.strictObject({ url: zValue, username: zValue, port: zValue, defaultDatabase: zValue.optional(), useSsl: zValue.optional(), defaultSchema: zValue.optional(), defaultStorageLocation: zValue.optional(), password: zSecret });
const environment = (dwh, properties) =>
  z.strictObject({
    name: nonEmpty,
    displayName: z.string().optional(),
    description: z.string().optional(),
    defaultAgentId: uuid,
    defaultUserAccessLevel: z.enum(['default', 'admin', 'runner', 'readOnly', 'noAccess']),
    defaultConnections: z.strictObject({
      DWH: z.strictObject({ [dwh]: nonEmpty }),
      CLOUD_PLATFORM: z.union([z.strictObject({ aws: nonEmpty }), z.strictObject({ azure: nonEmpty }), z.strictObject({ gcp: nonEmpty })]).optional(),
    }),
    connectionOverrides: z.array(z.strictObject({ connectionName: nonEmpty, connectionProperties: properties })).min(1),
  });
const pem = new RegExp(PEM);
const credential = nonEmpty.refine((value) => !value.includes('PRIVATE KEY') || pem.test(value), 'not a PEM private key');
const token = z.string().min(1).regex(/^[\x21-\x7e]+$/);
const zProjectPath = z.strictObject({ projectId: uuid });

/** zod 4 schemas, per operation: `{body, params}`. */
export const zodSchemas = {
  createProject: {
    body: z.strictObject({ name: nonEmpty, description: z.string().optional(), warehouse: z.enum(['SNOWFLAKE', 'REDSHIFT']), agentDeploymentType: z.enum(['HYBRID', 'FULL_SAAS']) }),
    params: z.strictObject({}).nullable(),
  },
  createDataPlatformConnection: {
    body: z.union([
      z.strictObject({ name: nonEmpty, platformConnectionType: z.enum(['dwh', 'DWH']), authProvider: z.enum(['snowflake', 'SNOWFLAKE']), authType: z.enum(['key_pair', 'KEY_PAIR']) }),
      z.strictObject({ name: nonEmpty, platformConnectionType: z.enum(['dwh', 'DWH']), authProvider: z.enum(['redshift', 'REDSHIFT']), authType: z.enum(['password', 'PASSWORD']) }),
    ]),
    params: zProjectPath,
  },
  createSecretValue: {
    body: z.union([
      z.strictObject({
        secret: z.strictObject({
          name: nonEmpty,
          type: z.literal('CLOUD_PLATFORM_CREDENTIALS'),
          value: z.discriminatedUnion('type', [
            z.strictObject({ type: z.literal('aws'), accessKeyID: nonEmpty, secretKey: nonEmpty }),
            z.strictObject({ type: z.literal('azure'), tenantID: nonEmpty, clientID: nonEmpty, secretKey: nonEmpty }),
            z.strictObject({ type: z.literal('gcp'), serviceAccount: nonEmpty }),
          ]),
        }),
      }),
      z.strictObject({ name: nonEmpty, type: z.literal('DWH_PASSWORD'), key: nonEmpty, value: z.record(z.string(), credential) }),
    ]),
    params: z.strictObject({ agentId: uuid }),
  },
  createProjectConnection: {
    body: z.union([
      component(z.literal('NONE'), z.literal('GENERIC_SECRET')),
      component(nonEmpty.refine((provider) => provider !== 'NONE'), z.enum(['OAUTH_CLIENT_CRED', 'OAUTH_USER_TOKENS', 'OAUTH_AUTHORIZATION_CODE'])),
      component(z.literal('netsuite'), z.literal('COMPOSITE_TOKEN')),
      component(z.literal('x-ads'), z.literal('OAUTH_1_0_X_ADS')),
      z.strictObject({ name: nonEmpty, platformConnectionType: z.literal('CLOUD_PLATFORM_CREDENTIALS'), authProvider: z.enum(['aws', 'gcp', 'azure']), authType: z.literal('CLOUD_PROVIDER_SECRET'), connectionDetails: cloudDetails.optional() }),
    ]),
    params: zProjectPath,
  },
  createEnvironment: { body: z.union([environment('snowflake', zSnowflake), environment('redshift', zRedshift)]), params: zProjectPath },
  createRepository: {
    body: z.discriminatedUnion('provider', [
      z.strictObject({ provider: z.literal('github'), repositoryName: z.string().min(1).max(255), providerParameters: z.strictObject({ ownerName: nonEmpty }) }),
      z.strictObject({ provider: z.literal('azure-devops'), repositoryName: z.string().min(1).max(255), providerParameters: z.strictObject({ organization: nonEmpty, repositoryId: z.uuid(), tenantId: z.uuid() }) }),
      z.strictObject({ provider: z.literal('gitlab'), repositoryName: z.string().min(1).max(255), providerParameters: z.strictObject({ repositoryId: z.union([nonEmpty, z.number().int()]) }) }),
    ]),
    params: z.strictObject({ projectId: uuid, 'Git-Provider-Access-Token': token.optional() }),
  },
  rotateRepositoryToken: { body: z.null().optional(), params: z.strictObject({ projectId: uuid, 'Git-Provider-Access-Token': token }) },
};
