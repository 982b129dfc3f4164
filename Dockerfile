# syntax=docker/dockerfile:1
# syztriage as a container: `docker build -t syztriage .`, then see compose.yaml.
# test/deploy/production.test.ts runs what the runtime stage runs (no Docker needed).

# Build: every dependency, then TypeScript into lib/.
FROM node:20.20.2-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# Runtime: the packed app (package.json "files") and its production dependencies only.
FROM node:20.20.2-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` builds with tsc, a development dependency; lib/ comes from the build stage.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/lib ./lib
COPY bin ./bin
COPY data ./data
COPY app.yml README.md LICENSE ./
# The official image's unprivileged user: the app writes nothing, so it owns nothing.
USER node
EXPOSE 3000
# 200 only when the app is loaded and, with REDIS_URL, Redis answers (src/serve/health.ts).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM: stop taking webhooks, finish the triages in flight (up to 25 s), exit.
STOPSIGNAL SIGTERM
CMD ["node", "lib/server.js"]
