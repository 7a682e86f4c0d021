import { defineConfig } from 'drizzle-kit';

// `npx drizzle-kit generate` writes a migration for a change to src/records/schema.ts;
// `npx drizzle-kit generate --custom --name <what>` an empty one for hand-written SQL. The
// store applies them at open (src/records/open.ts), on PGlite and PostgreSQL alike.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/records/schema.ts', './src/records/schema-oversight.ts'],
  out: './src/records/migrations',
});
