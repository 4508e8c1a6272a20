// docs/porting-to-another-orm.md: the engine's filter type, as src/schema/row-filter.ts declares it.
import type { FilterValue } from "../../src/schema/row-filter.js";
// #region porting-to-another-orm-1
type RowFilter =
  | { kind: "and" | "or"; filters: RowFilter[] }
  | { kind: "not"; filter: RowFilter }
  | { kind: "isNull" | "isNotNull"; field: string }
  | { kind: "compare"; field: string; operator: "=" | "<>" | "<" | "<=" | ">" | ">="; value: FilterValue; caseInsensitive?: boolean }
  | { kind: "in"; field: string; values: FilterValue[]; negated?: boolean; caseInsensitive?: boolean }
  | { kind: "like"; field: string; position: "contains" | "startsWith" | "endsWith"; value: string; caseInsensitive?: boolean }
  | { kind: "relation"; relation: string; quantifier: "some" | "every" | "none"; filter: RowFilter }
  | { kind: "relation"; relation: string; quantifier: "is" | "isNot"; filter: RowFilter | null };
// #endregion
export type { RowFilter };
