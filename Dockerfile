# The search server as a container image: the app, the reports of content/ and their index, built
# in. A new index goes out as a new image, replica by replica (DEPLOY.md).
FROM node:20-bookworm-slim AS build
# nodejieba compiles from source.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
# No outbound calls from a deployed server: Next.js telemetry is off.
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 DRAIN_SECONDS=5 EXIT_BOUND_SECONDS=5 LIVE_INDEX=0
# The code, its dependencies and the index belong to root: the server's user can read them, not
# change them. Only Next.js's cache is the server's to write (Kubernetes mounts it read-write anyway,
# with the root filesystem read-only: deploy/k8s/deployment.yaml).
COPY --from=build /app /app
RUN mkdir -p /app/.next/cache && chown node:node /app/.next/cache
# tsx runs the server's TypeScript; it is a runtime dependency.
USER node
EXPOSE 3000
CMD ["node", "--import", "tsx", "scripts/serve.ts"]
