// custom-fields.ts's plain values (no zod): what client components import, so their bundles stay free of zod.
// custom-fields.ts re-exports them; the schemas there are built from them.

export const customFieldEntities = ["lead", "deal", "contact", "company"] as const;

export const customFieldTypes = ["text", "number", "date", "select", "multiselect", "boolean", "currency"] as const;
