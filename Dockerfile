# syntax=docker/dockerfile:1
# chainlit-rt image: the package as npm would install it, plus the demo app and the
# deployment manifest (deploy/chainlit.yaml). docs/deploy.md explains every setting.
ARG NODE_VERSION=22

# --- build: every dependency, then dist/ (runtime + CLI) and ui-dist/ (the web UI) -------
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
# Scripts stay off until the sources are here: `prepare` would build too early.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build

# --- runtime: production dependencies and the built output, as a non-root user ----------
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    CHAINLIT_HOST=0.0.0.0 \
    CHAINLIT_PORT=8000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
# What package.json "files" ships: built output, schemas, translations, shipped plugins and
# manifests; and the deployment manifest.
COPY --from=build /src/dist ./dist
COPY --from=build /src/ui-dist ./ui-dist
COPY bin ./bin
COPY schemas ./schemas
COPY translations ./translations
COPY plugins ./plugins
COPY manifests ./manifests
COPY chainlit.yaml chainlit.md ./
COPY deploy/chainlit.yaml ./deploy/chainlit.yaml
# Plugins are compiled at start into <app>/.chainlit-rt/ and local files go to /data/files:
# both must be writable by the unprivileged user.
RUN mkdir -p /data/files && chown -R node:node /app /data
USER node
EXPOSE 8000 9464
# SIGTERM starts the graceful shutdown (server.shutdown_grace_seconds).
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.CHAINLIT_PORT || 8000) + (process.env.CHAINLIT_ROOT_PATH || '') + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself is PID 1 here and handles SIGTERM/SIGINT (no shell in between).
CMD ["node", "bin/chainlit-rt.js", "serve", "deploy/chainlit.yaml", "--ci"]
