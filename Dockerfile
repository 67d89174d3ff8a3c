# syntax=docker/dockerfile:1
# divbot for a server (SPEC §18): built in one stage, production dependencies in another, and a
# final image with only what runs, as the unprivileged `node` user. Run `divbot worker` from the
# same image for distributed optimisation (override the command).

ARG NODE_IMAGE=node:20-bookworm-slim

# --- build: every dependency (a cached layer while the lock file stays), then tsc -----------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# --- production dependencies only (no dev tools; `prepare` needs tsc, so scripts are off) ----
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force

# --- runtime ----------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    VAR_DIR=/app/var \
    LOG_FORMAT=json
WORKDIR /app
COPY package.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Read at run time: migrations, the bundled data (demo, fakes), the dashboard's static files.
COPY drizzle ./drizzle
COPY data ./data
COPY src/dashboard/public ./src/dashboard/public
RUN mkdir -p /app/var && chown node:node /app/var
USER node
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/cli/main.js", "run"]
