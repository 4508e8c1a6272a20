/**
 * One model-independent migration of the `prisma_ai` schema. Shipped migrations are never edited: a change is a
 * new migration with the next id. `:PRISMA_AI_SCHEMA` in `sql` stands for the quoted schema name.
 */
export interface BaseMigration {
  /** Position in the sequence, starting at 1; recorded in `prisma_ai.migrations.id`. */
  readonly id: number;
  /** Short description, recorded in `prisma_ai.migrations.name`. */
  readonly name: string;
  /** Statements to run once, in order; each must also be harmless when run again. */
  readonly sql: string;
}
