# Pobyt's container image: the same `node build` that `npm run cluster` and its tests run, on
# Node 20, as a non-root user, with production dependencies only. Build from the repository root:
#   podman build -t pobyt .        (or docker build)
# and run it with deploy/compose.yaml (PostgreSQL, two instances, HAProxy). docs/adr/0010.
ARG NODE_IMAGE=docker.io/library/node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# postgres.js carries a patch (patches/), applied by patch-package at install.
COPY patches ./patches
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx vite build --logLevel warn \
	# Drop the dev dependencies; the patched postgres.js stays as patched.
	&& npm prune --omit=dev --no-audit --no-fund

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
