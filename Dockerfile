# Pobyt's container image: the same `node build` that `npm run cluster` and its tests run, on
# Node 20, as a non-root user, with production dependencies only. Build from the repository root:
#   podman build --format docker -t pobyt .     (or docker build -t pobyt .)
# (podman's default OCI format drops the HEALTHCHECK) and run it with compose.yaml (PostgreSQL,
# two instances, HAProxy). docs/adr/0010. Without a registry: deploy/local-base/.
ARG NODE_IMAGE=docker.io/library/node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# postgres.js carries a patch (patches/), applied by patch-package at install.
COPY patches ./patches
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx vite build --logLevel warn
# Production dependencies only. `npm prune --omit=dev` kept vite, svelte, Kit, typescript, tsx,
# esbuild… (76 MB): they are optional peers of production packages (altcha-lib → @sveltejs/kit,
# valibot → typescript), "devOptional" in the lockfile; --legacy-peer-deps leaves peers out. No
# install scripts run: postgres.js is carried over as patch-package (a dev tool) patched it.
RUN mv node_modules/postgres /tmp/postgres \
	&& rm -rf node_modules \
	&& npm ci --omit=dev --legacy-peer-deps --ignore-scripts --no-audit --no-fund \
	&& rm -rf node_modules/postgres && mv /tmp/postgres node_modules/postgres

FROM ${NODE_IMAGE}
ENV NODE_ENV=production PORT=3000
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/build ./build
# Read at every start: the migrations (MIGRATIONS_DIR) and the checklist sources (CONTENT_DIR).
COPY --from=build /app/drizzle ./drizzle
COPY --from=build /app/content ./content
# The embedded database's folder, for a demo without DATABASE_URL.
RUN mkdir /app/data && chown node:node /app/data
USER node
EXPOSE 3000
# Liveness only; readiness (/api/ready, 503 while draining) is for the load balancer.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
	CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM: /api/ready answers 503 for SHUTDOWN_DRAIN_SECONDS, then requests in flight finish
# (SHUTDOWN_TIMEOUT) and the process exits; give the container a stop timeout above both.
STOPSIGNAL SIGTERM
CMD ["node", "build"]
