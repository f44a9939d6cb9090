# Sampledex headless server: `sampledex serve` on port 8001, library in the /data volume.
#   docker build -t sampledex .
#   docker run -p 8001:8001 -v sampledex-data:/data -v "$HOME/Samples:/samples:ro" sampledex
# Index the mounted folder once it runs:
#   docker exec <container> node bin/sampledex.js index /samples --library /data/library

# ---- build: compile native addons and bundle the Node entry points ----
FROM node:20-bookworm-slim AS build
# better-sqlite3 and hnswlib-node are native addons; node-gyp needs a compiler and Python.
RUN apt-get update \
 && apt-get install -y --no-install-recommends build-essential python3 \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# The desktop shell's and the e2e tests' binaries are not needed in a server image.
ENV ELECTRON_SKIP_BINARY_DOWNLOAD=1 \
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
COPY package.json package-lock.json ./
COPY scripts ./scripts
# Install without lifecycle scripts (`prepare` needs the sources, Electron's would download a
# binary), then build just the addons the server runs on. This layer is cached until the lockfile changes.
RUN npm ci --ignore-scripts \
 && npm rebuild better-sqlite3 hnswlib-node esbuild
COPY tsconfig.base.json tsconfig.json tsconfig.node.json ./
COPY bin ./bin
COPY src-shared ./src-shared
COPY src-main ./src-main
# build:node also bundles the bench and train scripts, which import the corpus helpers in test/.
COPY test ./test
COPY resources ./resources
RUN npm run build:node \
 && npm prune --omit=dev

# ---- runtime: the bundle, production node_modules and the model files ----
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/out/node ./out/node
COPY --from=build /app/bin ./bin
COPY --from=build /app/resources ./resources
RUN mkdir -p /data/library && chown -R node:node /data
USER node
VOLUME /data
EXPOSE 8001
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8001/stats').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# 0.0.0.0 inside the container; publish the port on the host's loopback unless it should be shared.
CMD ["node", "bin/sampledex.js", "serve", "--host", "0.0.0.0", "--port", "8001", "--library", "/data/library"]
