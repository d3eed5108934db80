// Mistakes the types catch at compile time (tsc fails if any of these compiles cleanly).
import { buildRequest, parseResponse, validate, type RequestBody, type ResponseBody, type ViolationCode } from 'maia-provision';

const projectId = '678d39a9-98e2-45e7-80db-3e90d0942eaf';

// @ts-expect-error: an unknown operation id
validate('createProjct', {});

// @ts-expect-error: a warehouse the API does not have
validate('createProject', { name: 'p', warehouse: 'BIGQUERY', agentDeploymentType: 'HYBRID' });

// @ts-expect-error: not a row of the combination table (aws credentials with a generic secret)
validate('createProjectConnection', { name: 'c', platformConnectionType: 'CLOUD_PLATFORM_CREDENTIALS', authProvider: 'aws', authType: 'GENERIC_SECRET' }, { projectId });

// @ts-expect-error: a vault member of another variant
const vault: RequestBody<'createProjectConnection'> = { name: 'c', platformConnectionType: 'COMPONENT_BASIC', authProvider: 'NONE', authType: 'GENERIC_SECRET', connectionDetails: { secretsLocation: { type: 'AWS_SECRET_MANAGER', vaultName: 'v' } } };

// @ts-expect-error: createProjectConnection needs its projectId parameter
validate('createProjectConnection', { name: 'c', platformConnectionType: 'COMPONENT_BASIC', authProvider: 'NONE', authType: 'GENERIC_SECRET' });

// Operations without required parameters take none.
validate('listAgents', null);
validate('createProject', { name: 'p', warehouse: 'SNOWFLAKE', agentDeploymentType: 'HYBRID' });

// @ts-expect-error: the path parameter is missing
buildRequest('createEnvironment', null as unknown as RequestBody<'createEnvironment'>, {}, { region: 'eu1' });

// @ts-expect-error: rotateRepositoryToken needs the token header
buildRequest('rotateRepositoryToken', null, { projectId }, { region: 'eu1' });

// @ts-expect-error: region and baseUrl together
buildRequest('listAgents', null, null, { region: 'eu1', baseUrl: 'https://x.example' });

// @ts-expect-error: a region that does not exist
buildRequest('listAgents', null, null, { region: 'ap1' });

// @ts-expect-error: a sensitive environment property as a literal value
const property: RequestBody<'createEnvironment'>['connectionOverrides'][number]['connectionProperties'] = { url: { value: 'u' }, username: { value: 'u' }, port: { value: '5439' }, defaultDatabase: { value: 'dev' }, password: { value: 'hunter2' } };

// @ts-expect-error: not a violation code
const code: ViolationCode = 'not_a_code';

// The response type follows the operation.
const page: ResponseBody<'listAgents'> = parseResponse('listAgents', 200, '{"results":[]}');
const first: string | undefined = page.results[0]?.agentId;
// @ts-expect-error: a page of agents has no `projectId`
const wrong: string = parseResponse('createProject', 201, '{}').results;

export { vault, property, code, first, wrong };
