// A typed provisioning script: validate, build, send with fetch, parse; every body is checked
// against its operation's type by tsc (scripts/test-node runs `tsc -p .` over this file).
//
//   MAIA_TOKEN=… MAIA_PROJECT_ID=… npx tsx examples/provision.ts   (or node >= 22.6 --experimental-strip-types)
import { ApiError, ValidationError, buildRequest, parseResponse, validate, type RequestBody, type Violation } from 'maia-provision';

const projectId = process.env.MAIA_PROJECT_ID ?? '678d39a9-98e2-45e7-80db-3e90d0942eaf';

const connection: RequestBody<'createProjectConnection'> = {
  name: 'aws-connection',
  platformConnectionType: 'CLOUD_PLATFORM_CREDENTIALS',
  authProvider: 'aws',
  authType: 'CLOUD_PROVIDER_SECRET',
  connectionDetails: {
    description: 'AWS cloud credential',
    secretsLocation: { type: 'AWS_SECRET_MANAGER', region: 'eu-west-1' },
    connectionProperties: { credentialSecretName: 'aws-platform-credentials' },
  },
};

function report(violations: Violation[]): void {
  for (const v of violations) console.log(`${v.severity} ${v.location}${v.pointer || '/'} [${v.code}] ${v.message}`);
}

export async function createConnection(token: string): Promise<string | undefined> {
  report(validate('createProjectConnection', connection, { projectId }));
  try {
    const request = buildRequest('createProjectConnection', connection, { projectId }, { region: 'eu1', token });
    console.log(request); // printed with the token as ***
    const response = await fetch(request.url, request);
    const created = parseResponse('createProjectConnection', response.status, await response.text(), response.headers);
    return created.id;
  } catch (error) {
    if (error instanceof ValidationError) report(error.violations);
    else if (error instanceof ApiError) console.error(error.status, error.problem?.detail ?? error.body, error.violations);
    else throw error;
    return undefined;
  }
}

export async function listAllAgents(token: string): Promise<string[]> {
  const names: string[] = [];
  for (let page = 0; ; page++) {
    const request = buildRequest('listAgents', null, { page, size: 100 }, { region: 'eu1', token });
    const response = await fetch(request.url, request);
    const agents = parseResponse('listAgents', response.status, await response.text(), response.headers);
    names.push(...agents.results.map((agent) => agent.name ?? agent.agentId ?? '?'));
    if (agents.results.length < 100) return names;
  }
}

if (process.env.MAIA_TOKEN) {
  void createConnection(process.env.MAIA_TOKEN).then((id) => console.log('created', id));
}
