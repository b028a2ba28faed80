/** The registry of the response schemas (the OpenAPI document's named components) and the pieces they are built from. */

import * as z from 'zod/mini';

/** The schemas named in `components.schemas`, by name. */
export const responseSchemas = z.registry<{ id: string; description: string }>();

/** Registers a schema as the component `id`. */
export function named<S extends z.ZodMiniType>(id: string, description: string, schema: S): S {
  responseSchemas.add(schema as z.ZodMiniType, { id, description });
  return schema;
}

export const instant = () => z.iso.datetime();

/** A page of a list: its items, and the cursor of the next page if there is one. */
export const page = <S extends z.ZodMiniType>(item: S) => ({ items: z.array(item), cursor: z.optional(z.string()) });
