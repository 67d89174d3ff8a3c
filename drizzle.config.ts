// drizzle-kit: `npx drizzle-kit generate` writes SQL migrations into drizzle/ from the one schema.
// The same migration set runs on PGlite and PostgreSQL (src/store/open.ts).
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/store/schema/index.ts',
  out: './drizzle',
  strict: true,
  verbose: true,
});
