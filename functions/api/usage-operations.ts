/** Usage statements (wip: waits for the fold). */

import type { ApiDeps, Operation } from './operation.ts';
import type { RouteKey } from './routes.ts';

export const USAGE_OPERATIONS = {} satisfies Partial<Record<RouteKey, Operation>>;

export async function alertUsage(_deps: ApiDeps, _org: string, _now: number): Promise<void> {}
