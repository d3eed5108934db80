// The types as an ES module sees them (the package's `import` condition), next to the CommonJS
// view that examples/provision.ts has.
import { ValidationError, VIOLATION_CODES, buildRequest, validate, type ViolationCode } from 'maia-provision';
import api from 'maia-provision';

const codes: readonly ViolationCode[] = VIOLATION_CODES;
const violations = validate('createProject', { name: 'p', warehouse: 'REDSHIFT', agentDeploymentType: 'FULL_SAAS' });
const request = buildRequest('listProjects', null, { size: 10 }, { region: 'us1' });
const same: typeof validate = api.validate;

export function isValidation(error: unknown): error is ValidationError {
  return error instanceof ValidationError;
}

export { codes, violations, request, same };
