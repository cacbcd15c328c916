# syntax=docker/dockerfile:1
# One image for both app services (worker and api); the compose file picks the command.
# glibc base image: the Temporal worker's native bridge does not run on Alpine/musl.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# npm install, not npm ci: the lock file lacks other platforms' optional packages (see scripts/setup.sh).
RUN npm install --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json prisma.config.ts ./
COPY prisma ./prisma
COPY domain ./domain
COPY workflows ./workflows
COPY activities ./activities
COPY mail ./mail
COPY reports ./reports
COPY api ./api
COPY worker ./worker
COPY infra ./infra
COPY scripts ./scripts
RUN PRISMA_SCHEMA_ENGINE_BINARY=/bin/true npx prisma generate \
 && npx tsc -p tsconfig.build.json \
 && node dist/worker/workflow-bundle.js \
 && npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
# The 8D report's PDF font (Chinese glyphs; REPORT_FONT_FILE's default path).
RUN apt-get update && apt-get install -y --no-install-recommends fonts-noto-cjk && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/prisma ./prisma
USER node
EXPOSE 3000
CMD ["node", "dist/api/main.js"]
