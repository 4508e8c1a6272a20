// The TableMeta of a model (table, schema, scalar fields, relations), for annotated models and the models
// their relations reach.
import type { DMMF } from "@prisma/generator-helper";
import type { RelationFieldMeta, ScalarFieldMeta, TableMeta } from "../src/schema/index.js";

/** The TableMeta of any model: table, schema, scalar fields and relations. */
export function tableMeta(model: DMMF.Model, byName: ReadonlyMap<string, DMMF.Model>): TableMeta {
  const fields: Record<string, ScalarFieldMeta> = {};
  const relations: Record<string, RelationFieldMeta> = {};
  const columnOf = (owner: DMMF.Model | undefined, name: string): string => owner?.fields.find((field) => field.name === name)?.dbName ?? name;
  for (const field of model.fields) {
    if (field.kind === "scalar" || field.kind === "enum") {
      const nativeType = field.nativeType?.[0];
      fields[field.name] = {
        name: field.name,
        column: field.dbName ?? field.name,
        type: field.type,
        kind: field.kind,
        isList: field.isList,
        isRequired: field.isRequired,
        ...(nativeType ? { nativeType } : {}),
      };
    } else if (field.kind === "object") {
      const related = byName.get(field.type);
      const from = field.relationFromFields ?? [];
      const to = field.relationToFields ?? [];
      relations[field.name] = {
        name: field.name,
        model: field.type,
        isList: field.isList,
        fromColumns: from.map((name) => columnOf(model, name)),
        toColumns: from.length > 0 ? to.map((name) => columnOf(related, name)) : [],
      };
    }
  }
  return { name: model.name, dbSchema: model.schema ?? "public", table: model.dbName ?? model.name, fields, relations };
}
