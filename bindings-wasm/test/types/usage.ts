// Type-level use of the hand-written declarations, checked by `tsc --noEmit` (tsconfig.json).
// Lines marked @ts-expect-error must fail to type-check: the declarations reject them.
import {
  ApiError,
  buildRequest,
  combinations,
  fieldOptions,
  parseResponse,
  validate,
  ValidationError,
  VIOLATION_CODES,
  type OperationId,
  type RequestBody,
  type Violation,
  type ViolationCode,
} from '../../pkg-web/index.js';

const params = { projectId: '678d39a9-98e2-45e7-80db-3e90d0942eaf' };

const connection: RequestBody<'createProjectConnection'> = {
  name: 'aws-connection',
  platformConnectionType: 'CLOUD_PLATFORM_CREDENTIALS',
  authProvider: 'aws',
  authType: 'CLOUD_PROVIDER_SECRET',
  connectionDetails: { secretsLocation: { type: 'AWS_SECRET_MANAGER', region: 'eu-west-1' }, connectionProperties: { credentialSecretName: 'creds' } },
};
const violations: Violation[] = validate('createProjectConnection', connection, params);
const codes: ViolationCode[] = violations.map((v) => v.code);
const known: readonly ViolationCode[] = VIOLATION_CODES;

// @ts-expect-error a vault member of another variant
const wrongVault: RequestBody<'createProjectConnection'> = { ...connection, connectionDetails: { secretsLocation: { type: 'AWS_SECRET_MANAGER', vaultName: 'v' } } };
// @ts-expect-error not an operation
validate('createProjectConection', connection, params);
// @ts-expect-error createSecretValue needs agentId, not projectId
validate('createSecretValue', { name: 'n', type: 'DWH_PASSWORD', key: 'password', value: { password: 'p' } }, params);

const request = buildRequest('createProjectConnection', connection, params, { region: 'eu1', token: 't' });
const init: RequestInit = request; // usable unchanged with fetch
void fetch(request.url, request);
const printed: string = JSON.stringify(request.toJSON().headers);
// @ts-expect-error regions are eu1 and us1
buildRequest('createProjectConnection', connection, params, { region: 'eu2' });

const listed = parseResponse('listProjectConnections', 200, '{"results": []}', new Headers());
const firstName: string | undefined = listed.results[0]?.name;
const created = parseResponse('createProject', 201, new Uint8Array(), { 'content-type': 'application/json' });
const projectId: string | undefined = created.projectId;

try {
  buildRequest('createEnvironment', {} as RequestBody<'createEnvironment'>, params, { baseUrl: 'http://127.0.0.1:9' });
} catch (error) {
  if (error instanceof ValidationError) {
    const fields: string[] = error.violations.map((v) => v.pointer);
    const op: OperationId | null = error.operation;
  } else if (error instanceof ApiError) {
    const status: number = error.status;
    const retry: string | null = error.retryAfter;
  }
}

const options: Record<string, string[]> | undefined = fieldOptions().createProjectConnection;
const providers: string[] | null = combinations()[0]?.authProviders ?? null;

export { codes, known, wrongVault, init, printed, firstName, projectId, options, providers };
