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
COPY --from=build --chown=node:node /app /app
# tsx runs the server's TypeScript; it is a runtime dependency.
USER node
EXPOSE 3000
CMD ["node", "--import", "tsx", "scripts/serve.ts"]
