/** Usage statements (wip). */
export async function alertUsage(_deps: unknown, _org: string, _now: number): Promise<void> {}
