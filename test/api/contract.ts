/**
 * The API's contract, checked on every response the tests receive through `caller`
 * (test/support/api-events.ts): the status is one the operation lists, the content type the one
 * that status declares, and the body valid against its schema in the compiled OpenAPI document.
 */

import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import compiledOpenApi from '../../functions/api/compiled-openapi.json' with { type: 'json' };
import { matchRoute } from '../../functions/api/routes.ts';

interface MediaType {
  readonly schema: { readonly $ref?: string };
}
interface Response {
  readonly $ref?: string;
  readonly content?: Readonly<Record<string, MediaType>>;
}
interface Document {
  readonly paths: Record<string, Record<string, { readonly operationId: string; readonly responses: Record<string, Response> }>>;
  readonly components: { readonly schemas: Record<string, unknown>; readonly responses: Record<string, Response> };
}

const DOCUMENT_ID = 'https://sla-escalator.dev/openapi.json';

/** What the router answers when no operation matches (404, 405). */
const problemOnly: Response = { content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };

/** The document and a validator that resolves its `#/components/...` references (built once per test file). */
export function contractOf(document: Document) {
  // Not strict: the schema added is the document's `components` object, which is no JSON Schema keyword.
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  ajv.addSchema({ $id: DOCUMENT_ID, components: document.components });
  const validators = new Map<string, ReturnType<typeof ajv.compile>>();
  const validatorOf = (ref: string) => {
    let validate = validators.get(ref);
    if (validate === undefined) {
      validate = ajv.compile({ $ref: `${DOCUMENT_ID}${ref}` });
      validators.set(ref, validate);
    }
    return validate;
  };
  const resolved = (response: Response): Response =>
    response.$ref === undefined ? response : (document.components.responses[response.$ref.split('/').at(-1) as string] as Response);

  /** Throws, saying what does not match, when a response breaks the contract. */
  return function assertMatches(method: string, path: string, status: number, headers: Record<string, string>, body: string | undefined) {
    const where = `${method} ${path} → ${status}`;
    const matched = matchRoute(method, path);
    // No operation (404 or 405 from the router): a problem, like every error.
    const responses: Record<string, Response> =
      matched !== undefined && 'route' in matched
        ? (document.paths[matched.route.path]?.[method.toLowerCase()]?.responses ?? {})
        : { '404': problemOnly, '405': problemOnly };
    const declared = responses[status];
    if (declared === undefined)
      throw new Error(`${where}: the document lists no ${status} (it lists ${Object.keys(responses).join(', ')})`);
    const { content } = resolved(declared);
    const type = headers['content-type'];
    if (content === undefined) {
      if (body !== undefined && body !== '') throw new Error(`${where}: the document declares no body, the response has one`);
      return;
    }
    // A parameter (`; charset=utf-8`) does not change the media type.
    const media = type === undefined ? undefined : content[type.split(';')[0]?.trim() ?? ''];
    if (media === undefined) throw new Error(`${where}: content type ${type} is not one of ${Object.keys(content).join(', ')}`);
    // A text body (an iCalendar file) is declared as a string, with no schema of its own to check.
    if (media.schema.$ref === undefined) {
      if (typeof body !== 'string' || body === '') throw new Error(`${where}: the ${type} body is empty`);
      return;
    }
    const validate = validatorOf(media.schema.$ref ?? '');
    if (!validate(JSON.parse(body ?? 'null'))) {
      throw new Error(`${where}: the body does not match ${media.schema.$ref}: ${ajvErrors(validate.errors)}`);
    }
  };
}

function ajvErrors(errors: readonly { instancePath: string; message?: string; params: unknown }[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`).join('; ');
}

let contract: ReturnType<typeof contractOf> | undefined;

/** The contract of the compiled document (the one the API serves). */
export function assertContract(method: string, path: string, status: number, headers: Record<string, string>, body: string | undefined) {
  contract ??= contractOf(JSON.parse(compiledOpenApi) as Document);
  contract(method, path, status, headers, body);
}
